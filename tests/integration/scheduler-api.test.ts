// The bridge's booking API for the whole journey, over real HTTP on loopback,
// with every booking rule a patient can run into: their own district's doctor
// only, children's and adults' specialties, one active booking per specialty,
// the per-visit cap, the horizon, attachment; then the patient's appointments,
// cancelling, the waiting list. Once with the embedded scheduler, once with the
// FHIR adapter configured against a FHIR server on loopback.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { contractClinic, ELSEWHERE } from '../../device-bridge/scheduler/test-support/scheduler-contract';
import { startFhirTestServer, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { bridgeCaller, type CallOptions } from '../bridge-http';
import { REPO_ROOT, UI_DIR } from '../kiosk-harness';

/** Monday 23.11.2026, 06:00 in Moscow: before the first appointment of the day. */
const NOW = new Date('2026-11-23T03:00:00Z');
const IVANOVA = '6449020886006380'; // 47, district 1 (Петрова)
const SMIRNOV = '4556140827015276'; // 68, district 2 (Соловьёв)
const KUZNETSOVA = '4593899794204131'; // 25, district 3
const PETROV = '4567350847002918'; // 79, district 4 (ВОП Лебедев)
const SOKOLOV = '4595099732318600'; // 17, paediatric district П-1

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = contractClinic(demo.value);

interface Bridge {
  kiosk: RunningKiosk;
  dir: string;
}

async function startBridge(scheduler: (dir: string, clinicFile: string) => object, extra: object = {}): Promise<Bridge> {
  const dir = mkdtempSync(join(tmpdir(), 'scheduler-api-'));
  const clinicFile = join(dir, 'clinic.json');
  writeFileSync(clinicFile, JSON.stringify(clinic));
  const config = loadKioskConfig([], {
    bridge: { host: '127.0.0.1', port: 0 },
    scheduler: scheduler(dir, clinicFile),
    virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
    booking: { maxActivePerSpecialty: 1, maxBookingsPerSession: 3 },
    log: { level: 'silent' },
    ...extra,
  });
  if (!config.ok) throw new Error(formatConfigProblems(config.error));
  const kiosk = await startKiosk(config.value, { logger: createLogger('silent'), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => NOW });
  return { kiosk, dir };
}

function client(port: () => number) {
  const call = (method: string, path: string, options: CallOptions = {}) => bridgeCaller(port())(method, path, options);
  const session = async (policyNumber: string): Promise<string> => {
    const { status, json } = await call('POST', '/api/sessions', { body: { policyNumber } });
    if (status !== 200) throw new Error(`no session: ${JSON.stringify(json)}`);
    return json.value.sessionId as string;
  };
  /** Holds and books the first free time of the list; returns the booking. */
  const bookFirst = async (sid: string, path: string): Promise<any> => {
    const slots = await call('GET', path, { session: sid });
    const slot = slots.json.value[0];
    const hold = await call('POST', '/api/holds', { session: sid, body: { slotId: slot.id } });
    if (hold.status !== 200) throw new Error(`hold refused: ${JSON.stringify(hold.json)}`);
    const booked = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.json.value.holdId, clientKey: randomUUID() } });
    if (booked.status !== 200) throw new Error(`booking refused: ${JSON.stringify(booked.json)}`);
    return booked.json.value;
  };
  return { call, session, bookFirst };
}

