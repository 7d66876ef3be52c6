// Service mode for clinic IT, end to end: the hidden gesture, the PIN, the
// printer's state after a fault is injected, a test print, and the lockout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { openServiceEntry, typeServicePin } from './kiosk-page';

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

const openServiceMode = (page: Page) => openServiceEntry(page, kut.kiosk.url);
const typePin = typeServicePin;

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
  // «Последние ошибки» in Russian, by what happened: the paper-out this test caused, not the log's English line.
  await page.getByRole('button', { name: 'Обновить' }).tap();
  await expect(page.getByTestId('service-errors')).toContainText(/\d\d:\d\d Принтер: нет бумаги/);
  await expect(page.getByTestId('service-errors')).not.toContainText('printer status changed');
  await page.screenshot({ path: 'test-results/screens/service/panel-portrait.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/service/panel-landscape.png' });
  const jobs = decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs;
  expect(jobs).toHaveLength(1);
  expect(jobs[0]!.lines.join('\n')).toContain('ОБРАЗЕЦ');

  await page.getByRole('button', { name: 'Выйти', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
});

test('five wrong PINs lock service mode for a while, even for the right PIN', async ({ page }) => {
  await openServiceMode(page);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await typePin(page, '0000');
    await expect(page.getByRole('alert')).toBeVisible();
  }
  // It says when entry reopens, as a time of day and how long that is from now.
  await expect(page.getByRole('alert')).toContainText(/Слишком много неверных PIN\. Вход откроется в \d\d:\d\d \(через 5 минут\)/);
  await page.screenshot({ path: 'test-results/screens/service/login-locked.png' });
  await typePin(page, PIN);
  await expect(page.getByRole('alert')).toContainText('Слишком много неверных PIN');
  await expect(page.getByRole('heading', { name: 'Сервисный режим', exact: true })).toHaveCount(0);
});
