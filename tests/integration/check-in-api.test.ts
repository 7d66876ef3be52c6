// Check-in on arrival over the bridge's HTTP API (POST /api/check-in), on the
// embedded scheduler and on the FHIR adapter against a FHIR server on
// loopback: too early, by the ticket's QR code, by the session, twice, too
// late, no appointment today, a forged code and another clinic's; the slip on
// the virtual printer (a real TCP socket) and the counts in /metrics.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCode } from '../../device-bridge/check-in/ticket-code';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { contractClinic } from '../../device-bridge/scheduler/test-support/scheduler-contract';
import { bridgeCaller, metricSample, type BridgeCall } from '../bridge-http';
import { startFhirTestServer, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { REPO_ROOT, UI_DIR } from '../kiosk-harness';

const IVANOVA = '6449020886006380';
const SMIRNOV = '4556140827015276';
/** Monday 23.11.2026, 06:00 in Moscow. */
const MORNING = Date.parse('2026-11-23T03:00:00Z');
const moscow = (local: string) => Date.parse(`${local}:00+03:00`);

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = contractClinic(demo.value);

type Backend = (dir: string, clinicFile: string) => Promise<{ scheduler: object; close(): Promise<void> }>;

const embedded: Backend = async (dir, clinicFile) => ({ scheduler: { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile }, close: async () => {} });

const fhir: Backend = async (dir, clinicFile) => {
  const server: FhirTestServer = await startFhirTestServer({ token: 'check-in-token' });
  const seeded = await seedFhirClinic(server.repo, clinic, { from: '2026-11-23', days: 14 });
  writeFileSync(join(dir, 'fhir.token'), 'check-in-token\n');
  return {
    scheduler: {
      adapter: 'fhir',
      baseUrl: server.url,
      auth: { tokenFile: join(dir, 'fhir.token') },
      organization: seeded.organization,
      database: join(dir, 'scheduler.sqlite'),
      clinicFile,
      resilience: { cooldownSeconds: 0.2 },
    },
    close: () => server.close(),
  };
};

function checkInSuite(name: string, backend: Backend): void {
  describe(`check-in on arrival: ${name}`, () => {
    const clock = { ms: MORNING };
    let kiosk: RunningKiosk;
    let dir: string;
    let closeBackend: () => Promise<void>;
    let call: BridgeCall;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'check-in-api-'));
      const clinicFile = join(dir, 'clinic.json');
      writeFileSync(clinicFile, JSON.stringify(clinic));
      const opened = await backend(dir, clinicFile);
      closeBackend = opened.close;
      const config = loadKioskConfig([], {
        bridge: { host: '127.0.0.1', port: 0 },
        scheduler: opened.scheduler,
        virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
        checkIn: { enabled: true, earlyMinutes: 60, lateMinutes: 15, secretEnv: null, secretFile: null },
        log: { level: 'silent' },
      });
      if (!config.ok) throw new Error(formatConfigProblems(config.error));
      kiosk = await startKiosk(config.value, { logger: createLogger('silent'), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => new Date(clock.ms) });
      call = bridgeCaller(kiosk.port);
    });
    afterAll(async () => {
      await kiosk.close();
      await closeBackend();
      rmSync(dir, { recursive: true, force: true });
    });

    const session = async (policyNumber: string): Promise<string> => {
      const { json } = await call('POST', '/api/sessions', { body: { policyNumber } });
      return json.value.sessionId as string;
    };
    const book = async (sid: string, specialty: string): Promise<any> => {
      const slots = await call('GET', `/api/specialties/${specialty}/slots`, { session: sid });
      const hold = await call('POST', '/api/holds', { session: sid, body: { slotId: slots.json.value[0].id } });
      const booked = await call('POST', '/api/bookings', { session: sid, body: { holdId: hold.json.value.holdId, clientKey: randomUUID() } });
      expect(booked.status).toBe(200);
      return booked.json.value;
    };
    const checkIn = (body: object, sid?: string) => call('POST', '/api/check-in', { body, ...(sid ? { session: sid } : {}) });
    const slips = () =>
      decodeEscPos(kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.lines.some((line) => line.includes('Вас пригласят')));

    let booked: any;

    it('prints the signed check-in code in the ticket QR: digits only, nothing personal', async () => {
      const sid = await session(IVANOVA);
      booked = await book(sid, 'therapist-district');
      const code: string = booked.ticket.checkInCode;
      expect(code).toMatch(/^73\d+$/);
      expect(code).not.toContain('6380');
      expect(booked.bookingNumber).toMatch(/^[ЗФ]-/);
      const printed = await call('POST', `/api/bookings/${booked.appointmentId}/print`, { session: sid });
      expect(printed.json.value).toEqual({ outcome: 'printed' });
      const ticket = decodeEscPos(kiosk.virtualPrinter!.receivedBytes()).jobs.at(-1)!;
      expect(ticket.qrCodes).toEqual([code]);
      expect(ticket.lines.map((l) => l.trim())).toContain(`${booked.slot.start.slice(11, 16)} каб. ${booked.slot.doctor.room}`);
    });

    it('too early: says from when, records nothing', async () => {
      const sid = await session(IVANOVA);
      const early = await checkIn({ via: 'session' }, sid);
      expect(early.status).toBe(200);
      const opens = new Date(moscow(booked.slot.start) - 60 * 60_000);
      expect(early.json.value).toMatchObject({ outcome: 'too-early', appointment: { bookingNumber: booked.bookingNumber, room: booked.slot.doctor.room } });
      expect(moscow(early.json.value.opensAt)).toBe(opens.getTime());
      expect(slips()).toHaveLength(0);
    });

    it('by the ticket QR alone: arrived, and a slip with the room, the time and «Вас пригласят»', async () => {
      clock.ms = moscow(booked.slot.start) - 30 * 60_000;
      const arrived = await checkIn({ via: 'ticket', code: booked.ticket.checkInCode });
      expect(arrived.status).toBe(200);
      expect(arrived.json.value).toMatchObject({ outcome: 'arrived', already: false, slip: 'printed', appointment: { appointmentId: booked.appointmentId } });
      const [slip] = slips();
      const text = slip!.lines.join('\n');
      expect(text).toContain(`Кабинет ${booked.slot.doctor.room}, ${booked.slot.start.slice(11, 16)}`);
      expect(text).toContain('Вас пригласят');
      expect(text).not.toContain('Иванова');
      // the scheduler has it: the patient's appointment list says arrived
      const sid = await session(IVANOVA);
      const mine = await call('GET', '/api/appointments', { session: sid });
      expect(mine.json.value.find((a: any) => a.appointmentId === booked.appointmentId).status).toBe('arrived');
    });

    it('again by the keypad session: already arrived, not an error', async () => {
      const sid = await session(IVANOVA);
      const again = await checkIn({ via: 'session' }, sid);
      expect(again.json.value).toMatchObject({ outcome: 'arrived', already: true });
    });

    it('refuses a forged code and another clinic\'s ticket, each with its own kind', async () => {
      const code: string = booked.ticket.checkInCode;
      const forged = await checkIn({ via: 'ticket', code: code.slice(0, -1) + (code.endsWith('0') ? '1' : '0') });
      expect(forged.status).toBe(422);
      expect(forged.json.error).toEqual({ kind: 'ticket-forged' });
      const elsewhere = ticketCode({ clinic: 'ГБУЗ «Городская поликлиника № 7»', secret: 'their-secret' }, booked.bookingNumber)!;
      const other = await checkIn({ via: 'ticket', code: elsewhere });
      expect(other.status).toBe(422);
      expect(other.json.error).toEqual({ kind: 'ticket-other-clinic' });
      const malformed = await checkIn({ via: 'ticket', code: 'x'.repeat(500) });
      expect(malformed.status).toBe(400);
    });

    it('too late: past lateMinutes it sends the patient to the registry', async () => {
      const sid = await session(IVANOVA);
      const later = await book(sid, 'ophthalmologist');
      clock.ms = moscow(later.slot.start) + 20 * 60_000;
      const late = await checkIn({ via: 'ticket', code: later.ticket.checkInCode });
      expect(late.json.value).toMatchObject({ outcome: 'too-late', lateMinutes: 15, appointment: { bookingNumber: later.bookingNumber } });
    });

    it('no appointment today: a plain answer', async () => {
      const sid = await session(SMIRNOV);
      const none = await checkIn({ via: 'session' }, sid);
      expect(none.json.value).toEqual({ outcome: 'no-appointment-today' });
      const noSession = await checkIn({ via: 'session' });
      expect(noSession.status).toBe(401);
    });

    it('counts each check-in under its channel and outcome in /metrics', async () => {
      const { text } = await call('GET', '/metrics');
      expect(metricSample(text, 'kiosk_check_ins_total', { channel: 'ticket-qr', outcome: 'arrived' })).toBe(1);
      expect(metricSample(text, 'kiosk_check_ins_total', { channel: 'keypad', outcome: 'too-early' })).toBe(1);
      expect(metricSample(text, 'kiosk_check_ins_total', { channel: 'ticket-qr', outcome: 'ticket-forged' })).toBe(1);
      expect(metricSample(text, 'kiosk_check_ins_total', { channel: 'ticket-qr', outcome: 'ticket-other-clinic' })).toBe(1);
      expect(text).not.toContain(IVANOVA);
    });
  });
}

checkInSuite('embedded SQLite', embedded);
checkInSuite('FHIR R4 on loopback', fhir);