describe('booking API with the embedded scheduler', () => {
  let bridge: Bridge;
  const { call, session, bookFirst } = client(() => bridge.kiosk.port);

  beforeAll(async () => {
    bridge = await startBridge((dir, clinicFile) => ({ adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile }));
  });
  afterAll(async () => {
    await bridge.kiosk.close();
    rmSync(bridge.dir, { recursive: true, force: true });
  });

  it("lists only the specialties the patient may book, each with the nearest time of the patient's own doctors", async () => {
    const anonymous = await call('GET', '/api/specialties');
    expect(anonymous.status).toBe(200);
    expect(anonymous.json.value.map((s: any) => s.code)).toContain('pediatric-surgeon');

    const sid = await session(IVANOVA);
    const { json } = await call('GET', '/api/specialties', { session: sid });
    const codes = json.value.map((s: any) => s.code);
    // an adult is not offered children's specialties
    expect(codes).not.toContain('pediatric-surgeon');
    expect(codes).not.toContain('pediatrician-district');
    expect(codes).toEqual(expect.arrayContaining(['therapist-district', 'surgeon', 'ophthalmologist']));
    // her district therapist is Петрова alone, first free Monday 08:00
    expect(json.value.find((s: any) => s.code === 'therapist-district')).toEqual({
      code: 'therapist-district',
      name: 'Терапевт участковый',
      doctorCount: 1,
      nearestFree: '2026-11-23T08:00',
      blockedBy: null,
      // named on the specialty screen: «Ваш врач: Петрова А. С., каб. 214»
      ownDoctor: { fullName: 'Петрова Анна Сергеевна', room: '214' },
    });
    // a specialty without districts has no «own» doctor
    expect(json.value.find((s: any) => s.code === 'surgeon')).toMatchObject({ ownDoctor: null });
    // the GP serves district 4, not hers
    expect(json.value.find((s: any) => s.code === 'gp')).toMatchObject({ nearestFree: null, blockedBy: { kind: 'rejected-by-rule', rule: 'other-district', district: '1' } });
  });

  it('shows the doctors of a district specialty with her own first and the others blocked, with the reason', async () => {
    const sid = await session(IVANOVA);
    const { status, json } = await call('GET', '/api/specialties/therapist-district/doctors', { session: sid });
    expect(status).toBe(200);
    expect(json.value[0]).toMatchObject({ fullName: 'Петрова Анна Сергеевна', room: '214', district: '1', nearestFree: '2026-11-23T08:00', blockedBy: null });
    expect(json.value[0].freeCount).toBeGreaterThan(200);
    expect(json.value.slice(1).map((d: any) => d.blockedBy)).toEqual([
      { kind: 'rejected-by-rule', rule: 'other-district', district: '1' },
      { kind: 'rejected-by-rule', rule: 'other-district', district: '1' },
    ]);
  });

  it('gives every day of the 14-day horizon with its free times, and the times of one day', async () => {
    const sid = await session(IVANOVA);
    const days = await call('GET', '/api/specialties/therapist-district/days', { session: sid });
    expect(days.json.value).toHaveLength(14);
    expect(days.json.value[0]).toEqual({ date: '2026-11-23', freeCount: 24 }); // Петрова, 08:00–14:00 by 15 min
    expect(days.json.value.find((d: any) => d.date === '2026-11-28')).toEqual({ date: '2026-11-28', freeCount: 0 }); // she has Saturdays off
    expect(days.json.value.at(-1).date).toBe('2026-12-06');

    const tuesday = await call('GET', '/api/specialties/therapist-district/days/2026-11-24/slots', { session: sid });
    expect(tuesday.json.value).toHaveLength(24);
    expect(tuesday.json.value.every((s: any) => s.doctor.fullName === 'Петрова Анна Сергеевна' && s.start.startsWith('2026-11-24'))).toBe(true);

    const surgeons = await call('GET', '/api/specialties/surgeon/doctors', { session: sid });
    const gusev = surgeons.json.value.find((d: any) => d.fullName === 'Гусев Павел Александрович');
    const his = await call('GET', `/api/specialties/surgeon/days?doctorId=${gusev.id}`, { session: sid });
    expect(his.json.value.reduce((n: number, d: any) => n + d.freeCount, 0)).toBe(gusev.freeCount);

    const beyond = await call('GET', '/api/specialties/therapist-district/days/2026-12-07/slots', { session: sid });
    expect(beyond.status).toBe(422);
    expect(beyond.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'beyond-horizon', horizonDays: 14 });
    expect((await call('GET', '/api/specialties/therapist-district/days/23-11-2026/slots', { session: sid })).status).toBe(400);
  });

  it("refuses another district's doctor, and the slot stays free for that district's patients", async () => {
    const sid = await session(IVANOVA);
    const slots = await call('GET', '/api/specialties/therapist-district/slots'); // no session: every therapist
    const solovyov = slots.json.value.find((s: any) => s.doctor.fullName === 'Соловьёв Игорь Павлович');
    const refused = await call('POST', '/api/holds', { session: sid, body: { slotId: solovyov.id } });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'other-district', district: '1' });
    const smirnov = await session(SMIRNOV); // district 2: Соловьёв is his
    expect((await call('POST', '/api/holds', { session: smirnov, body: { slotId: solovyov.id } })).status).toBe(200);
    await call('DELETE', '/api/sessions/current', { session: smirnov });
  });

  it("keeps children's and adults' specialties apart", async () => {
    const child = await session(SOKOLOV);
    const listed = (await call('GET', '/api/specialties', { session: child })).json.value.map((s: any) => s.code);
    expect(listed).toEqual(expect.arrayContaining(['pediatrician-district', 'pediatric-surgeon', 'pediatric-dentist']));
    expect(listed).not.toContain('therapist-district');
    const adultsOnly = await call('GET', '/api/specialties/therapist-district/days', { session: child });
    expect(adultsOnly.status).toBe(422);
    expect(adultsOnly.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'adults-only', adultAge: 18 });
    const booked = await bookFirst(child, '/api/specialties/pediatrician-district/slots');
    expect(booked.slot.doctor.fullName).toBe('Никитина Ольга Игоревна');

    const adult = await session(KUZNETSOVA);
    const childrenOnly = await call('GET', '/api/specialties/pediatric-surgeon/doctors', { session: adult });
    expect(childrenOnly.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'children-only', adultAge: 18 });
  });

  it('allows one active booking per specialty; cancelling it frees the specialty and the slot', async () => {
    const sid = await session(PETROV);
    const first = await bookFirst(sid, '/api/specialties/surgeon/slots');
    const specialties = await call('GET', '/api/specialties', { session: sid });
    expect(specialties.json.value.find((s: any) => s.code === 'surgeon')).toMatchObject({
      nearestFree: null,
      blockedBy: { kind: 'rejected-by-rule', rule: 'active-booking-exists', limit: 1, existingStart: first.slot.start },
    });
    const another = (await call('GET', '/api/specialties/surgeon/slots', { session: sid })).json.value[0];
    const refused = await call('POST', '/api/holds', { session: sid, body: { slotId: another.id } });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ rule: 'active-booking-exists', existingStart: first.slot.start });

    const mine = await call('GET', '/api/appointments', { session: sid });
    expect(mine.json.value).toEqual([{ appointmentId: first.appointmentId, bookingNumber: first.bookingNumber, slot: first.slot, status: 'booked' }]);
    const cancelled = await call('DELETE', `/api/appointments/${first.appointmentId}`, { session: sid });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.value).toMatchObject({ appointmentId: first.appointmentId, status: 'cancelled' });
    expect((await call('GET', '/api/appointments', { session: sid })).json.value).toEqual([]);
    expect((await call('GET', '/api/specialties/surgeon/slots')).json.value.map((s: any) => s.id)).toContain(first.slot.id);
    expect((await call('POST', '/api/holds', { session: sid, body: { slotId: another.id } })).status).toBe(200);
  });

  it('stops one visit after three bookings, and reprints a ticket from "my appointments"', async () => {
    const sid = await session(KUZNETSOVA);
    await bookFirst(sid, '/api/specialties/ophthalmologist/slots');
    await bookFirst(sid, '/api/specialties/otolaryngologist/slots');
    await bookFirst(sid, '/api/specialties/dentist/slots');
    const slot = (await call('GET', '/api/specialties/obstetrician-gynecologist/slots', { session: sid })).json.value[0];
    const capped = await call('POST', '/api/holds', { session: sid, body: { slotId: slot.id } });
    expect(capped.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'session-cap', limit: 3 });

    // a new visit: her bookings are there, and any of them prints again
    const later = await session(KUZNETSOVA);
    const mine = await call('GET', '/api/appointments', { session: later });
    expect(mine.json.value.map((a: any) => a.slot.specialty.code).sort()).toEqual(['dentist', 'ophthalmologist', 'otolaryngologist']);
    const printed = await call('POST', `/api/bookings/${mine.json.value[0].appointmentId}/print`, { session: later });
    expect(printed.json).toEqual({ ok: true, value: { outcome: 'printed' } });
    // and nobody else can cancel them
    const stranger = await session(SMIRNOV);
    const notYours = await call('DELETE', `/api/appointments/${mine.json.value[0].appointmentId}`, { session: stranger });
    expect(notYours.status).toBe(404);
    expect(notYours.json.error.kind).toBe('appointment-not-found');
  });

  it('puts the patient on the waiting list once', async () => {
    const sid = await session(IVANOVA);
    const joined = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'phthisiatrician', claim: 'no-convenient-time' } });
    expect(joined.status).toBe(200);
    expect(joined.json.value).toMatchObject({ specialtyCode: 'phthisiatrician', doctorId: null, claim: 'no-convenient-time' });
    const again = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'phthisiatrician', claim: 'no-convenient-time' } });
    expect(again.json.value.id).toBe(joined.json.value.id);
    const wrongClaim = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'phthisiatrician', claim: 'bored' } });
    expect(wrongClaim.status).toBe(400);
    expect(wrongClaim.json.error.field).toBe('claim');
    const referral = await call('POST', '/api/waiting-list', { session: sid, body: { specialtyCode: 'cardiologist', claim: 'no-slots' } });
    expect(referral.json.error).toEqual({ kind: 'rejected-by-rule', rule: 'specialty-not-self-bookable' });
    expect((await call('POST', '/api/waiting-list', { body: { specialtyCode: 'phthisiatrician', claim: 'no-slots' } })).status).toBe(401);
  });

  it('lets a patient attached to another clinic in, but books nothing for them', async () => {
    const sid = await session(ELSEWHERE);
    const specialties = await call('GET', '/api/specialties', { session: sid });
    expect(specialties.json.value.every((s: any) => s.blockedBy?.kind === 'not-attached' && s.nearestFree === null)).toBe(true);
    const slot = (await call('GET', '/api/specialties/surgeon/slots')).json.value[0];
    const refused = await call('POST', '/api/holds', { session: sid, body: { slotId: slot.id } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({ kind: 'not-attached' });
  });

  it('needs the session for what is personal', async () => {
    for (const [method, path] of [['GET', '/api/appointments'], ['DELETE', '/api/appointments/1']] as const) {
      const { status, json } = await call(method, path);
      expect(status).toBe(401);
      expect(json.error.kind).toBe('session-expired');
    }
    expect((await call('GET', '/api/specialties', { session: 'not-a-session' })).status).toBe(401);
  });
});

