// The kiosk booking through an N3 HubService: the bridge configured with
// `scheduler.adapter: "n3"` against the project's HubService emulator on
// loopback. The whole journey over the bridge's HTTP API, then the hub's
// faults (slow beyond 3 s, Success=false refusals, a SOAP fault, a connection
// dropped mid-answer, malformed XML, a huge answer): each reaches the patient's
// side as the kiosk's typed error, and the bridge keeps working.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKiosk } from '../../device-bridge/main';
import type { ClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import type { HubEmulator, HubFault } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { emulatorSpecialtyCodes } from '../../device-bridge/scheduler/n3/emulator/hub-operations';
import { N3Scheduler } from '../../device-bridge/scheduler/n3/n3-scheduler';
import { bridgeCaller, type CallOptions } from '../bridge-http';
import { N3_NOW, startKioskOnHub, type KioskOnHub } from '../n3-kiosk';

const NOW = N3_NOW;
const IVANOVA = '6449020886006380';
const GUID = 'n3-api-test-guid';

let onHub: KioskOnHub;
let hub: HubEmulator;
let kiosk: RunningKiosk;
let clinic: ClinicDefinition;
const call = (method: string, path: string, options: CallOptions = {}) => bridgeCaller(kiosk.port)(method, path, options);
const session = async (policyNumber = IVANOVA) => {
  const started = await call('POST', '/api/sessions', { body: { policyNumber } });
  if (started.status !== 200) throw new Error(`no session: ${started.text}`);
  return started.json.value.sessionId as string;
};

beforeAll(async () => {
  // Every fault below must show its own cause, not a circuit opened by the previous one.
  onHub = await startKioskOnHub({ guid: GUID, patientMatch: 'policy', resilience: { failureThreshold: 100, cooldownSeconds: 0.2 } });
  ({ hub, kiosk, clinic } = onHub);
});

afterAll(async () => {
  await onHub?.close();
});

afterEach(() => {
  hub.setFault('none');
  hub.setLatency(0);
});

describe('booking through the N3 HubService emulator', () => {
  it('identifies, books, prints, lists, cancels and joins the waiting list', async () => {
    const health = await call('GET', '/healthz');
    expect(health.json.components.scheduler).toMatchObject({ state: 'ok', adapter: 'n3-hubservice' });
    const sid = await session();
    const specialties = (await call('GET', '/api/specialties', { session: sid })).json.value;
    expect(specialties.find((s: any) => s.code === 'ophthalmologist')).toMatchObject({ name: 'Офтальмолог', doctorCount: 2 });
    const slots = (await call('GET', '/api/specialties/ophthalmologist/slots', { session: sid })).json.value;
    const hold = await call('POST', '/api/holds', { session: sid, body: { slotId: slots[0].id } });
    expect(hold.status).toBe(200);
    const booked = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.json.value.holdId, clientKey: randomUUID() } });
    expect(booked.json.value.bookingNumber).toMatch(/^Н-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(booked.json.value.ticket).toMatchObject({ specialty: 'Офтальмолог', patient: 'Иванова Т. А.', policyLast4: '6380' });
    expect(hub.countBooked(slots[0].id)).toBe(1);
    expect((await call('POST', `/api/bookings/${booked.json.value.appointmentId}/print`, { session: sid })).json.value).toEqual({ outcome: 'printed' });

    const mine = (await call('GET', '/api/appointments', { session: sid })).json.value;
    expect(mine.map((a: any) => a.bookingNumber)).toEqual([booked.json.value.bookingNumber]);
    expect((await call('DELETE', `/api/appointments/${booked.json.value.appointmentId}`, { session: sid })).json.value.status).toBe('cancelled');
    expect(hub.countBooked(slots[0].id)).toBe(0);

    const joined = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'phthisiatrician', claim: 'no-convenient-time' } });
    expect(joined.json.value).toMatchObject({ specialtyCode: 'phthisiatrician', claim: 'no-convenient-time' });
    const again = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'phthisiatrician', claim: 'no-convenient-time' } });
    expect(again.json.value.id).toBe(joined.json.value.id);
  });

  it('tells the patient kindly when the slot went to someone else at the hub (caught at confirm)', async () => {
    const sid = await session();
    const slots = (await call('GET', '/api/specialties/surgeon/slots', { session: sid })).json.value;
    const hold = (await call('POST', '/api/holds', { session: sid, body: { slotId: slots[0].id } })).json.value;
    // Another kiosk of the region (its own bridge) books the same time at the hub meanwhile.
    const other = new N3Scheduler({ baseUrl: hub.url, guid: GUID, lpuId: 1234, timeZone: 'Europe/Moscow', specialtyCodes: emulatorSpecialtyCodes(clinic), now: () => NOW });
    const smirnov = await other.findPatientByPolicy('4556140827015276');
    const theirSlots = await other.listFreeSlots({ specialtyCode: 'surgeon', from: '2026-11-23T00:00', to: '2026-12-07T00:00' });
    if (!smirnov.ok || !theirSlots.ok) throw new Error('the other kiosk cannot read the hub');
    const theirHold = await other.holdSlot(slots[0].id, smirnov.value.id, 300);
    expect(theirHold.ok && (await other.confirmHold(theirHold.value.id, 'other-kiosk')).ok).toBe(true);

    const booked = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.holdId, clientKey: randomUUID() } });
    expect(booked.status).not.toBe(500);
    expect(booked.json.error.kind).toBe('slot-taken');
    expect(hub.countBooked(slots[0].id)).toBe(1);
  });

  it('books once when the confirm\'s answer is lost: the retry reads the history first', async () => {
    const sid = await session();
    const slots = (await call('GET', '/api/specialties/otolaryngologist/slots', { session: sid })).json.value;
    const hold = (await call('POST', '/api/holds', { session: sid, body: { slotId: slots[0].id } })).json.value;
    const clientKey = randomUUID();
    const setBefore = hub.calls.get('SetAppointment') ?? 0;
    hub.setFault('drop');
    const lost = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.holdId, clientKey } });
    expect(lost.json.error.kind).toBe('unavailable');
    expect(hub.countBooked(slots[0].id)).toBe(1); // the hub did book
    hub.setFault('none');
    const retried = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.holdId, clientKey } });
    expect(retried.status).toBe(200);
    expect(hub.countBooked(slots[0].id)).toBe(1);
    expect(hub.calls.get('SetAppointment')).toBe(setBefore + 1); // sent once, never again
  });
});

