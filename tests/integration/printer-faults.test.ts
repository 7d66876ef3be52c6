// Printer faults through the real bridge: HTTP API → booking service → ESC/POS
// → TCP → virtual printer (a real socket), faults switched in service mode
// over the bridge's own API. The rule under test: a booking is never lost and a
// ticket is never called printed unless the printer cut it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JournalEntry } from '../../device-bridge/contract';
import { startVirtualPrinter, type VirtualPrinter } from '../../device-bridge/printer/emulator/virtual-printer';
import { printerCommand, type CliIo } from '../../device-bridge/printer/printer-cli';
import { createLogger } from '../../device-bridge/logger';
import { bridgeCaller, serviceHeaders, type CallOptions } from '../bridge-http';
import { startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let virtual: VirtualPrinter;
/** The service token: the journal and the fault switch are service mode's. */
let service: Record<string, string>;

beforeAll(async () => {
  kut = await startKioskUnderTest();
  virtual = kut.kiosk.virtualPrinter!;
  service = await serviceHeaders(bridgeCaller(kut.kiosk.port), TEST_SERVICE_PIN);
});

afterAll(async () => {
  await kut.kiosk.close();
});

const call = (port: number, method: string, path: string, options: CallOptions = {}) => bridgeCaller(port)(method, path, options);
const api = (method: string, path: string, options: CallOptions = {}) => call(kut.kiosk.port, method, path, options);

// Demo patients (README); each test books for another one, so booking rules
// such as "one active booking per specialty" never get in the way.
const PATIENTS = ['6449020886006380', '4556140827015276', '4593899794204131', '4567350847002918'];
const SPECIALTIES = ['ophthalmologist', 'otolaryngologist', 'surgeon', 'therapist-district', 'gp'];
let nextPatient = 0;

interface Booking {
  readonly session: string;
  readonly specialty: string;
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly ticket: unknown;
}

/** Identify → first free slot → hold → confirm, with the printer ready. */
async function book(): Promise<Booking> {
  const policyNumber = PATIENTS[nextPatient++ % PATIENTS.length]!;
  const started = await api('POST', '/api/sessions', { body: { policyNumber } });
  expect(started.status).toBe(200);
  const session: string = started.json.value.sessionId;
  for (const specialty of SPECIALTIES) {
    const slots = await api('GET', `/api/specialties/${specialty}/slots`, { session });
    if (!slots.json?.ok || slots.json.value.length === 0) continue;
    const held = await api('POST', '/api/holds', { session, body: { slotId: slots.json.value[0].id } });
    if (!held.json?.ok) continue;
    const booked = await api('POST', '/api/bookings', { session, body: { holdId: held.json.value.holdId, clientKey: `printer-faults-${policyNumber}-${specialty}` } });
    if (!booked.json?.ok) continue;
    return { session, specialty, ...booked.json.value };
  }
  throw new Error(`no bookable slot for demo patient …${policyNumber.slice(-4)}`);
}

/** POST /api/bookings/:id/print, then the journal entry the booking service recorded for it. */
async function printTicket(booking: Booking): Promise<{ print: any; entry: JournalEntry }> {
  const printed = await api('POST', `/api/bookings/${booking.appointmentId}/print`, { session: booking.session });
  expect(printed.status).toBe(200);
  const listed = await api('GET', '/api/service/journal', { headers: service });
  const entry = (listed.json.value as JournalEntry[]).find((e) => e.appointmentId === booking.appointmentId);
  expect(entry).toBeDefined();
  return { print: printed.json.value, entry: entry! };
}

const setFault = async (body: object) => {
  const set = await api('POST', '/api/service/virtual-printer/fault', { body, headers: service });
  expect(set.status).toBe(200);
};

/** The booking is still the patient's: its slot is gone from the free list. */
async function expectBookingKept(booking: Booking, slotId: string) {
  const slots = await api('GET', `/api/specialties/${booking.specialty}/slots`, { session: booking.session });
  expect(slots.json.value.map((s: { id: string }) => s.id)).not.toContain(slotId);
}

/** Every ticket the printer cut; none came out half. */
const cutTickets = () => virtual.tickets().filter((job) => job.cut);

describe('printer faults through the bridge', () => {
  test('paper out before booking: the bridge says so, and nothing is ever sent to the printer', async () => {
    await setFault({ fault: 'paper-out' });
    try {
      const status = await api('GET', '/api/printer/status');
      expect(status.json).toEqual({ ok: true, value: { state: 'paper-out' } });
      // The patient chose the on-screen ticket: the booking goes ahead, the print is refused without a byte of it sent.
      const before = cutTickets().length;
      const booking = await book();
      const { print, entry } = await printTicket(booking);
      expect(print).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
      expect(entry.outcome).toBe('failed');
      expect(cutTickets()).toHaveLength(before);
      expect(virtual.droppedByteCount()).toBe(0);
    } finally {
      await setFault({ fault: 'none' });
    }
  });

  test('paper out after booking: booking kept, print failed, journal entry failed, reprint prints after the refill', async () => {
    const booking = await book();
    const slotId = (booking as unknown as { slot: { id: string } }).slot.id;
    const before = cutTickets().length;
    await setFault({ fault: 'paper-out' });
    const { print, entry } = await printTicket(booking);
    expect(print).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
    expect(entry).toMatchObject({ outcome: 'failed', bookingNumber: booking.bookingNumber, attempts: [{ outcome: 'failed', status: { state: 'paper-out' } }] });
    await expectBookingKept(booking, slotId);
    expect(cutTickets()).toHaveLength(before);

    // A reprint while still empty fails again and is recorded, and queues nothing in the printer.
    const tooEarly = await api('POST', `/api/service/journal/${entry.id}/reprint`, { headers: service });
    expect(tooEarly.json.value.print).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });

    await setFault({ fault: 'none' }); // the roll is refilled
    const reprint = await api('POST', `/api/service/journal/${entry.id}/reprint`, { headers: service });
    expect(reprint.status).toBe(200);
    expect(reprint.json.value.print).toEqual({ outcome: 'printed' });
    expect(reprint.json.value.entry).toMatchObject({ outcome: 'printed', attempts: [{ outcome: 'failed' }, { kind: 'reprint', outcome: 'failed' }, { kind: 'reprint', outcome: 'printed' }] });
    const paper = cutTickets().slice(before);
    expect(paper).toHaveLength(1); // exactly one ticket: the one printed after the refill
    expect(paper[0]!.qrCodes).toEqual([expect.stringMatching(/^73\d+$/)]); // the signed check-in code (device-bridge/check-in/ticket-code.ts)
  });

  test('cover open after booking: failed with cover-open, printed once the cover is closed', async () => {
    const booking = await book();
    const before = cutTickets().length;
    await setFault({ fault: 'cover-open' });
    const { print, entry } = await printTicket(booking);
    expect(print).toEqual({ outcome: 'failed', status: { state: 'cover-open' } });
    expect(entry.outcome).toBe('failed');
    expect(cutTickets()).toHaveLength(before);
    await setFault({ fault: 'none' });
    const reprint = await api('POST', `/api/service/journal/${entry.id}/reprint`, { headers: service });
    expect(reprint.json.value.print).toEqual({ outcome: 'printed' });
    expect(cutTickets()).toHaveLength(before + 1);
  });

  test('disconnect mid-job: failed, the half ticket never counts as printed, the reprint prints it whole', async () => {
    const booking = await book();
    const before = cutTickets().length;
    const incompleteBefore = virtual.incompleteJobCount();
    await setFault({ fault: 'disconnect-mid-job', afterBytes: 300 });
    const { print, entry } = await printTicket(booking);
    expect(print).toMatchObject({ outcome: 'failed', status: { state: 'offline' } });
    expect(entry.outcome).toBe('failed');
    await expect.poll(() => virtual.incompleteJobCount()).toBe(incompleteBefore + 1);
    expect(cutTickets()).toHaveLength(before);
    await setFault({ fault: 'none' });
    const reprint = await api('POST', `/api/service/journal/${entry.id}/reprint`, { headers: service });
    expect(reprint.json.value.print).toEqual({ outcome: 'printed' });
    expect(cutTickets().slice(before).map((job) => job.qrCodes)).toEqual([[expect.stringMatching(/^73\d+$/)]]);
  });

  test('a printer that never answers status: failed within the status timeout, nothing sent', async () => {
    const booking = await book();
    const before = cutTickets().length;
    await setFault({ fault: 'no-status' });
    try {
      const started = performance.now();
      const { print, entry } = await printTicket(booking);
      const elapsed = performance.now() - started;
      expect(print).toMatchObject({ outcome: 'failed', status: { state: 'offline', reason: expect.stringContaining('no answer') } });
      expect(entry.outcome).toBe('failed');
      // The status timeout is 1 s; the confirm timeout (8 s) is never reached.
      expect(elapsed).toBeLessThan(5000);
      expect(cutTickets()).toHaveLength(before);
    } finally {
      await setFault({ fault: 'none' });
    }
  });

  test('a ready printer prints, and the journal says printed', async () => {
    const booking = await book();
    const before = cutTickets().length;
    const { print, entry } = await printTicket(booking);
    expect(print).toEqual({ outcome: 'printed' });
    expect(entry).toMatchObject({ outcome: 'printed', attempts: [{ kind: 'print', outcome: 'printed' }] });
    expect(cutTickets()).toHaveLength(before + 1);
  });
});

