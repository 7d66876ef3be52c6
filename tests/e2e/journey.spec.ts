// The patient journey's branches, end to end in Chromium against the real bridge:
// taps counted, the nearest time in one tap, my appointments (cancel, reprint),
// and the waiting list when nothing is free.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { identify } from './kiosk-page';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest();
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

/** Counts the patient's taps from now on (pointerdown anywhere on the page). */
async function countTaps(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { taps: number; counting?: boolean };
    w.taps = 0;
    if (!w.counting) document.addEventListener('pointerdown', () => w.taps++, { capture: true });
    w.counting = true;
  });
  return () => page.evaluate(() => (window as unknown as { taps: number }).taps);
}

test('a typical booking takes 4 taps after identification, and 2 via the nearest time', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);

  let taps = await countTaps(page);
  await page.getByRole('button', { name: /^Хирург/ }).tap();
  const days = page.getByRole('group', { name: 'День' }).getByRole('button');
  await days.nth(1).tap(); // another day than the preselected nearest one
  await page.getByRole('group', { name: 'Время' }).getByRole('button').first().tap();
  await page.getByRole('button', { name: 'Записаться', exact: true }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
  expect(await taps()).toBe(4);

  await page.getByRole('button', { name: 'Записаться к другому врачу' }).tap();
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
  taps = await countTaps(page);
  const nearest = page.locator('.specialty-card', { hasText: 'Офтальмолог' }).getByRole('button', { name: /^Записаться на/ });
  const when = ((await nearest.textContent()) ?? '').replace(/^.*Записаться на\s*/, '');
  await nearest.tap();
  await expect(page.getByRole('heading', { name: 'Проверьте запись' })).toBeVisible();
  await expect(page.locator('.summary')).toContainText(when.slice(-5));
  await page.getByRole('button', { name: 'Записаться', exact: true }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
  expect(await taps()).toBe(2);
  expect(decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs).toHaveLength(2);
});

test('my appointments: a booking can be reprinted and cancelled, and its time is free again', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  await page.locator('.specialty-card', { hasText: 'Хирург' }).getByRole('button', { name: /^Записаться на/ }).tap();
  await page.getByRole('button', { name: 'Записаться', exact: true }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
  await page.getByRole('button', { name: 'Записаться к другому врачу' }).tap();

  // The specialty just booked now says so instead of offering a second booking.
  await expect(page.locator('.specialty-card', { hasText: 'Хирург' })).toContainText('Вы уже записаны');

  await page.getByRole('button', { name: 'Мои записи' }).tap();
  await expect(page.getByRole('heading', { name: 'Мои записи' })).toBeVisible();
  const entry = page.locator('.appointment', { hasText: 'Хирург' });
  await expect(entry).toBeVisible();
  const number = ((await entry.locator('.appointment__where').textContent()) ?? '').match(/З-\d{4}-\d{4}/)?.[0];
  expect(number).toBeTruthy();

  await entry.getByRole('button', { name: 'Напечатать талон' }).tap();
  await expect(page.getByText('Талон напечатан')).toBeVisible();
  const jobs = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs;
  expect(jobs).toHaveLength(2);
  expect(jobs[1]!.lines.join('\n')).toContain(number!);

  await entry.getByRole('button', { name: 'Отменить' }).tap();
  await expect(page.getByRole('heading', { name: 'Отменить запись?' })).toBeVisible();
  await page.getByRole('button', { name: 'Да, отменить' }).tap();
  await expect(page.getByText('Запись отменена.')).toBeVisible();
  await expect(page.locator('.appointment', { hasText: 'Хирург' })).toHaveCount(0);

  const db = new Database(kut.dbPath, { readonly: true });
  const row = db.prepare(`SELECT status FROM appointments WHERE number = ?`).get(number) as { status: string };
  db.close();
  expect(row.status).toBe('cancelled');

  await page.getByRole('button', { name: 'Назад', exact: true }).tap();
  await expect(page.locator('.specialty-card', { hasText: 'Хирург' })).not.toContainText('Вы уже записаны');
});

test('nothing free: the patient is told plainly and can join the waiting list', async ({ page }) => {
  // The clinic's ЛОР has no free time left in the horizon.
  const db = new Database(kut.dbPath);
  db.prepare(`DELETE FROM slots WHERE doctor_id IN (SELECT id FROM doctors WHERE specialty_code = 'otolaryngologist') AND id NOT IN (SELECT slot_id FROM appointments)`).run();
  db.close();

  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  const ent = page.locator('.specialty-card', { hasText: 'Оториноларинголог' });
  await expect(ent).toContainText('Нет свободного времени');
  await ent.getByRole('button').first().tap();
  await expect(page.getByText('Можно встать в лист ожидания')).toBeVisible();
  await page.getByRole('button', { name: 'Встать в лист ожидания' }).tap();
  await expect(page.getByRole('heading', { name: 'Вы в листе ожидания' })).toBeVisible();

  const check = new Database(kut.dbPath, { readonly: true });
  const tables = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%wait%'`).all() as { name: string }[];
  expect(tables.length).toBe(1);
  const entries = check.prepare(`SELECT * FROM ${tables[0]!.name}`).all() as Record<string, unknown>[];
  check.close();
  expect(entries).toHaveLength(1);
  expect(JSON.stringify(entries[0])).toContain('otolaryngologist');
});
