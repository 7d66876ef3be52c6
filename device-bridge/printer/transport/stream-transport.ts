// The byte-moving core shared by the TCP and serial transports: one link (a
// socket, a serial port) opened on first use and reopened after it drops,
// operations one at a time so a status answer is never read by the wrong
// request, and every failure a value. The transports only say how to open a link.
import type { Duplex } from 'node:stream';
import { err, ok, type Result } from '../../contract/result';
import type { PrinterTransport, TransportError } from '../printer-port';
import { createLinkTracker } from './link-tracker';

/** An open link to the printer. `end` is optional: a serial port never half-closes. */
export interface OpenedLink {
  readonly stream: Duplex;
  /** Destroys the link now; resolves once it is closed. */
  destroy(): Promise<void>;
}

export interface StreamTransportOptions {
  /** Human-readable address without secrets. */
  readonly address: string;
  /** Opens a new link; failures are values. */
  readonly open: () => Promise<Result<OpenedLink, TransportError>>;
  /** A printer that stopped reading (buffer full) stalls writes; give up after this. */
  readonly writeTimeoutMs?: number;
}

interface PendingAnswer {
  readonly length: number;
  readonly done: (result: Result<Uint8Array, TransportError>) => void;
}

export const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
};

export function createStreamTransport(options: StreamTransportOptions): PrinterTransport {
  const { address } = options;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;

  const links = createLinkTracker<OpenedLink>();
  let inbox: Buffer[] = [];
  let inboxLength = 0;
  let pending: PendingAnswer | null = null;

  const takeAnswerIfComplete = (): void => {
    if (!pending || inboxLength < pending.length) return;
    const all = Buffer.concat(inbox);
    const answer = new Uint8Array(all.subarray(0, pending.length));
    inbox = [all.subarray(pending.length)];
    inboxLength = all.length - pending.length;
    const { done } = pending;
    pending = null;
    done(ok(answer));
  };

  const forget = (l: OpenedLink, reason: string): void => {
    if (!links.forget(l)) return;
    if (pending) {
      const { done } = pending;
      pending = null;
      done(err({ kind: 'disconnected', reason }));
    }
  };

  const open = async (): Promise<Result<{ link: OpenedLink; reused: boolean }, TransportError>> => {
    if (links.isClosed()) return err({ kind: 'disconnected', reason: 'transport closed' });
    const current = links.current();
    if (current) return ok({ link: current, reused: true });
    const opened = await options.open();
    if (!opened.ok) return opened;
    if (links.isClosed()) {
      await opened.value.destroy();
      return err({ kind: 'disconnected', reason: 'transport closed' });
    }
    const l = opened.value;
    let lastError = 'connection closed';
    // Always listening for 'error': an unhandled one would crash the bridge.
    l.stream.on('error', (error) => {
      lastError = describeError(error);
    });
    l.stream.once('close', () => forget(l, lastError));
    l.stream.once('end', () => forget(l, 'printer closed the connection'));
    l.stream.on('data', (chunk: Buffer) => {
      if (links.current() !== l) return;
      inbox.push(chunk);
      inboxLength += chunk.length;
      takeAnswerIfComplete();
    });
    links.opened(l);
    inbox = [];
    inboxLength = 0;
    return ok({ link: l, reused: false });
  };

  const send = (l: OpenedLink, bytes: Uint8Array): Promise<Result<void, TransportError>> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        forget(l, 'write timed out');
        void l.destroy();
        resolve(err({ kind: 'timeout', afterMs: writeTimeoutMs }));
      }, writeTimeoutMs);
      l.stream.write(bytes, (error) => {
        clearTimeout(timer);
        resolve(error ? err({ kind: 'disconnected', reason: describeError(error) }) : ok(undefined));
      });
    });

  const requestOnce = async (
    bytes: Uint8Array,
    answerLength: number,
    timeoutMs: number,
  ): Promise<{ result: Result<Uint8Array, TransportError>; reused: boolean }> => {
    const opened = await open();
    if (!opened.ok) return { result: opened, reused: false };
    const { link: l, reused } = opened.value;
    // Bytes that arrived unasked (automatic status back, a late answer) would
    // shift every following answer: start from an empty inbox.
    inbox = [];
    inboxLength = 0;
    const answer = new Promise<Result<Uint8Array, TransportError>>((resolve) => {
      const timer = setTimeout(() => {
        pending = null;
        // The answer may still come and would be read by the next request:
        // drop the link so the stream starts clean.
        forget(l, 'answer timed out');
        void l.destroy();
        resolve(err({ kind: 'timeout', afterMs: timeoutMs }));
      }, timeoutMs);
      pending = {
        length: answerLength,
        done: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
    });
    const sent = await send(l, bytes);
    if (!sent.ok && pending) {
      const { done } = pending;
      pending = null;
      done(sent);
    }
    return { result: await answer, reused };
  };

  return {
    address,

    linkId: links.linkId,

    // No retry: part of a ticket may have gone out, and a second copy is worse than none.
    write: (bytes) => links.withLink(open, ({ link: l }) => send(l, bytes)),

    request(bytes, answerLength, timeoutMs) {
      return links.exclusive(async () => {
        const first = await requestOnce(bytes, answerLength, timeoutMs);
        // A kept-alive link may have been dropped by the printer while idle:
        // a status query is safe to repeat once on a fresh link.
        if (!first.result.ok && first.result.error.kind === 'disconnected' && first.reused) {
          return (await requestOnce(bytes, answerLength, timeoutMs)).result;
        }
        return first.result;
      });
    },

    close() {
      links.close();
      return links.exclusive(async () => {
        const l = links.current();
        if (!l) return;
        forget(l, 'transport closed');
        await l.destroy();
      });
    },
  };
}
