// One-gesture identification, end to end: a plastic policy in the (virtual)
// PC/SC reader through the real pcscd, and a digital policy's QR from a
// keyboard-wedge scanner. Uses reader «Virtual PCD 00 01» (35964); vitest uses 00 00.
import { expect, test } from '@playwright/test';
import { acquirePcscd, lockVirtualReader, type PcscdLease } from '../pcsc/pcscd';
import { cardReaderFor, insertTestCard, PLAYWRIGHT_READER } from '../pcsc/virtual-card';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

test.describe('chip card on the real PC/SC stack', () => {
  // One reader, one card at a time.
  test.describe.configure({ mode: 'serial' });
  let kut: KioskUnderTest;
  let pcscd: PcscdLease;
  let reader: { release(): void };

  test.beforeEach(async () => {
    reader = await lockVirtualReader(PLAYWRIGHT_READER.port);
    pcscd = await acquirePcscd();
    kut = await startKioskUnderTest({ cardReader: cardReaderFor(PLAYWRIGHT_READER) });
  });

  test.afterEach(async () => {
    await kut.kiosk.close();
    await pcscd.release();
    reader.release();
  });

  test('inserting the plastic policy starts the session with the masked name on screen', async ({ page }) => {
    await page.goto(kut.kiosk.url);
    await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    const card = await insertTestCard(DEMO_PATIENT.policy, { reader: PLAYWRIGHT_READER });
    try {
      await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('.identity-card')).toContainText('Иванова Т. А.');
      await expect(page.locator('.identity-card')).toContainText('**** 6380');
      expect(await page.content()).not.toContain(DEMO_PATIENT.policy);
      await page.getByRole('button', { name: 'Да, это я' }).tap();
      await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
    } finally {
      await card.remove();
    }
  });

  test('a card pulled out mid-read gets a plain message and the keypad', async ({ page }) => {
    await page.goto(kut.kiosk.url);
    await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    const card = await insertTestCard(DEMO_PATIENT.policy, { reader: PLAYWRIGHT_READER, behaviour: 'remove-mid-read' });
    try {
      await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole('alert')).toContainText(/полис/i);
      await expect(page.getByRole('button', { name: 'Цифра 1', exact: true })).toBeEnabled();
    } finally {
      await card.remove();
    }
  });
});

test('a digital policy QR from a keyboard-wedge scanner identifies the patient without typing', async ({ page }) => {
  const kut = await startKioskUnderTest({ cardReader: { enabled: false } });
  try {
    await page.goto(kut.kiosk.url);
    await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    // The scanner "types" the QR payload at machine speed and ends with Enter. The keys are
    // dispatched in the page in one go: a busy test machine must not slow a "scanner" to human speed.
    const payload = `https://gosuslugi.example/oms?enp=${DEMO_PATIENT.policy}`;
    await page.evaluate((keys) => {
      for (const key of [...keys, 'Enter']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }, [...payload]);
    await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
    await expect(page.locator('.identity-card')).toContainText('Иванова Т. А.');
  } finally {
    await kut.kiosk.close();
  }
});
