// A HubService emulator: the demo clinic (or any clinic file) served over HTTP
// on loopback as the N3.Health «Сервис записи на приём» SOAP service, with the
// hub's misspellings, namespace prefixes that change from answer to answer,
// Success=false refusals, and faults a test or a demo can switch on at any
// time: slow, refuse, SOAP fault, a connection dropped mid-answer (after the
// work is done: a booking whose answer is lost), malformed
// XML, a huge answer. Product code: `kiosk hub emulate` runs it.
//
// Control (loopback only, not SOAP): GET /control answers the current faults, latency and calls answered by operation;
// POST /control {"fault": "none|refuse|fault|drop|malformed|huge", "latencyMs": N} switches them.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClinicDefinition } from '../../embedded/clinic-definition';
import { openEmbeddedScheduler } from '../../embedded/embedded-scheduler';
import { answerBody, ARRAYS_NS, DC_NS, SOAP_NS, TEMPURI, textOf } from '../soap-envelope';
import { el, writeXml, XSI_NS, type XmlNode } from '../xml/xml-writer';
import { hubOperations, type OpAnswer } from './hub-operations';

export const HUB_FAULTS = ['none', 'refuse', 'fault', 'drop', 'malformed', 'huge'] as const;
export type HubFault = (typeof HUB_FAULTS)[number];

export interface HubEmulatorOptions {
  readonly clinic: ClinicDefinition;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly latencyMs?: number;
  readonly fault?: HubFault;
  /** CheckPatient then needs the right Birthday (a hub configured for policy+birthDate). */
  readonly requireBirthDate?: boolean;
  /** false: a hub without SearchTop10Patient (CheckPatient then gives an id and no name). Default true. */
  readonly patientSearch?: boolean;
  /** When set, calls with another guid are refused. */
  readonly guid?: string;
  readonly now?: () => Date;
}

