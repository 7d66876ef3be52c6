// A ticket that did not print must not vanish (issue 17, item 1): out of paper, the patient books with the
// ticket on screen; that screen does not return to the start after session.doneSeconds, the idle question
// comes instead, and once paper is back «Напечатать ещё раз» prints the same ticket at the virtual printer,
// over its real TCP socket. Page timers run on Playwright's clock: no real waiting for 15 or 60 seconds.
import { expect, test } from '@playwright/test';
import { renderSVG } from 'uqr';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { identify, pickFirstFreeSlot } from './kiosk-page';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest({ session: { idleSeconds: 60, doneSeconds: 15 } });
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

test('out of paper: the on-screen ticket stays past doneSeconds, the idle question comes, and «Напечатать ещё раз» prints once paper is back', async ({ page }) => {
  await page.clock.install();
  kut.kiosk.virtualPrinter!.setFault('paper-out');
  await page.goto(kut.kiosk.url);
  await identify(page, DEMO_PATIENT.policy);
  const { time } = await pickFirstFreeSlot(page, 'Офтальмолог');
  const room = (await page.locator('.summary__row').filter({ has: page.locator('dt', { hasText: /^Кабинет$/ }) }).locator('dd').textContent()) ?? '';
  await expect(page.getByText('Принтер сейчас не печатает')).toBeVisible({ timeout: 10_000 });
  const booking = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Записаться без бумажного талона' }).tap();
  // The bridge answers with a Result (contract/result.ts): the booking is its value.
  const { ticket } = ((await (await booking).json()) as { value: { ticket: { checkInCode?: string } } }).value;

  await expect(page.getByText('Талон не напечатался')).toBeVisible();
  // The QR on screen is the paper ticket's: the signed check-in code (digits only), so a photo of it checks in.
  expect(ticket.checkInCode).toMatch(/^\d+$/);
  const modules = /\sd="([^"]+)"/.exec(renderSVG(ticket.checkInCode!, { border: 2 }))![1];
  await expect(page.getByTestId('ticket-on-screen').locator('.ticket-card__qr path')).toHaveAttribute('d', modules!);
  // The way on waits in the bottom bar, where Home and the volunteer are on every screen.
  await expect(page.locator('.screen__footer').getByRole('button', { name: 'Готово' })).toBeInViewport();
  await expect(page.locator('.screen__footer').getByRole('button', { name: 'Позвать волонтёра' })).toBeInViewport();
  // The ticket is not required, and the screen says where and when to come instead.
  await expect(page.getByTestId('ticket-not-required')).toHaveText(new RegExp(`^Талон не обязателен: приходите (.+ )?в кабинет ${room} к\\s${time}$`));
  const number = (await page.getByTestId('ticket-on-screen').locator('.ticket-card__number').textContent()) ?? '';
  expect(number).toMatch(/\S+-\d{4}-\d{4}/);
  await expect(page.getByTestId('printer-state')).toHaveText('Принтер пока не печатает. Когда его починят, нажмите «Напечатать ещё раз».');

  // Past the 15 s after which a printed ticket's screen returns to the start: this one is still there.
  await page.clock.fastForward(16_000);
  await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
  await expect(page.getByTestId('ticket-on-screen')).toContainText(number);
  await expect(page.getByRole('button', { name: 'Начать' })).toHaveCount(0);

  // A minute of silence: the idle question, in words that fit a booking already made.
  await page.clock.fastForward(45_000);
  const question = page.getByRole('alertdialog', { name: 'Нужно больше времени?' });
  await expect(question).toBeVisible();
  await expect(question).toContainText('Ваша запись сохранена');
  await page.getByRole('button', { name: 'Да, продолжить' }).tap();
  await expect(question).toHaveCount(0);

  // Paper is back: the bridge's printer monitor tells the screen, and the button prints the same ticket.
  kut.kiosk.virtualPrinter!.setFault('none');
  await expect(page.getByTestId('printer-state')).toHaveText('Принтер готов: нажмите «Напечатать ещё раз».', { timeout: 15_000 });
  expect(decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.cut)).toHaveLength(0);
  await page.getByRole('button', { name: 'Напечатать ещё раз' }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
  await expect(page.getByText('Талон не напечатался')).toHaveCount(0);

  const jobs = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.cut);
  expect(jobs).toHaveLength(1);
  const paper = jobs[0]!.lines.join('\n');
  expect(paper).toContain('ТАЛОН НА ПРИЁМ');
  expect(paper).toContain(number);
  expect(paper).toContain(time);

  // Printed now: the screen returns to the start by itself, as after any printed ticket.
  await page.clock.fastForward(16_000);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
});