describe('a confirm replayed after the bridge restarts', () => {
  it('finds its booking by the client key, kept on disk without personal data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n3-restart-'));
    const keyFile = join(dir, 'n3-confirms.sqlite');
    const open = () => new N3Scheduler({ baseUrl: hub.url, guid: GUID, lpuId: 1234, timeZone: 'Europe/Moscow', specialtyCodes: emulatorSpecialtyCodes(clinic), keyFile, now: () => NOW });
    const before = open();
    const patient = await before.findPatientByPolicy(IVANOVA);
    const slots = await before.listFreeSlots({ specialtyCode: 'gp', from: '2026-11-23T00:00', to: '2026-12-07T00:00' });
    if (!patient.ok || !slots.ok) throw new Error('cannot read the hub');
    const hold = await before.holdSlot(slots.value[0]!.id, patient.value.id, 300);
    if (!hold.ok) throw new Error('no hold');
    const booked = await before.confirmHold(hold.value.id, 'replayed-key');
    before.close();

    const after = open();
    expect(await after.bookingByClientKey('replayed-key')).toEqual({ ok: true, value: { appointment: booked.ok && booked.value, holdId: hold.value.id } });
    expect(await after.bookingByClientKey('never-used')).toEqual({ ok: true, value: null });
    after.close();
    const stored = readFileSync(keyFile).toString('utf8');
    for (const personal of [IVANOVA, 'Иванова', '1979-10-13']) expect(stored.includes(personal), personal).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('hub faults reach the patient as typed errors', () => {
  const cases: { fault: HubFault; kind: string; cause?: RegExp }[] = [
    { fault: 'refuse', kind: 'rejected-by-rule' },
    { fault: 'fault', kind: 'unavailable', cause: /HTTP 500 SOAP fault s:Server/ },
    { fault: 'drop', kind: 'unavailable', cause: /connection dropped mid-answer/ },
    { fault: 'malformed', kind: 'unavailable', cause: /malformed XML/ },
    { fault: 'huge', kind: 'unavailable', cause: /answer too large/ },
  ];
  it.each(cases)('$fault → $kind', async ({ fault, kind, cause }) => {
    hub.setFault(fault);
    const identify = await call('POST', '/api/sessions', { body: { policyNumber: IVANOVA } });
    expect(identify.status).not.toBe(500);
    expect(identify.json.error.kind).toBe(kind);
    if (kind === 'rejected-by-rule') expect(identify.json.error.rule).toBe('backend-rule');
    if (cause) {
      const health = await call('GET', '/healthz');
      expect(health.json.components.scheduler.detail ?? '').toMatch(cause);
    }
    hub.setFault('none');
    // and the kiosk works again at once
    expect((await call('POST', '/api/sessions', { body: { policyNumber: IVANOVA } })).status).toBe(200);
  });

  it('a hub slower than 3 s → unavailable (timeout), and the patient is answered', async () => {
    hub.setLatency(3300);
    const identify = await call('POST', '/api/sessions', { body: { policyNumber: IVANOVA } });
    expect(identify.json.error).toMatchObject({ kind: 'unavailable' });
    expect(identify.json.error.cause ?? '').not.toMatch(/6449/);
  });
});
