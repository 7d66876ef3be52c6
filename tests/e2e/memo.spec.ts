// The памятка end to end in Debian's Chromium: a tap on the attract screen,
// the notice in the screen's language, and the memo on the (virtual) network
// printer over TCP; without paper, a plain "did not print" and nothing sent.
import { expect, test } from '@playwright/test';
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest();
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

const paperText = (): string[] =>
  decodeEscPos(kut.kiosk.virtualPrinter!.receivedBytes()).jobs.filter((job) => job.cut).map((job) => job.lines.map((l) => l.trim()).join(' ').replace(/\s+/g, ' '));

test('a patient prints the памятка from the attract screen and is told to take it', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Распечатать памятку' }).tap();
  await expect(page.getByRole('status')).toContainText('Памятка напечатана — возьмите её');
  const printed = paperText();
  expect(printed).toHaveLength(1);
  expect(printed[0]).toContain('Как записаться к врачу через инфомат');
  expect(printed[0]).toContain(kut.config.clinic.phone);
  // «Хорошо» puts the button back; «Начать» was there all along.
  await page.getByRole('button', { name: 'Хорошо' }).tap();
  await expect(page.getByRole('button', { name: 'Распечатать памятку' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
});

test('in English the memo and the notice are English, and the screen stays English', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'English' }).tap();
  await page.getByRole('button', { name: 'Print a how-to memo' }).tap();
  await expect(page.getByText('The memo is printed — please take it')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  expect(paperText()[0]).toContain('How to book a doctor at the kiosk');
});

test('out of paper: the notice says why in plain Russian and where to get one; nothing reaches the printer', async ({ page }) => {
  kut.kiosk.virtualPrinter!.setFault('paper-out');
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Распечатать памятку' }).tap();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Принтер сейчас не печатает: закончилась бумага.');
  await expect(alert).toContainText('Памятку можно взять в регистратуре');
  expect(paperText()).toEqual([]);
  expect(kut.kiosk.virtualPrinter!.droppedByteCount()).toBe(0);
  // The way forward: booking works without the memo.
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expect(page.locator('[data-screen="identify"]')).toBeVisible();
});

test('a kiosk with the memo switched off does not offer it', async ({ page }) => {
  await kut.kiosk.close();
  kut = await startKioskUnderTest({ memo: { enabled: false } });
  await page.goto(kut.kiosk.url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Распечатать памятку' })).toHaveCount(0);
});