describe('printer routes of service mode', () => {
  test('the fault endpoint validates its body and reports the active fault', async () => {
    const bad = await api('POST', '/api/service/virtual-printer/fault', { body: { fault: 'on-fire' }, headers: service });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect((await api('GET', '/api/service/virtual-printer/fault', { headers: service })).json).toEqual({ ok: true, value: { fault: 'none' } });
  });

  test('`kiosk printer fault --bridge` switches the fault in service mode with the PIN from the environment', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => errors.push(line), logger: createLogger('silent') };
    const saved = process.env.KIOSK_SERVICE_PIN;
    try {
      process.env.KIOSK_SERVICE_PIN = '99999999';
      expect(await printerCommand(['fault', 'paper-out', '--bridge', kut.kiosk.url], io)).toBe(1);
      expect(errors).toEqual(['service login refused: wrong service PIN']);
      expect(virtual.fault()).toEqual({ fault: 'none' });
      process.env.KIOSK_SERVICE_PIN = TEST_SERVICE_PIN;
      expect(await printerCommand(['fault', 'paper-out', '--bridge', kut.kiosk.url], io)).toBe(0);
      expect(virtual.fault()).toEqual({ fault: 'paper-out' });
      expect(await printerCommand(['fault', 'none', '--bridge', kut.kiosk.url], io)).toBe(0);
      expect(virtual.fault()).toEqual({ fault: 'none' });
    } finally {
      if (saved === undefined) delete process.env.KIOSK_SERVICE_PIN;
      else process.env.KIOSK_SERVICE_PIN = saved;
      // Service mode has one session at a time: the command's login ended this file's.
      service = await serviceHeaders(bridgeCaller(kut.kiosk.port), TEST_SERVICE_PIN);
    }
  });

  test('an unknown journal entry is 404 with its number', async () => {
    const missing = await api('POST', '/api/service/journal/999999/reprint', { headers: service });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ ok: false, error: { kind: 'journal-entry-not-found', entryId: 999999 } });
    expect((await api('POST', '/api/service/journal/abc/reprint', { headers: service })).status).toBe(400);
  });

  test('a kiosk set up for a USB printer on a machine without one starts, and reports the printer offline', async () => {
    const usbKiosk = await startKioskUnderTest({ printer: { url: 'usb://0dd4:015d', model: 'custom-vkp80iii' } });
    try {
      const status = await call(usbKiosk.kiosk.port, 'GET', '/api/printer/status');
      expect(status.json.value).toMatchObject({ state: 'offline', reason: expect.stringContaining('usb://0dd4:015d') });
      const health = await call(usbKiosk.kiosk.port, 'GET', '/healthz');
      expect(health.json).toMatchObject({ status: 'degraded', components: { printer: { printerState: 'offline', address: 'usb://0dd4:015d' } } });
    } finally {
      await usbKiosk.kiosk.close();
    }
  });

  test('with a real (non-virtual) printer there is no fault switch: 404', async () => {
    const network = await startVirtualPrinter({ port: 0 });
    const other = await startKioskUnderTest({ printer: { url: network.address, model: 'generic-escpos-80' } });
    try {
      const otherService = await serviceHeaders(bridgeCaller(other.kiosk.port), TEST_SERVICE_PIN);
      const refused = await call(other.kiosk.port, 'POST', '/api/service/virtual-printer/fault', { body: { fault: 'paper-out' }, headers: otherService });
      expect(refused.status).toBe(404);
      expect(refused.json).toEqual({ ok: false, error: { kind: 'not-virtual-printer' } });
      expect(other.kiosk.virtualPrinter).toBeNull();
    } finally {
      await other.kiosk.close();
      await network.close();
    }
  });
});
