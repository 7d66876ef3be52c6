// Test support for every test that talks to a running bridge: plain HTTP calls
// on loopback (any Host or Origin header may be set, to test the guard; `session`
// becomes the x-kiosk-session header), and a patient's whole booking through the API.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

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
}

export type BridgeCall = (method: string, path: string, options?: CallOptions) => Promise<HttpAnswer>;

export function bridgeCaller(port: number): BridgeCall {
  return (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          headers: {
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...(options.session ? { 'x-kiosk-session': options.session } : {}),
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
