// Training mode as a volunteer uses it, in Chromium: the service entry and the
// volunteer PIN turn it on; every screen carries the violet band; a booking for
// a demo patient prints a ticket marked ОБРАЗЕЦ at the virtual printer while
// the clinic's SQLite gets nothing and /metrics counts training only; the end
// of that session ends training (the next person may be a real patient), and so does the PIN again, typed
// through the same top-left corner, which the violet band must not cover.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { bridgeCaller, metricSample } from '../bridge-http';
import { appointmentsInDatabase, DEMO_PATIENT, startKioskUnderTest, TEST_VOLUNTEER_PIN, type KioskUnderTest } from '../kiosk-harness';
import { identify, openServiceEntry, pickFirstFreeSlot, typeServicePin } from './kiosk-page';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest({ kioskId: 'training-e2e' });
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

const BANNER = 'Учебный режим — запись не настоящая';

const realAppointments = () => appointmentsInDatabase(kut.dbPath);

test('a volunteer books for a demo patient in training mode: ОБРАЗЕЦ on paper, nothing in the clinic, training in the metrics', async ({ page }) => {
  const appointmentsBefore = realAppointments();
  const call = bridgeCaller(kut.kiosk.port);

  await openServiceEntry(page, kut.kiosk.url);
  await expect(page.getByText('PIN волонтёра включает и выключает учебный режим')).toBeVisible();
  await typeServicePin(page, TEST_VOLUNTEER_PIN);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByTestId('training-banner')).toContainText(BANNER);
  // A real patient walking up reads it before touching anything: a full violet card on the attract screen.
  await expect(page.getByTestId('training-card')).toContainText('Запись здесь не настоящая');

  await identify(page, DEMO_PATIENT.policy);
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await pickFirstFreeSlot(page, 'Офтальмолог');
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await page.getByRole('button', { name: 'Записаться' }).tap();
  await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();

  const jobs = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.cut);
  expect(jobs).toHaveLength(1);
  const lines = jobs[0]!.lines.map((line) => line.trim());
  expect(lines.filter((line) => line === 'ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН')).toHaveLength(2);
  expect(lines[1]).toBe('ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН');
  expect(lines.at(-2)).toBe('ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН');
  expect(lines.join('\n')).not.toContain(kut.config.clinic.phone);

  expect(realAppointments()).toBe(appointmentsBefore);
  const metrics = (await call('GET', '/metrics')).text;
  expect(metricSample(metrics, 'kiosk_sessions_started_total', { mode: 'training' })).toBe(1);
  expect(metricSample(metrics, 'kiosk_bookings_total', { mode: 'training' })).toBe(1);
  expect(metricSample(metrics, 'kiosk_bookings_total', { mode: 'patient' })).toBe(0);
  expect(metricSample(metrics, 'kiosk_sessions_started_total', { mode: 'patient' })).toBe(0);

  // Done: the finished session ends training; the next person meets the real kiosk.
  await page.getByRole('button', { name: 'Готово' }).tap();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await expect(page.getByTestId('training-card')).toHaveCount(0);
  expect((await call('GET', '/api/kiosk')).json.value.training.active).toBe(false);
  expect(metricSample((await call('GET', '/metrics')).text, 'kiosk_training_periods_total', { event: 'session' })).toBe(1);
});

test('in training the top-left corner still opens the PIN entry (the band does not cover it), and the PIN again ends training', async ({ page }) => {
  await startTraining(page);
  const corner = await page.getByTestId('service-corner').boundingBox();
  expect(corner).toMatchObject({ x: 0, y: 0 });
  await openServiceEntry(page, kut.kiosk.url);
  await typeServicePin(page, TEST_VOLUNTEER_PIN);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  expect((await bridgeCaller(kut.kiosk.port)('GET', '/api/kiosk')).json.value.training.active).toBe(false);
});

test('a real patient who types a real number in training is told to ask the volunteer to turn training off', async ({ page }) => {
  await startTraining(page);
  await page.getByRole('button', { name: 'Начать' }).tap();
  // A valid number the sandbox does not have (a real patient's, as far as training knows).
  for (const digit of '1234567890123452') await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByRole('alert')).toContainText('Сейчас учебный режим — попросите волонтёра его выключить');
});

