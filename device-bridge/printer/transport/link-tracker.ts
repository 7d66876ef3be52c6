// Connection tracking every transport shares (stream-transport.ts for TCP and
// serial, usb-transport.ts): at most one open link, a new link id each time one
// opens (PrinterTransport.linkId, which escpos-printer.ts compares around a job),
// operations one at a time so a status answer is never read by the wrong
// request, and no link opened again once the transport is closed.
import type { Result } from '../../contract/result';
import type { TransportError } from '../printer-port';

export interface LinkTracker<L> {
  /** The open link, or null when none is. */
  current(): L | null;
  /** 0 while no link is open, a new number for each link opened. */
  linkId(): number;
  /** A link just opened: it becomes the current one, with a new id. */
  opened(link: L): void;
  /** Lets go of `link` if it is still the current one; false when another (or none) is. */
  forget(link: L): boolean;
  /** True once `close()` was called: nothing may be opened any more. */
  isClosed(): boolean;
  close(): void;
  /** Runs `operation` after every one queued before it, whether those failed or not. */
  exclusive<T>(operation: () => Promise<T>): Promise<T>;
  /** In turn (`exclusive`): opens a link if none is open (`open`), then runs `operation` on it; a failure to open is the answer. */
  withLink<O, T>(open: () => Promise<Result<O, TransportError>>, operation: (opened: O) => Promise<Result<T, TransportError>>): Promise<Result<T, TransportError>>;
}

export function createLinkTracker<L>(): LinkTracker<L> {
  let link: L | null = null;
  let links = 0;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    current: () => link,
    linkId: () => (link === null ? 0 : links),
    opened(l) {
      link = l;
      links++;
    },
    forget(l) {
      if (link !== l) return false;
      link = null;
      return true;
    },
    isClosed: () => closed,
    close() {
      closed = true;
    },
    exclusive,
    withLink: (open, operation) =>
      exclusive(async () => {
        const opened = await open();
        return opened.ok ? operation(opened.value) : opened;
      }),
  };
}
