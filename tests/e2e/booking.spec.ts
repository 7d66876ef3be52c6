// The walking skeleton, end to end in Debian's Chromium: a patient books on the
// touch screen and the ticket arrives at the (virtual) network printer over TCP.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { identify, pickFirstFreeSlot } from './kiosk-page';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest({ session: { idleSeconds: 60, doneSeconds: 5 } });
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

test('a patient books the first free ophthalmologist slot and takes a printed ticket', async ({ page, request }) => {
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await expect(page.getByTestId('patient-greeting')).toHaveText('Иванова Т. А., 1979 г. р.');

  const { time } = await pickFirstFreeSlot(page, 'Офтальмолог');
  const review = page.locator('.summary');
  const row = (label: string) => review.locator('.summary__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  await expect(row('Специалист')).toHaveText('Офтальмолог');
  const doctor = (await row('Врач').textContent()) ?? '';
  const room = (await row('Кабинет').textContent()) ?? '';
  expect(doctor).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);

  await page.getByRole('button', { name: 'Записаться' }).tap();
  await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();

  // What the printer received over TCP, decoded as a person would read the paper.
  const printout = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes());
  expect(printout.jobs).toHaveLength(1);
  const ticket = printout.jobs[0]!;
  const text = ticket.lines.join('\n');
  expect(ticket.cut).toBe(true);
  expect(text).toContain('ТАЛОН НА ПРИЁМ');
  expect(text).toContain('Офтальмолог');
  expect(text.replace(/\s+/g, ' ')).toContain(doctor);
  expect(text).toMatch(new RegExp(`(Кабинет:?|каб\\.)\\s+${room}`));
  expect(text).toContain(time);
  expect(text).toContain('Иванова Т. А.');
  expect(text).toContain('6380');
  expect(text).not.toContain(DEMO_PATIENT.policy);

  // The booking is in SQLite, and the slot is no longer offered to anyone.
  const db = new Database(kut.dbPath, { readonly: true });
  const booked = db
    .prepare(
      `SELECT a.number, s.id AS slotId, s.start, d.full_name AS doctor, d.room
         FROM appointments a JOIN slots s ON s.id = a.slot_id JOIN doctors d ON d.id = s.doctor_id
        WHERE a.status = 'active'`,
    )
    .all() as { number: string; slotId: number; start: string; doctor: string; room: string }[];
  db.close();
  expect(booked).toHaveLength(1);
  const appointment = booked[0]!;
  expect(appointment.doctor).toBe(doctor);
  expect(appointment.room).toBe(room);
  expect(appointment.start.slice(11, 16)).toBe(time);
  const [y, m, d] = appointment.start.slice(0, 10).split('-');
  expect(text).toContain(`${d}.${m}.${y}`);
  // The QR is the signed check-in code of this booking (device-bridge/check-in/ticket-code.ts): digits a wedge
  // scanner types the same in any keyboard layout, and nothing personal.
  expect(ticket.qrCodes).toHaveLength(1);
  expect(ticket.qrCodes[0]).toMatch(/^73\d{30,}$/);
  expect(ticket.qrCodes[0]).not.toContain(DEMO_PATIENT.policy);
  expect(text).toContain(appointment.number);

  const slots = await (await request.get(new URL('/api/specialties/ophthalmologist/slots', kut.kiosk.url).href)).json();
  expect(slots.ok).toBe(true);
  expect(slots.value.map((s: { id: string }) => s.id)).not.toContain(String(appointment.slotId));

  // The kiosk returns to the start by itself, and nothing of the patient is left on the page.
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible({ timeout: 10_000 });
  const html = await page.content();
  expect(html).not.toContain(DEMO_PATIENT.policy);
  expect(html).not.toContain('6449 0208 8600 6380');
  expect(html).not.toContain(DEMO_PATIENT.surname);
  expect(html).not.toContain(appointment.number);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});

test('"Готово" returns to the start at once and the bridge forgets the patient', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await pickFirstFreeSlot(page, 'Хирург');
  await page.getByRole('button', { name: 'Записаться' }).tap();
  await page.getByRole('button', { name: 'Готово' }).tap();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  expect(await page.content()).not.toContain(DEMO_PATIENT.surname);
  // The UI ends the session on the bridge as it returns to the start; the request may land a moment after «Начать» shows.
  await expect.poll(() => readFileSync(kut.logFile, 'utf8')).toContain('"event":"session-ended"');
  const log = readFileSync(kut.logFile, 'utf8');
  expect(log).not.toContain(DEMO_PATIENT.policy);
  expect(log).not.toContain(DEMO_PATIENT.surname);
});

