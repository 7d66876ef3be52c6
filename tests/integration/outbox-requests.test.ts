// «Оставить заявку» through the real bridge and the embedded scheduler on disk:
// the request is kept, the slip «Заявка принята» comes out of the virtual
// printer (a real socket) with a reference and no personal data beyond surname
// and initials, the request reaches the waiting list once and leaves the
// outbox; bad phone numbers are refused with the field at fault and nothing kept.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DecodedJob } from '../../device-bridge/printer/emulator/escpos-decoder';
import { bridgeCaller, metricSample, serviceHeaders, valueOf, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let api: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest({ outbox: { retryBaseSeconds: 0.05, retryMaxSeconds: 0.2 } });
  api = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

const paperText = (job: DecodedJob): string => job.lines.map((line) => line.trim()).join(' ').replace(/\s+/g, ' ');
const cutJobs = () => kut.kiosk.virtualPrinter!.tickets().filter((job) => job.cut);

/** Waiting-list rows in the scheduler's own file: what the registry sees. */
function waitingListRows(): Array<{ specialty_code: string; claim: string; client_key: string | null }> {
  const db = new Database(kut.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT specialty_code, claim, client_key FROM waiting_list ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

function outboxRows(): number {
  const db = new Database(join(kut.dir, 'outbox.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const request = (extra: Record<string, unknown> = {}) => ({
  clientKey: randomUUID(),
  specialtyCode: 'ophthalmologist',
  claim: 'no-slots',
  phone: '9123456789',
  ...extra,
});

describe('POST /api/outbox/requests', () => {
  test('offers the clinic’s specialties and says it can take a request', async () => {
    const options = valueOf('options', await api('GET', '/api/outbox/options'));
    expect(options.accepting).toBe(true);
    expect(options.specialties).toContainEqual({ code: 'ophthalmologist', name: expect.any(String) });
  });

  test('an identified patient: kept, slip printed with surname and initials, delivered once, then gone from the outbox', async () => {
    const session = valueOf('identify', await api('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } }));
    const before = cutJobs().length;
    const body = request();
    const accepted = valueOf('request', await api('POST', '/api/outbox/requests', { session: session.sessionId, body }));
    expect(accepted).toMatchObject({ reference: expect.stringMatching(/^З-[0-9A-Z]{3}-[0-9A-Z]{3}$/), displayName: DEMO_PATIENT.display, print: { outcome: 'printed' } });

    const slip = paperText(cutJobs().slice(before)[0]!);
    expect(slip).toContain('Заявка принята');
    expect(slip).toContain(accepted.reference);
    expect(slip).toContain(DEMO_PATIENT.display);
    expect(slip).toContain('Регистратура позвонит');
    // nothing personal beyond surname and initials: not the policy, not the phone
    expect(slip).not.toContain(DEMO_PATIENT.policy.slice(-6));
    expect(slip).not.toContain('9123456789');
    expect(slip).not.toContain('456-78');

    await expect.poll(() => waitingListRows().filter((r) => r.client_key === body.clientKey)).toHaveLength(1);
    expect(waitingListRows().find((r) => r.client_key === body.clientKey)).toMatchObject({ specialty_code: 'ophthalmologist', claim: 'no-slots' });
    await expect.poll(() => outboxRows()).toBe(0);

    // the UI retrying the same POST keeps one request, and the scheduler one entry
    valueOf('retry', await api('POST', '/api/outbox/requests', { session: session.sessionId, body }));
    await expect.poll(() => outboxRows()).toBe(0);
    expect(waitingListRows().filter((r) => r.client_key === body.clientKey)).toHaveLength(1);

    const metrics = (await api('GET', '/metrics')).text;
    expect(metricSample(metrics, 'kiosk_outbox_sent_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(2);
    expect(metricSample(metrics, 'kiosk_outbox_pending')).toBe(0);
  });

  test('without a session (the scheduler could not identify the patient then): the policy number rides along and the patient is found at delivery', async () => {
    const body = request({ policyNumber: DEMO_PATIENT.policy, specialtyCode: 'surgeon', claim: 'no-convenient-time' });
    const accepted = valueOf('request', await api('POST', '/api/outbox/requests', { body }));
    expect(accepted.displayName).toBeNull();
    await expect.poll(() => waitingListRows().filter((r) => r.client_key === body.clientKey)).toHaveLength(1);
    await expect.poll(() => outboxRows()).toBe(0);
  });

  test('nobody to deliver for: neither a session nor a policy number', async () => {
    const answer = await api('POST', '/api/outbox/requests', { body: request() });
    expect(answer.status).toBe(422);
    expect(answer.json.error.kind).toBe('patient-unknown');
  });

  test.each([
    ['too short', '912345678', /10 digits after \+7/],
    ['too long', '91234567890', /10 digits after \+7/],
    ['not a mobile (does not start with 9)', '4951234567', /first digit after \+7 is 9/],
    ['with +7 typed again', '+79123456789', /digits only/],
    ['empty', '', /required/],
  ])('a phone number %s is refused with the field at fault, nothing kept', async (_name, phone, message) => {
    const before = cutJobs().length;
    const answer = await api('POST', '/api/outbox/requests', { body: request({ policyNumber: DEMO_PATIENT.policy, phone }) });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ kind: 'invalid-request', field: 'phone', message: expect.stringMatching(message) });
    expect(cutJobs().length).toBe(before);
    expect(outboxRows()).toBe(0);
  });

  test('service mode counts sent requests and /healthz reports the outbox', async () => {
    const headers = await serviceHeaders(api, TEST_SERVICE_PIN);
    const report = valueOf('outbox', await api('GET', '/api/service/outbox', { headers }));
    expect(report).toMatchObject({ state: 'ok', pending: 0, failed: 0, requests: [] });
    expect(report.sent).toBeGreaterThanOrEqual(2);
    const health = await api('GET', '/healthz');
    expect(health.json.components.outbox).toMatchObject({ state: 'ok', pending: 0, failed: 0 });
  });
});
