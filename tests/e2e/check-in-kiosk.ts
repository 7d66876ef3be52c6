// A kiosk for the check-in specs (check-in.spec.ts, check-in-screens.spec.ts): its clock at Monday
// 23.11.2026, 07:30 in Moscow, half an hour before the first appointments, on the embedded scheduler
// or the FHIR adapter against a FHIR server on loopback; bookings made through the bridge's API.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { bridgeCaller, valueOf } from '../bridge-http';
import { startFhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { REPO_ROOT, UI_DIR } from '../kiosk-harness';

const NOW = new Date('2026-11-23T04:30:00Z');
export const SMIRNOV = '4556140827015276';
/** Кузнецова: no appointment unless a test books one. */
export const KUZNETSOVA = '4593899794204131';

export interface CheckInKiosk {
  readonly kiosk: RunningKiosk;
  close(): Promise<void>;
}

export async function startCheckInKiosk(backend: 'embedded' | 'fhir'): Promise<CheckInKiosk> {
  const dir = mkdtempSync(join(tmpdir(), 'check-in-e2e-'));
  const clinicFile = fileURLToPath(DEMO_CLINIC_PATH);
  let scheduler: object = { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile };
  let closeServer = async () => {};
  if (backend === 'fhir') {
    const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
    if (!demo.ok) throw new Error('the demo clinic does not load');
    const server = await startFhirTestServer({ token: 'e2e-token' });
    const seeded = await seedFhirClinic(server.repo, demo.value, { from: '2026-11-23', days: 3 });
    writeFileSync(join(dir, 'fhir.token'), 'e2e-token\n');
    scheduler = { adapter: 'fhir', baseUrl: server.url, auth: { tokenFile: join(dir, 'fhir.token') }, organization: seeded.organization, database: join(dir, 'scheduler.sqlite'), clinicFile };
    closeServer = () => server.close();
  }
  const config = loadKioskConfig([], {
    bridge: { host: '127.0.0.1', port: 0 },
    scheduler,
    cardReader: { enabled: false },
    virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
    log: { level: 'silent' },
  });
  if (!config.ok) throw new Error(formatConfigProblems(config.error));
  const kiosk = await startKiosk(config.value, { logger: createLogger('silent'), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => NOW });
  return {
    kiosk,
    async close() {
      await kiosk.close();
      await closeServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Books the first free time of the patient's district doctor through the API and prints its ticket: its QR's code, room and time. */
export async function bookToday(kiosk: RunningKiosk, policyNumber: string): Promise<{ code: string; room: string; time: string }> {
  const call = bridgeCaller(kiosk.port);
  const headers = { 'x-kiosk-session': valueOf('identify', await call('POST', '/api/sessions', { body: { policyNumber } })).sessionId as string };
  const slots = valueOf('slots', await call('GET', '/api/specialties/therapist-district/slots', { headers }));
  const hold = valueOf('hold', await call('POST', '/api/holds', { headers, body: { slotId: slots[0].id } }));
  const booked = valueOf('book', await call('POST', '/api/bookings', { headers, body: { holdId: hold.holdId, clientKey: randomUUID() } }));
  valueOf('print', await call('POST', `/api/bookings/${encodeURIComponent(booked.appointmentId)}/print`, { headers }));
  await call('DELETE', '/api/sessions/current?reason=done', { headers });
  expect(booked.slot.start.slice(0, 10)).toBe('2026-11-23');
  return { code: booked.ticket.checkInCode, room: booked.slot.doctor.room, time: booked.slot.start.slice(11, 16) };
}

/**
 * The scanner "types" the QR at machine speed and ends with Enter, in one go. The events are made first
 * and dispatched after: an event's timeStamp is taken when it is made, so a pause of a busy test machine
 * between dispatches does not slow the "scanner" to human speed.
 */
export async function scanWithWedge(page: Page, text: string): Promise<void> {
  await page.evaluate((keys) => {
    const events = [...keys, 'Enter'].map((key) => new KeyboardEvent('keydown', { key, bubbles: true }));
    for (const event of events) document.dispatchEvent(event);
  }, [...text]);
}

/**
 * Scans until `expected` shows. Right after «Готово» the attract screen is already up while the bridge
 * still ends the last session, and a scan in that moment is not taken: the patient scans again, as here.
 */
export async function scanUntil(page: Page, text: string, expected: Locator): Promise<void> {
  await expect(async () => {
    await scanWithWedge(page, text);
    await expect(expected).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}

/** The check-in slips the virtual printer received (decoded as a person reads the paper). */
export const slipsOf = (kiosk: RunningKiosk) =>
  decodeEscPos(kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.lines.some((line) => line.includes('Вас пригласят')));