test('out of paper: the patient is warned before booking and gets the ticket on screen, never "take your ticket"', async ({ page }) => {
  kut.kiosk.virtualPrinter!.setFault('paper-out');
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await pickFirstFreeSlot(page, 'Офтальмолог');
  await expect(page.getByText('Принтер сейчас не печатает')).toBeVisible({ timeout: 10_000 });
  // Nothing is booked until the patient chooses the on-screen ticket.
  expect(new Database(kut.dbPath, { readonly: true }).prepare(`SELECT count(*) AS n FROM appointments`).get()).toEqual({ n: 0 });
  await page.getByRole('button', { name: 'Записаться без бумажного талона' }).tap();

  await expect(page.getByText('Талон не напечатался')).toBeVisible();
  await expect(page.getByText('Возьмите талон из принтера')).toHaveCount(0);
  const onScreen = page.getByTestId('ticket-on-screen');
  await expect(onScreen).toContainText(/З-\d{4}-\d{4}/);
  await expect(onScreen.locator('svg')).toBeVisible();
  expect(decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs).toHaveLength(0);
});

test('a wrong check digit is caught on the keypad before anything is sent', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Начать' }).tap();
  for (const digit of '6449020886006381') await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
  await expect(page.getByRole('alert')).toHaveText('В номере ошибка. Проверьте цифры на полисе');
  await expect(page.getByRole('button', { name: 'Продолжить' })).toBeDisabled();
  await page.getByRole('button', { name: 'Стереть' }).tap();
  await page.getByRole('button', { name: 'Цифра 0', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Продолжить' })).toBeEnabled();
});

test('a valid number that is not in the registry gets a plain answer and stays editable', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Начать' }).tap();
  // 1234567890123452 passes the check digit but belongs to no demo patient.
  for (const digit of '1234567890123452') await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByRole('alert')).toContainText('Полис не найден');
  await expect(page.getByTestId('policy-display')).toHaveText('1234 5678 9012 3452');
});

test('two specialists in one visit: two bookings, two printed tickets, one identification', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await pickFirstFreeSlot(page, 'Офтальмолог');
  await page.getByRole('button', { name: 'Записаться' }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();

  await page.getByRole('button', { name: 'Записаться к другому врачу' }).tap();
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
  await expect(page.getByTestId('patient-greeting')).toHaveText('Иванова Т. А., 1979 г. р.');
  await pickFirstFreeSlot(page, 'Хирург');
  await page.getByRole('button', { name: 'Записаться' }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();

  const tickets = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs.map((job) => job.lines.join('\n'));
  expect(tickets).toHaveLength(2);
  expect(tickets[0]).toContain('Офтальмолог');
  expect(tickets[1]).toContain('Хирург');
});

test('walking away: the kiosk asks, then resets, and no trace of the patient is left in the browser', async ({ page }) => {
  await page.clock.install();
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await page.getByRole('button', { name: /^Офтальмолог/ }).tap();
  await expect(page.getByRole('group', { name: 'Время' })).toBeVisible();

  await page.clock.fastForward(61_000);
  await expect(page.getByRole('alertdialog', { name: 'Нужно больше времени?' })).toBeVisible();
  await page.clock.fastForward(21_000);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

  const html = await page.content();
  for (const trace of [DEMO_PATIENT.policy, '6449 0208 8600 6380', DEMO_PATIENT.surname, '1979']) expect(html).not.toContain(trace);
  const storage = await page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cached.push(request.url);
    }
    return {
      local: localStorage.length,
      session: sessionStorage.length,
      indexedDb: (await indexedDB.databases()).length,
      cached,
    };
  });
  expect(storage.local).toBe(0);
  expect(storage.session).toBe(0);
  expect(storage.indexedDb).toBe(0);
  // The service worker caches the app shell only, never an API answer.
  expect(storage.cached.filter((url) => url.includes('/api/'))).toEqual([]);
  // The UI ends the session on the bridge as it returns to the start; the request may land a moment after «Начать» shows.
  await expect.poll(() => readFileSync(kut.logFile, 'utf8')).toContain('"event":"session-ended"');
});

test('the UI shell is cached by the service worker, so a restarting bridge does not blank the screen', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached.some((url) => url.startsWith('/index.html'))).toBe(true);
  expect(cached.some((url) => /^\/assets\/index-.*\.js$/.test(url))).toBe(true);
  expect(cached.filter((url) => url.startsWith('/api/'))).toEqual([]);
});

test('a bridge restarted under an open page gives it a new kiosk token, and the next patient still gets in', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  // The watchdog restarts the bridge on the same port; Chromium keeps the page (and its old token).
  const port = kut.kiosk.port;
  await kut.kiosk.close();
  kut = await startKioskUnderTest({ bridge: { host: '127.0.0.1', port }, session: { idleSeconds: 60, doneSeconds: 5 } });
  await identify(page, DEMO_PATIENT.policy);
  await expect(page.getByText(DEMO_PATIENT.display)).toBeVisible();
});
