// TCP transport (`tcp://host:9100`, the "raw"/JetDirect port of network
// printers). One socket, opened on first use and reopened after it drops:
// network printers often accept a single connection, so we hold it rather than
// reconnect per ticket. Every network failure comes back as a value.
import { connect } from 'node:net';
import { err, ok } from '../../contract/result';
import type { PrinterTransport } from '../printer-port';
import { createStreamTransport, describeError, type OpenedLink } from './stream-transport';

export interface TcpTransportOptions {
  /** A printer that is switched off or unplugged shows up as this timeout. */
  readonly connectTimeoutMs?: number;
  /** A printer that stopped reading (buffer full) stalls writes; give up after this. */
  readonly writeTimeoutMs?: number;
}

const DEFAULT_PORT = 9100;

/** Creates a transport for `tcp://host[:port]`; the port defaults to 9100. */
export function createTcpTransport(url: URL, opts: TcpTransportOptions = {}): PrinterTransport {
  if (url.protocol !== 'tcp:' || url.hostname === '') {
    // The composition root picks the transport by scheme, so this is a bug.
    throw new TypeError(`createTcpTransport needs tcp://host:port, got ${url.protocol}//${url.host}`);
  }
  const connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);

  return createStreamTransport({
    address: `tcp://${url.hostname}:${port}`,
    ...(opts.writeTimeoutMs === undefined ? {} : { writeTimeoutMs: opts.writeTimeoutMs }),
    open: () =>
      new Promise((resolve) => {
        const socket = connect({ host, port });
        let lastError = 'connection closed';
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(err({ kind: 'timeout', afterMs: connectTimeoutMs }));
        }, connectTimeoutMs);
        socket.on('error', (error) => {
          lastError = describeError(error);
        });
        const onEarlyClose = (): void => {
          clearTimeout(timer);
          resolve(err({ kind: 'disconnected', reason: lastError }));
        };
        socket.once('close', onEarlyClose);
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.off('close', onEarlyClose);
          // Status queries are three bytes: send them now, not after Nagle's delay.
          socket.setNoDelay(true);
          const link: OpenedLink = {
            stream: socket,
            destroy: () =>
              new Promise<void>((done) => {
                if (socket.closed) return done();
                socket.once('close', () => done());
                socket.destroy();
              }),
          };
          resolve(ok(link));
        });
      }),
  });
}
