// TCP transport (`tcp://host:9100`, the "raw"/JetDirect port of network
// printers). One socket, opened on first use and reopened after it drops:
// network printers often accept a single connection, so we hold it rather than
// reconnect per ticket. Every network failure comes back as a value.
import { connect, type Socket } from 'node:net';
import { err, ok, type Result } from '../result';
import type { PrinterTransport, TransportError } from './printer-port';

export interface TcpTransportOptions {
  /** A printer that is switched off or unplugged shows up as this timeout. */
  readonly connectTimeoutMs?: number;
  /** A printer that stopped reading (buffer full) stalls writes; give up after this. */
  readonly writeTimeoutMs?: number;
}

const DEFAULT_PORT = 9100;

interface PendingAnswer {
  readonly length: number;
  readonly done: (result: Result<Uint8Array, TransportError>) => void;
}

const describe = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
};

/** Creates a transport for `tcp://host[:port]`; the port defaults to 9100. */
export function createTcpTransport(url: URL, opts: TcpTransportOptions = {}): PrinterTransport {
  if (url.protocol !== 'tcp:' || url.hostname === '') {
    // The composition root picks the transport by scheme, so this is a bug.
    throw new TypeError(`createTcpTransport needs tcp://host:port, got ${url.protocol}//${url.host}`);
  }
  const connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const address = `tcp://${url.hostname}:${port}`;

  let socket: Socket | null = null;
  let closed = false;
  let inbox: Buffer[] = [];
  let inboxLength = 0;
  let pending: PendingAnswer | null = null;
  // Operations run one at a time: a status answer must never be read by the
  // wrong request, and a job's bytes must not interleave with a query.
  let queue: Promise<unknown> = Promise.resolve();

  const exclusive = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

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

  const forget = (s: Socket, reason: string): void => {
    if (socket !== s) return;
    socket = null;
    if (pending) {
      const { done } = pending;
      pending = null;
      done(err({ kind: 'disconnected', reason }));
    }
  };

  const open = (): Promise<Result<{ socket: Socket; reused: boolean }, TransportError>> => {
    if (closed) return Promise.resolve(err({ kind: 'disconnected', reason: 'transport closed' }));
    if (socket) return Promise.resolve(ok({ socket, reused: true }));
    return new Promise((resolve) => {
      const s = connect({ host, port });
      let lastError = 'connection closed';
      const timer = setTimeout(() => {
        s.destroy();
        resolve(err({ kind: 'timeout', afterMs: connectTimeoutMs }));
      }, connectTimeoutMs);
      // Always listening for 'error': an unhandled one would crash the bridge.
      s.on('error', (error) => {
        lastError = describe(error);
      });
      s.once('close', () => {
        clearTimeout(timer);
        forget(s, lastError);
        resolve(err({ kind: 'disconnected', reason: lastError })); // no-op once connected
      });
      s.once('end', () => forget(s, 'printer closed the connection'));
      s.on('data', (chunk: Buffer) => {
        if (socket !== s) return;
        inbox.push(chunk);
        inboxLength += chunk.length;
        takeAnswerIfComplete();
      });
      s.once('connect', () => {
        clearTimeout(timer);
        // Status queries are three bytes: send them now, not after Nagle's delay.
        s.setNoDelay(true);
        socket = s;
        inbox = [];
        inboxLength = 0;
        resolve(ok({ socket: s, reused: false }));
      });
    });
  };

  const send = (s: Socket, bytes: Uint8Array): Promise<Result<void, TransportError>> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        s.destroy();
        resolve(err({ kind: 'timeout', afterMs: writeTimeoutMs }));
      }, writeTimeoutMs);
      s.write(bytes, (error) => {
        clearTimeout(timer);
        resolve(error ? err({ kind: 'disconnected', reason: describe(error) }) : ok(undefined));
      });
    });

  const requestOnce = async (
    bytes: Uint8Array,
    answerLength: number,
    timeoutMs: number,
  ): Promise<{ result: Result<Uint8Array, TransportError>; reused: boolean }> => {
    const opened = await open();
    if (!opened.ok) return { result: opened, reused: false };
    const { socket: s, reused } = opened.value;
    // Bytes that arrived unasked (automatic status back, a late answer) would
    // shift every following answer: start from an empty inbox.
    inbox = [];
    inboxLength = 0;
    const answer = new Promise<Result<Uint8Array, TransportError>>((resolve) => {
      const timer = setTimeout(() => {
        pending = null;
        // The answer may still come and would be read by the next request:
        // drop the connection so the stream starts clean.
        forget(s, 'answer timed out');
        s.destroy();
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
    const sent = await send(s, bytes);
    if (!sent.ok && pending) {
      const { done } = pending;
      pending = null;
      done(sent);
    }
    return { result: await answer, reused };
  };

  return {
    address,

    write(bytes) {
      return exclusive(async () => {
        const opened = await open();
        if (!opened.ok) return opened;
        // No retry: part of a ticket may have gone out, and a second copy is worse than none.
        return send(opened.value.socket, bytes);
      });
    },

    request(bytes, answerLength, timeoutMs) {
      return exclusive(async () => {
        const first = await requestOnce(bytes, answerLength, timeoutMs);
        // A kept-alive socket may have been dropped by the printer while idle:
        // a status query is safe to repeat once on a fresh connection.
        if (!first.result.ok && first.result.error.kind === 'disconnected' && first.reused) {
          return (await requestOnce(bytes, answerLength, timeoutMs)).result;
        }
        return first.result;
      });
    },

    close() {
      closed = true;
      return exclusive(async () => {
        const s = socket;
        if (!s) return;
        forget(s, 'transport closed');
        await new Promise<void>((resolve) => {
          s.once('close', () => resolve());
          s.destroy();
        });
      });
    },
  };
}