/** Turns training on from the attract screen with the volunteer PIN. */
async function startTraining(page: Page): Promise<void> {
  await openServiceEntry(page, kut.kiosk.url);
  await typeServicePin(page, TEST_VOLUNTEER_PIN);
  await expect(page.getByTestId('training-banner')).toBeVisible();
}

/**
 * Show-me mode's promise: the control the patient should touch next is the
 * highlighted one (or inside it), and the caption says what to do. Taps it.
 */
async function tapGuided(page: Page, control: Locator, caption: string): Promise<void> {
  await expect(page.getByTestId('show-me-caption')).toHaveText(caption);
  await expect(page.locator('.show-me-target')).toHaveCount(1);
  expect(await control.evaluate((el) => el.closest('.show-me-target') !== null), `«${caption}»: the control tapped is not the highlighted one`).toBe(true);
  await control.tap();
}

test('show-me mode walks a whole booking: the highlighted control is always the one to tap next', async ({ page }) => {
  await startTraining(page);
  await page.getByRole('button', { name: 'Подсказки' }).tap();
  await expect(page.getByRole('button', { name: 'Подсказки' })).toHaveAttribute('aria-pressed', 'true');

  await tapGuided(page, page.getByRole('button', { name: 'Начать' }), 'Нажмите «Начать»');
  for (const digit of DEMO_PATIENT.policy) {
    await tapGuided(page, page.getByRole('button', { name: `Цифра ${digit}`, exact: true }), 'Наберите номер полиса: все цифры подряд');
  }
  await tapGuided(page, page.getByRole('button', { name: 'Продолжить' }), 'Нажмите «Продолжить»');
  await tapGuided(page, page.getByRole('button', { name: 'Да, это я' }), 'Это вы? Нажмите «Да, это я»');
  await tapGuided(page, page.getByRole('button', { name: /^Офтальмолог/ }), 'Нажмите на нужного врача');
  await tapGuided(page, page.getByRole('group', { name: 'Время' }).getByRole('button').first(), 'Нажмите на удобное время');
  await expect(page.getByRole('heading', { name: 'Проверьте запись' })).toBeVisible();
  await checkAccessible(page, 'review with show-me');
  await page.screenshot({ path: 'test-results/screens/training/show-me-review-portrait.png' });
  await tapGuided(page, page.getByRole('button', { name: 'Записаться' }), 'Проверьте и нажмите «Записаться»');
  await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
  await tapGuided(page, page.getByRole('button', { name: 'Готово' }), 'Возьмите талон и нажмите «Готово»');
  // The demonstrated visit is over, and training with it: the next person sees neither band nor guide.
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await expect(page.getByTestId('show-me-caption')).toHaveCount(0);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/training/show-me-attract-landscape.png' });
});

test('an on-screen demo card identifies a demo patient like a card in the reader', async ({ page }) => {
  await startTraining(page);
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
  await checkAccessible(page, 'identify in training');
  await page.screenshot({ path: 'test-results/screens/training/identify-portrait.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/training/identify-landscape.png' });
  await checkAccessible(page, 'identify in training, landscape');
  await page.getByRole('button', { name: 'Учебная карта' }).tap();
  await expect(page.getByRole('dialog', { name: 'Чью учебную карту вставить?' })).toBeVisible();
  await checkAccessible(page, 'demo card chooser');
  await page.screenshot({ path: 'test-results/screens/training/demo-cards-landscape.png' });
  // One card per kind of patient, each with a note of what it shows.
  const cards = page.getByRole('dialog', { name: 'Чью учебную карту вставить?' });
  await expect(cards.getByRole('button', { name: /^Иванова Т\. А\. Взрослый/ })).toBeVisible();
  await expect(cards.getByRole('button', { name: /^Волкова О\. И\. Временное свидетельство/ })).toBeVisible();
  await expect(cards.getByRole('button', { name: /^Новиков С\. П\. Полис старого образца/ })).toBeVisible();
  await cards.getByRole('button', { name: /^Соколов Д\. А\. Ребёнок/ }).tap();
  await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
  await expect(page.getByText('Соколов Д. А.')).toBeVisible();
  const metrics = (await bridgeCaller(kut.kiosk.port)('GET', '/metrics')).text;
  expect(metricSample(metrics, 'kiosk_sessions_started_total', { channel: 'card', mode: 'training' })).toBe(1);
});

/** axe-core with the kiosk's WCAG tags: 0 violations, training band and show-me caption included. */
async function checkAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${what}: axe`).toEqual([]);
}
