// «Отметиться о приходе» end to end in Chromium, on the embedded scheduler and on
// the FHIR adapter against a FHIR server on loopback: by the keypad (identify,
// «Это вы?», the arrival recorded), and by the QR of the patient's own ticket
// typed in by a keyboard-wedge scanner; a forged QR and another clinic's, each
// with its plain answer. The slip comes out of the virtual printer (TCP).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { ticketCode } from '../../device-bridge/check-in/ticket-code';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { bridgeCaller, valueOf } from '../bridge-http';
import { startFhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { DEMO_PATIENT, REPO_ROOT, UI_DIR } from '../kiosk-harness';
import { typePolicyOnKeypad } from './kiosk-page';

/** Monday 23.11.2026, 07:30 in Moscow: half an hour before the first appointments of the day. */
const NOW = new Date('2026-11-23T04:30:00Z');
const SMIRNOV = '4556140827015276';

interface CheckInKiosk {
  readonly kiosk: RunningKiosk;
  close(): Promise<void>;
}

type Backend = 'embedded' | 'fhir';

async function startCheckInKiosk(backend: Backend): Promise<CheckInKiosk> {
  const dir = mkdtempSync(join(tmpdir(), 'check-in-e2e-'));
  const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!demo.ok) throw new Error('the demo clinic does not load');
  let scheduler: object = { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile: fileURLToPath(DEMO_CLINIC_PATH) };
  let closeServer = async () => {};
  if (backend === 'fhir') {
    const server = await startFhirTestServer({ token: 'e2e-token' });
    const seeded = await seedFhirClinic(server.repo, demo.value, { from: '2026-11-23', days: 3 });
    writeFileSync(join(dir, 'fhir.token'), 'e2e-token\n');
    scheduler = {
      adapter: 'fhir',
      baseUrl: server.url,
      auth: { tokenFile: join(dir, 'fhir.token') },
      organization: seeded.organization,
      database: join(dir, 'scheduler.sqlite'),
      clinicFile: fileURLToPath(DEMO_CLINIC_PATH),
    };
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

/** Books the first free time of the patient's district doctor through the API and prints its ticket; its QR's code and room. */
async function bookToday(kiosk: RunningKiosk, policyNumber: string): Promise<{ code: string; room: string; time: string }> {
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

/** The scanner "types" the QR at machine speed and ends with Enter, in one go (a busy machine must not slow it to human speed). */
async function scanWithWedge(page: Page, text: string): Promise<void> {
  await page.evaluate((keys) => {
    for (const key of [...keys, 'Enter']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  }, [...text]);
}

const slipsOf = (kiosk: RunningKiosk) =>
  decodeEscPos(kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.lines.some((line) => line.includes('Вас пригласят')));

for (const backend of ['embedded', 'fhir'] as const) {
  test.describe(`check-in on arrival (${backend})`, () => {
    test('by the keypad: «Отметиться о приходе», the policy, «Это вы?», and the arrival is recorded with a slip', async ({ page }) => {
      const kut = await startCheckInKiosk(backend);
      try {
        const booked = await bookToday(kut.kiosk, DEMO_PATIENT.policy);
        await page.goto(kut.kiosk.url);
        await page.getByRole('button', { name: /Отметиться о приходе/ }).tap();
        await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByRole('heading', { name: 'Вы отметились' })).toBeVisible();
        await expect(page.getByTestId('check-in-where')).toContainText(`Кабинет ${booked.room}`);
        await expect(page.getByTestId('check-in-where')).toContainText(booked.time);
        await expect(page.getByText('Вас пригласят. Подождите у кабинета.')).toBeVisible();
        await expect.poll(() => slipsOf(kut.kiosk).length).toBe(1);
        expect(slipsOf(kut.kiosk)[0]!.lines.join('\n')).toContain(`Кабинет ${booked.room}, ${booked.time}`);
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
      } finally {
        await kut.close();
      }
    });

    test('by the ticket QR through a keyboard-wedge scanner, no typing; a forged QR, another clinic\'s and a too early one are told apart', async ({ page }) => {
      const kut = await startCheckInKiosk(backend);
      try {
        const booked = await bookToday(kut.kiosk, DEMO_PATIENT.policy);
        // Смирнов's district doctor sees patients from 14:00 on Mondays
        const afternoon = await bookToday(kut.kiosk, SMIRNOV);
        expect(booked.code).toMatch(/^\d+$/);
        await page.goto(kut.kiosk.url);
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        const forged = booked.code.slice(0, -1) + (booked.code.endsWith('7') ? '8' : '7');
        await scanWithWedge(page, forged);
        await expect(page.getByRole('heading', { name: 'Талон не прошёл проверку' })).toBeVisible();
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        const elsewhere = ticketCode({ clinic: 'ГБУЗ «Городская поликлиника № 7»', secret: 'their-own' }, 'З-2611-0001')!;
        await scanWithWedge(page, elsewhere);
        await expect(page.getByRole('heading', { name: 'Талон другой поликлиники' })).toBeVisible();
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
        expect(slipsOf(kut.kiosk)).toHaveLength(0);

        await scanWithWedge(page, afternoon.code);
        await expect(page.getByRole('heading', { name: 'Пока рано отмечаться' })).toBeVisible();
        await expect(page.getByText(`Ваш приём в ${afternoon.time}. Отметиться можно с`)).toBeVisible();
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        await scanWithWedge(page, booked.code);
        await expect(page.getByRole('heading', { name: 'Вы отметились' })).toBeVisible();
        await expect(page.getByTestId('check-in-where')).toContainText(`Кабинет ${booked.room}`);
        // no name on screen: the QR identified the booking, not the person
        await expect(page.locator('body')).not.toContainText(DEMO_PATIENT.surname);
        await expect.poll(() => slipsOf(kut.kiosk).length).toBe(1);
      } finally {
        await kut.close();
      }
    });
  });
}
