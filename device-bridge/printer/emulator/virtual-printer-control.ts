// The emulator's own control endpoint (`kiosk printer emulate --control-port N`):
// a tiny loopback HTTP server to switch faults at runtime when the virtual
// printer runs alone, without a bridge. The bridge itself offers the same in service mode at
// POST /api/service/virtual-printer/fault. Loopback only, Host-checked like the bridge.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { virtualPrinterFaultSchema, type VirtualPrinter } from './virtual-printer';

export interface VirtualPrinterControl {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 4096;

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(text));
    req.on('error', () => resolve(null));
  });
}

/** Serves `GET /fault` and `POST /fault {"fault": "paper-out"}` on `host:port`. */
export async function startVirtualPrinterControl(
  printer: VirtualPrinter,
  options: { readonly host?: string; readonly port: number },
): Promise<VirtualPrinterControl> {
  const host = options.host ?? '127.0.0.1';
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      // A web page elsewhere (DNS rebinding) must not drive the printer.
      if (!allowedHosts.has(req.headers.host ?? '') || req.headers.origin !== undefined) {
        return reply(res, 403, { ok: false, error: { kind: 'invalid-request', field: 'host', message: 'foreign host or origin' } });
      }
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/fault') return reply(res, 404, { ok: false, error: { kind: 'invalid-request', field: 'path', message: 'use /fault' } });
      if (req.method === 'GET') return reply(res, 200, { ok: true, value: printer.fault() });
      if (req.method !== 'POST') return reply(res, 405, { ok: false, error: { kind: 'invalid-request', field: 'method', message: 'GET or POST' } });
      const text = await readBody(req);
      let json: unknown;
      try {
        json = JSON.parse(text ?? '');
      } catch {
        return reply(res, 400, { ok: false, error: { kind: 'invalid-request', field: 'body', message: 'expected JSON' } });
      }
      const parsed = virtualPrinterFaultSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return reply(res, 400, { ok: false, error: { kind: 'invalid-request', field: issue?.path.join('.') || 'fault', message: issue?.message ?? 'invalid' } });
      }
      printer.setFault(parsed.data);
      return reply(res, 200, { ok: true, value: printer.fault() });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new Error(`virtual printer control cannot listen on ${host}:${options.port}`, { cause })));
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${host}:${port}`]);
  return {
    url: `http://${host}:${port}/fault`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
