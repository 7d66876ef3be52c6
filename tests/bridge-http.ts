// Test support for every test that talks to a running bridge: plain HTTP calls
// on loopback (any Host or Origin header may be set, to test the guard; `session`
// becomes the x-kiosk-session header; mutating calls carry the per-boot kiosk
// token the way the served UI does), and a patient's whole booking through the API.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { KIOSK_TOKEN_HEADER, SESSION_HEADER } from '../device-bridge/contract/headers';
import { needsKioskToken } from '../device-bridge/contract/kiosk-token-rule';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // Tests read JSON answers loosely.
  readonly json: any;
}

export interface CallOptions {
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** The patient's session id, sent as the x-kiosk-session header. */
  readonly session?: string;
  /** false: send no kiosk token, to test the refusal (default: sent on every mutating /api/ call, as the UI does). */
  readonly kioskToken?: boolean;
}

export type BridgeCall = (method: string, path: string, options?: CallOptions) => Promise<HttpAnswer>;

/**
 * Asks the bridge for its kiosk token the way the served UI's fetch() does:
 * a browser labels its same-origin requests `Sec-Fetch-Site: same-origin`.
 */
export async function kioskTokenOf(port: number): Promise<string> {
  const answer = await rawCall(port, 'GET', '/api/kiosk/token', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } });
  if (answer.status !== 200 || answer.json?.ok !== true) throw new Error(`kiosk token: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  return answer.json.value.token as string;
}

/** The event stream's URL with the kiosk token, as the UI opens it. */
export async function eventStreamUrl(port: number): Promise<string> {
  return `ws://127.0.0.1:${port}/api/events?token=${encodeURIComponent(await kioskTokenOf(port))}`;
}

export function bridgeCaller(port: number): BridgeCall {
  let token: Promise<string> | null = null;
  return async (method, path, options = {}) => {
    const needsToken = options.kioskToken !== false && needsKioskToken(method, path.split('?', 1)[0] ?? path) === 'header';
    if (!needsToken) return rawCall(port, method, path, options);
    token ??= kioskTokenOf(port);
    return rawCall(port, method, path, { ...options, headers: { [KIOSK_TOKEN_HEADER]: await token, ...options.headers } });
  };
}

function rawCall(port: number, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(options.session ? { [SESSION_HEADER]: options.session } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs in to service mode with the PIN; the answer is the header to send on service calls. */
export async function serviceHeaders(call: BridgeCall, pin: string): Promise<Record<string, string>> {
  const answer = await call('POST', '/api/service/login', { body: { pin } });
  if (answer.status !== 200 || answer.json?.ok !== true) throw new Error(`service login: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  return { 'x-service-token': answer.json.value.token as string };
}

/** The value of one Prometheus sample, e.g. metricSample(text, 'kiosk_bookings_total', { mode: 'training' }), summed over the other labels; 0 when absent. */
export function metricSample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[3]);
  }
  return total;
}

export interface ScriptedBooking {
  readonly sessionId: string;
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly specialty: string;
  readonly print: { outcome: string };
}

/**
 * What a patient does on the keypad path: identify, list specialties, pick the
 * first free time of `specialty`, hold it, book it, print the ticket. The
 * session stays open (the caller ends it, with the reason it wants).
 */
export async function bookThroughApi(call: BridgeCall, policyNumber: string, specialty = 'therapist-district'): Promise<ScriptedBooking> {
  const expectOk = (what: string, answer: HttpAnswer) => {
    if (answer.status !== 200 || answer.json?.ok !== true) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.json.value;
  };
  const session = expectOk('identify', await call('POST', '/api/sessions', { body: { policyNumber } }));
  const headers = { 'x-kiosk-session': session.sessionId as string };
  expectOk('specialties', await call('GET', '/api/specialties', { headers }));
  const slots = expectOk('slots', await call('GET', `/api/specialties/${specialty}/slots`, { headers })) as Array<{ id: string }>;
  if (slots.length === 0) throw new Error(`no free ${specialty} slot`);
  const hold = expectOk('hold', await call('POST', '/api/holds', { headers, body: { slotId: slots[0]!.id } }));
  const booked = expectOk('book', await call('POST', '/api/bookings', { headers, body: { holdId: hold.holdId, clientKey: randomUUID() } }));
  const print = expectOk('print', await call('POST', `/api/bookings/${encodeURIComponent(booked.appointmentId)}/print`, { headers }));
  return { sessionId: session.sessionId, appointmentId: booked.appointmentId, bookingNumber: booked.bookingNumber, specialty, print };
}

/** The value of a 200 `{ ok: true }` answer; anything else throws, naming the step and the answer. */
export function valueOf(what: string, answer: HttpAnswer) {
  if (answer.status !== 200 || answer.json?.ok !== true) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.json.value;
}
