// Service mode for clinic IT, end to end: the hidden gesture, the PIN, the
// printer's state after a fault is injected, a test print, and the lockout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/escpos-decoder';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const PIN = '4815';
let kut: KioskUnderTest;

test.beforeEach(async () => {
  const pinFile = join(mkdtempSync(join(tmpdir(), 'kiosk-pin-')), 'pin');
  writeFileSync(pinFile, `${PIN}\n`, { mode: 0o600 });
  kut = await startKioskUnderTest({ service: { pinEnv: null, pinFile } } as never);
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

async function openServiceMode(page: Page): Promise<void> {
  await page.goto(kut.kiosk.url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  // A 3-second press in the top-left corner: no patient does that by chance.
  const corner = await page.getByTestId('service-corner').boundingBox();
  await page.mouse.move(corner!.x + 10, corner!.y + 10);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: 'Сервисный режим: введите PIN' })).toBeVisible();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
  await page.getByRole('button', { name: 'Войти' }).tap();
}

test('IT sees the paper-out state it injected, clears it and makes a test print', async ({ page }) => {
  await openServiceMode(page);
  await typePin(page, PIN);
  await expect(page.getByRole('heading', { name: 'Сервисный режим' })).toBeVisible();
  await expect(page.getByTestId('service-printer')).toContainText('готов');

  await page.getByRole('group', { name: 'Виртуальный принтер: неисправность' }).getByRole('button', { name: 'нет бумаги' }).tap();
  await expect(page.getByTestId('service-printer')).toContainText('нет бумаги');
  await page.getByRole('button', { name: 'Пробная печать' }).tap();
  await expect(page.getByText('Не напечатано: нет бумаги.')).toBeVisible();

  await page.getByRole('group', { name: 'Виртуальный принтер: неисправность' }).getByRole('button', { name: 'исправен' }).tap();
  await expect(page.getByTestId('service-printer')).toContainText('готов');
  await page.getByRole('button', { name: 'Пробная печать' }).tap();
  await expect(page.getByText('Напечатано.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/service/panel-portrait.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/service/panel-landscape.png' });
  const jobs = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs;
  expect(jobs).toHaveLength(1);
  expect(jobs[0]!.lines.join('\n')).toContain('ОБРАЗЕЦ');

  await page.getByRole('button', { name: 'В начало', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
});

test('five wrong PINs lock service mode for a while, even for the right PIN', async ({ page }) => {
  await openServiceMode(page);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await typePin(page, '0000');
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText('Слишком много попыток');
  await page.screenshot({ path: 'test-results/screens/service/login-locked.png' });
  await typePin(page, PIN);
  await expect(page.getByRole('alert')).toContainText('Слишком много попыток');
  await expect(page.getByRole('heading', { name: 'Сервисный режим', exact: true })).toHaveCount(0);
});
