// Fifty patients at fifty kiosks press "Записаться" on the same slot at once:
// exactly one appointment, forty-nine "slot taken". And a confirm whose answer
// was lost (a timeout, on the kiosk's clock: test-support/kiosk-clock.ts)
// retried with the same key books nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enpCheckDigit } from '../../device-bridge/domain/oms-policy';
import type { Result } from '../../device-bridge/contract/result';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler, type EmbeddedScheduler } from '../../device-bridge/scheduler/embedded/embedded-scheduler';
import { openFhirScheduler } from '../../device-bridge/scheduler/fhir/fhir-scheduler';
import { ResilientScheduler } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import { stopTheClock, track, untilReal } from '../../device-bridge/scheduler/test-support/kiosk-clock';
import type { Scheduler } from '../../device-bridge/scheduler/scheduler-port';
import { startFhirTestServer, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';

const KIOSKS = 50;
const NOW = Date.parse('2026-11-23T07:00:00Z'); // Monday 10:00 in Moscow
const WINDOW = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');

/** Fifty patients with valid ЕНП, one per kiosk. */
const racers = Array.from({ length: KIOSKS }, (_, i) => {
  const body = `770000000${String(i).padStart(6, '0')}`;
  return { policyNumber: `${body}${enpCheckDigit(body)}`, surname: 'Тестов', givenName: 'Пациент', patronymic: String(i), birthDate: '1980-01-01', sex: 'male' as const, attached: true };
});
const clinic: ClinicDefinition = { ...demo.value, patients: [...demo.value.patients, ...racers] };

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** One kiosk's patient: identify, hold, confirm. Returns what the patient would be told. */
async function press(kiosk: Scheduler, policy: string, slotId: string, key: string): Promise<string> {
  const patient = value(await kiosk.findPatientByPolicy(policy));
  const hold = await kiosk.holdSlot(slotId, patient.id, 300);
  if (!hold.ok) return hold.error.kind;
  const booked = await kiosk.confirmHold(hold.value.id, key);
  return booked.ok ? 'booked' : booked.error.kind;
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scheduler-race-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'scheduler.sqlite');
}

async function fhirServer(): Promise<{ server: FhirTestServer; organization: string }> {
  const server = await startFhirTestServer();
  cleanup.push(() => server.close());
  const seeded = await seedFhirClinic(server.repo, clinic, { from: '2026-11-23', days: 14 });
  return { server, organization: seeded.organization };
}

async function bookedOn(server: FhirTestServer, slotId: string): Promise<number> {
  const bundle = (await (await fetch(`${server.url}Appointment?slot=Slot/${slotId}&status=booked`)).json()) as { entry?: unknown[] };
  return bundle.entry?.length ?? 0;
}

describe('embedded SQLite: fifty connections to one database file', () => {
  it('books the slot once and tells the other forty-nine it is taken', async () => {
    const dbPath = tempDb();
    const kiosks: EmbeddedScheduler[] = [];
    for (let i = 0; i < KIOSKS; i++) kiosks.push(openEmbeddedScheduler({ dbPath, clinic, now: () => new Date(NOW), busyTimeoutMs: 5000 }));
    cleanup.push(() => kiosks.forEach((k) => k.close()));
    const slot = value(await kiosks[0]!.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }))[0]!;

    const outcomes = await Promise.all(kiosks.map((k, i) => press(k, racers[i]!.policyNumber, slot.id, `kiosk-${i}:key`)));
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'slot-taken')).toHaveLength(KIOSKS - 1);
    expect(kiosks[0]!.countAppointments({ slotId: slot.id })).toBe(1);
    expect(kiosks[0]!.countAppointments()).toBe(1);
  });

  it('a confirm that timed out on a locked database and is retried with the same key books once', async () => {
    const dbPath = tempDb();
    const inner = openEmbeddedScheduler({ dbPath, clinic, now: () => new Date(NOW), busyTimeoutMs: 100 });
    const kiosk = new ResilientScheduler(inner, { settings: { timeoutMs: 3000 } });
    cleanup.push(() => kiosk.close());
    const slot = value(await kiosk.listFreeSlots({ specialtyCode: 'ophthalmologist', ...WINDOW }))[0]!;
    const patient = value(await kiosk.findPatientByPolicy(racers[0]!.policyNumber));
    const hold = value(await kiosk.holdSlot(slot.id, patient.id, 300));

    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE');
    const timedOut = await kiosk.confirmHold(hold.id, 'review-key-1');
    other.exec('ROLLBACK');
    other.close();
    expect(timedOut).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/SQLITE_BUSY/) } });

    const retried = value(await kiosk.confirmHold(hold.id, 'review-key-1'));
    const again = value(await kiosk.confirmHold(hold.id, 'review-key-1'));
    expect(again).toEqual(retried);
    expect(inner.countAppointments({ slotId: slot.id })).toBe(1);
    expect(inner.countAppointments()).toBe(1);
  });
});