export interface HubEmulator {
  readonly url: string;
  readonly port: number;
  setFault(fault: HubFault): void;
  setLatency(ms: number): void;
  /** Booked appointments of a slot (IdAppointment), read from the emulator's own store. */
  countBooked(slotId: string): number;
  /** Calls answered, by operation (for hub-calls-per-booking figures). */
  readonly calls: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** Prefix sets the answers rotate through (SOAP, tempuri, data contracts, xsi, arrays); '' is a default namespace. */
const PREFIXES: readonly (readonly [string, string, string, string, string])[] = [
  ['s', '', 'a', 'i', 'b'],
  ['soap', 't', 'b', 'xsi', 'd5p1'],
  ['env', 'h', 'd5p1', 'ii', 'a'],
];

const MAX_REQUEST_BYTES = 256 * 1024;

export async function startHubEmulator(options: HubEmulatorOptions): Promise<HubEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-hub-emulator-'));
  const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 'hub.sqlite'), clinic: options.clinic, ...(options.now ? { now: options.now } : {}) });
  const operations = hubOperations({ clinic: options.clinic, scheduler, requireBirthDate: options.requireBirthDate ?? false });
  let fault: HubFault = options.fault ?? 'none';
  let latencyMs = options.latencyMs ?? 0;
  let answers = 0;
  const calls = new Map<string, number>();

  function envelope(operation: string, content: XmlNode[]): string {
    const [soap, tns, dc, xsi, arrays] = PREFIXES[answers++ % PREFIXES.length]!;
    const result = el(TEMPURI, `${operation}Result`, content);
    const root = el(SOAP_NS, 'Envelope', [el(SOAP_NS, 'Body', [el(TEMPURI, `${operation}Response`, [result])])]);
    return writeXml(root, new Map([[SOAP_NS, soap], [TEMPURI, tns], [DC_NS, dc], [XSI_NS, xsi], [ARRAYS_NS, arrays]]));
  }

  function resultOf(operation: string, a: OpAnswer): string {
    const m = (local: string, content: XmlNode[] | string | null) => el(DC_NS, local, content);
    const errors = a.ok ? null : [m('Error', [m('ErrorDescription', a.description), m('IdError', a.id)])];
    // An element no client asked for, as real hubs add them: clients must ignore it.
    const extra = m('ServerNote', 'эмулятор');
    return envelope(operation, [m('ErrorList', errors), m('IdHistory', null), m('Success', a.ok ? 'true' : 'false'), extra, ...(a.ok ? a.members : [])]);
  }

  const soapFault = (code: string, text: string) =>
    writeXml(el(SOAP_NS, 'Envelope', [el(SOAP_NS, 'Body', [el(SOAP_NS, 'Fault', [el('', 'faultcode', code), el('', 'faultstring', text)])])]), new Map([[SOAP_NS, 's']]));

  async function soap(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const parsed = answerBody(body);
    const op = parsed.ok && parsed.value.ns === TEMPURI ? parsed.value : null;
    if (!op || !Object.hasOwn(operations, op.local) || (op.local === 'SearchTop10Patient' && options.patientSearch === false)) {
      send(res, 500, soapFault('s:Client', 'The message could not be processed'));
      return;
    }
    calls.set(op.local, (calls.get(op.local) ?? 0) + 1);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (res.destroyed) return;
    switch (fault) {
      case 'fault':
        return send(res, 500, soapFault('s:Server', 'Internal server error'));
      case 'refuse':
        return send(res, 200, resultOf(op.local, { ok: false, id: '616', description: 'Ошибка МИС медицинской организации' }));
      case 'malformed':
        return send(res, 200, `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body><${op.local}Response xmlns="${TEMPURI}"><broken></s:Body>`);
      case 'drop': {
        // The hub did the work (a SetAppointment books); only its answer is lost halfway.
        const whole = resultOf(op.local, await operations[op.local]!(op).catch(() => ({ ok: true as const, members: [] })));
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(whole)) });
        res.write(whole.slice(0, Math.floor(whole.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'huge':
        return sendHuge(res, op.local);
      case 'none':
        break;
    }
    if (options.guid !== undefined && textOf(op, TEMPURI, 'guid') !== options.guid && op.local !== 'CheckIn') {
      return send(res, 200, resultOf(op.local, { ok: false, id: '1', description: 'Неверный идентификатор доступа (guid)' }));
    }
    try {
      send(res, 200, resultOf(op.local, await operations[op.local]!(op)));
    } catch {
      send(res, 500, soapFault('s:Server', 'Internal server error'));
    }
  }

  /** Twelve megabytes of a well-formed answer, sent in pieces. */
  function sendHuge(res: ServerResponse, operation: string): void {
    const head = resultOf(operation, { ok: true, members: [] }).replace(/<\/[^<]*Result>.*$/s, '');
    const filler = `<a:Pad xmlns:a="${DC_NS}">${'x'.repeat(1000)}</a:Pad>`.repeat(1000);
    let left = 12;
    // WCF buffers its answers: the length is declared up front, as here.
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(head) + left * Buffer.byteLength(filler)) });
    res.write(head);
    const more = () => {
      while (left > 0) {
        left--;
        if (!res.write(filler)) return void res.once('drain', more);
      }
      res.end();
    };
    res.on('error', () => undefined);
    more();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/control') return control(req, res, body);
      if (req.method !== 'POST' || size > MAX_REQUEST_BYTES) return send(res, 400, soapFault('s:Client', 'Bad request'));
      soap(req, res, body).catch(() => send(res, 500, soapFault('s:Server', 'Internal server error')));
    });
  });

  function control(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (req.method === 'POST') {
      let asked: { fault?: unknown; latencyMs?: unknown };
      try {
        asked = JSON.parse(body) as typeof asked;
      } catch {
        return send(res, 400, '{"error":"expected JSON"}', 'application/json');
      }
      if (asked.fault !== undefined && !HUB_FAULTS.includes(asked.fault as HubFault)) {
        return send(res, 400, JSON.stringify({ error: `fault: one of ${HUB_FAULTS.join(', ')}` }), 'application/json');
      }
      if (asked.latencyMs !== undefined && !(Number.isInteger(asked.latencyMs) && (asked.latencyMs as number) >= 0)) {
        return send(res, 400, '{"error":"latencyMs: a whole number of milliseconds"}', 'application/json');
      }
      if (asked.fault !== undefined) fault = asked.fault as HubFault;
      if (asked.latencyMs !== undefined) latencyMs = asked.latencyMs as number;
    }
    // The calls answered, by operation: a bench running the emulator in its own process counts hub calls per booking.
    send(res, 200, JSON.stringify({ fault, latencyMs, calls: Object.fromEntries(calls) }), 'application/json');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/HubService.svc`,
    port,
    calls,
    setFault: (f) => void (fault = f),
    setLatency: (ms) => void (latencyMs = ms),
    countBooked: (slotId) => scheduler.countAppointments({ slotId }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      scheduler.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function send(res: ServerResponse, status: number, body: string, type = 'text/xml; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