describe('booking API with the FHIR adapter (scheduler.adapter = fhir)', () => {
  let bridge: Bridge;
  let server: FhirTestServer;
  const { call, session, bookFirst } = client(() => bridge.kiosk.port);

  beforeAll(async () => {
    server = await startFhirTestServer({ token: 'api-test-token' });
    const seeded = await seedFhirClinic(server.repo, clinic, { from: '2026-11-23', days: 14 });
    bridge = await startBridge((dir, clinicFile) => {
      writeFileSync(join(dir, 'fhir.token'), 'api-test-token\n');
      return {
        adapter: 'fhir',
        baseUrl: server.url,
        auth: { tokenFile: join(dir, 'fhir.token') },
        organization: seeded.organization,
        database: join(dir, 'scheduler.sqlite'),
        clinicFile,
        resilience: { cooldownSeconds: 0.2 },
      };
    });
  });
  afterAll(async () => {
    await bridge.kiosk.close();
    await server.close();
    rmSync(bridge.dir, { recursive: true, force: true });
  });

  it('runs the whole journey: identify, choose, book, print, see it, cancel it', async () => {
    const health = await call('GET', '/healthz');
    expect(health.json.components.scheduler).toMatchObject({ state: 'ok', adapter: 'fhir-r4' });

    const sid = await session(IVANOVA);
    const specialties = await call('GET', '/api/specialties', { session: sid });
    expect(specialties.json.value.find((s: any) => s.code === 'therapist-district')).toMatchObject({ doctorCount: 1, nearestFree: '2026-11-23T08:00' });
    const days = await call('GET', '/api/specialties/ophthalmologist/days', { session: sid });
    expect(days.json.value).toHaveLength(14);
    const day = days.json.value.find((d: any) => d.freeCount > 0).date;
    const booked = await bookFirst(sid, `/api/specialties/ophthalmologist/days/${day}/slots`);
    expect(booked.bookingNumber).toMatch(/^Ф-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(booked.ticket).toMatchObject({ specialty: 'Офтальмолог', patient: 'Иванова Т. А.', policyLast4: '6380', bookingNumber: booked.bookingNumber });
    expect((await call('POST', `/api/bookings/${booked.appointmentId}/print`, { session: sid })).json.value).toEqual({ outcome: 'printed' });

    // the rule is enforced although the FHIR server knows nothing of it
    const next = (await call('GET', '/api/specialties/ophthalmologist/slots', { session: sid })).json.value[0];
    expect((await call('POST', '/api/holds', { session: sid, body: { slotId: next.id } })).json.error).toMatchObject({ rule: 'active-booking-exists' });

    const mine = await call('GET', '/api/appointments', { session: sid });
    expect(mine.json.value.map((a: any) => a.bookingNumber)).toEqual([booked.bookingNumber]);
    expect((await call('DELETE', `/api/appointments/${booked.appointmentId}`, { session: sid })).json.value.status).toBe('cancelled');
    const slotOnServer = (await (await fetch(`${server.url}Slot/${booked.slot.id}`, { headers: { authorization: 'Bearer api-test-token' } })).json()) as { status: string };
    expect(slotOnServer.status).toBe('free');
  });

  it('reports the scheduler down at once when the FHIR server is gone, and is back without a restart', async () => {
    await server.stop();
    const specialties = await call('GET', '/api/specialties');
    expect(specialties.status).toBe(503);
    expect(specialties.json.error.kind).toBe('unavailable');
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.json.components.scheduler.state).toBe('down');
    // at once: the kiosk heard the refusal itself, it did not wait out its 3 s deadline
    // (the deadline's own timing is asserted on the kiosk's clock in scheduler-faults.test.ts)
    expect(health.json.components.scheduler.detail).toMatch(/ECONNREFUSED/);
    expect(health.json.components.scheduler.detail).not.toMatch(/timeout/);

    await server.start();
    await expect.poll(async () => (await call('GET', '/api/specialties')).status, { timeout: 5000, interval: 100 }).toBe(200);
  });
});