describe('FHIR R4: fifty HTTP clients against one FHIR server', () => {
  it('books the slot once and tells the other forty-nine it is taken', async () => {
    const { server, organization } = await fhirServer();
    const kiosks = Array.from({ length: KIOSKS }, () =>
      openFhirScheduler({ baseUrl: server.url, timeZone: 'Europe/Moscow', organization, now: () => new Date(NOW), timeoutMs: 10_000 }),
    );
    cleanup.push(() => kiosks.forEach((k) => k.close()));
    // Every kiosk has read the clinic and sees the slot free before anyone presses.
    await Promise.all(kiosks.map(async (k) => value(await k.listDirectory())));
    const slot = value(await kiosks[0]!.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }))[0]!;

    const outcomes = await Promise.all(kiosks.map((k, i) => press(k, racers[i]!.policyNumber, slot.id, `kiosk-${i}:key`)));
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'slot-taken')).toHaveLength(KIOSKS - 1);
    expect(await bookedOn(server, slot.id)).toBe(1);
    const busy = (await (await fetch(`${server.url}Slot/${slot.id}`)).json()) as { status: string };
    expect(busy.status).toBe('busy');
  }, 30_000);

  it('a confirm whose answer was lost (timeout) and is retried with the same key books once', async () => {
    const { server, organization } = await fhirServer();
    const inner = openFhirScheduler({ baseUrl: server.url, timeZone: 'Europe/Moscow', organization, now: () => new Date(NOW), timeoutMs: 1500 });
    const kiosk = new ResilientScheduler(inner, { settings: { timeoutMs: 1500 } });
    cleanup.push(() => kiosk.close());
    const slot = value(await kiosk.listFreeSlots({ specialtyCode: 'ophthalmologist', ...WINDOW }))[0]!;
    const patient = value(await kiosk.findPatientByPolicy(racers[0]!.policyNumber));
    const hold = value(await kiosk.holdSlot(slot.id, patient.id, 300));

    // The server books the appointment but the answer never arrives in time.
    server.setFault({ kind: 'lose-answers', methods: ['PUT'], resourceType: 'Appointment', ms: 5000 });
    stopTheClock({ monotonic: true });
    const confirming = track(kiosk.confirmHold(hold.id, 'review-key-1'));
    await untilReal(async () => (await bookedOn(server, slot.id)) === 1, 'the server booked it'); // it did reach the server
    await vi.advanceTimersByTimeAsync(1500); // the kiosk's budget, while the answer is still held back
    expect(confirming.settled).toBe(true);
    expect(confirming.value).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/timeout/) } });
    vi.useRealTimers();
    expect(await bookedOn(server, slot.id)).toBe(1);

    server.setFault({ kind: 'none' });
    const retried = value(await kiosk.confirmHold(hold.id, 'review-key-1'));
    expect(retried).toMatchObject({ id: hold.id, status: 'booked', slot: { id: slot.id } });
    expect(value(await kiosk.confirmHold(hold.id, 'review-key-1'))).toEqual(retried);
    expect(await bookedOn(server, slot.id)).toBe(1);
    expect(value(await kiosk.listAppointments(patient.id, { from: '2026-11-23T10:00' })).map((a) => a.id)).toEqual([hold.id]);
  });
});
