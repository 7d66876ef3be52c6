// The identify screens end to end in Chromium against the real bridge and the
// embedded clinic: the birth-date step (config identification.askBirthDate,
// standing in for an N3 hub with patientMatch "policy+birthDate"), a wrong
// date explained, «не найден» → «Исправить номер», «Нет, это не я» → an empty
// keypad, and the card/QR hint only while a scanner is really there (a serial
// scanner on a socat pseudo-terminal).
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { ptyPair, type PtyPair } from '../serial-pty';
import { typePolicyOnKeypad } from './kiosk-page';

const typeDigits = typePolicyOnKeypad;

async function noAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('where the clinic identifies by the policy and the birth date', () => {
  let kut: KioskUnderTest;
  test.beforeEach(async () => {
    kut = await startKioskUnderTest({ identification: { askBirthDate: true }, cardReader: { enabled: false } });
  });
  test.afterEach(async () => {
    await kut.kiosk.close();
  });

  test('the number is followed by the birth date; a wrong one is explained, then corrected; «Это вы?» shows the date typed', async ({ page }) => {
    // The browser's clock decides "in the future": fixed, so the test means the same on any day.
    await page.clock.setFixedTime(new Date('2026-12-03T09:00:00Z'));
    await page.goto(kut.kiosk.url);
    await page.getByRole('button', { name: 'Начать' }).tap();
    await typeDigits(page, DEMO_PATIENT.policy);
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByRole('heading', { name: 'Введите дату рождения' })).toBeVisible();
    await expect(page.getByText('Полис: **** 6380')).toBeVisible();
    await expect(page.getByTestId('policy-display')).toHaveText('ДД.ММ.ГГГГ');
    await noAxeViolations(page);

    // 31 April: caught at the month's second digit, the keypad stops there.
    await typeDigits(page, '3104');
    await expect(page.getByRole('alert')).toHaveText('В этом месяце нет такого числа. Проверьте день и месяц');
    await expect(page.getByRole('button', { name: 'Цифра 1', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Очистить' }).tap();
    // A year still to come.
    await typeDigits(page, '0101209');
    await expect(page.getByRole('alert')).toHaveText('Эта дата ещё не наступила. Проверьте год');
    await page.getByRole('button', { name: 'Очистить' }).tap();
    await typeDigits(page, '010118');
    await expect(page.getByRole('alert')).toHaveText('Получается больше 120 лет. Проверьте год');
    await page.getByRole('button', { name: 'Очистить' }).tap();

    // A real date that is not the patient's: «не найден», the number to correct first.
    await typeDigits(page, '14101979');
    await expect(page.getByTestId('policy-display')).toHaveText('14.10.1979');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Полис с этой датой рождения не найден');
    await expect(page.getByRole('alert')).toContainText('прикреплены к другой поликлинике');
    await page.getByRole('button', { name: 'Исправить номер' }).tap();
    await expect(page.getByTestId('policy-display')).toHaveText('6449 0208 8600 6380');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByTestId('policy-display')).toHaveText('14.10.1979');
    await expect(page.getByRole('button', { name: 'Продолжить' })).toBeDisabled();
    await page.getByRole('button', { name: 'Очистить' }).tap();
    await typeDigits(page, '13101979');
    await page.getByRole('button', { name: 'Продолжить' }).tap();

    await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
    const card = page.locator('.identity-card');
    await expect(card).toContainText(DEMO_PATIENT.display);
    await expect(card).toContainText('Дата рождения: 13.10.1979');
    await expect(card).toContainText('**** 6380');
    await noAxeViolations(page);
    await page.getByRole('button', { name: 'Да, это я' }).tap();
    await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
    expect(await page.content()).not.toContain('13.10.1979');
  });

  test('«Нет, это не я» opens an empty keypad, not the start screen, and the next patient identifies from there', async ({ page }) => {
    await page.goto(kut.kiosk.url);
    await page.getByRole('button', { name: 'Начать' }).tap();
    await typeDigits(page, DEMO_PATIENT.policy);
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await typeDigits(page, '13101979');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
    await page.getByRole('button', { name: 'Нет, это не я' }).tap();
    await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
    await expect(page.getByTestId('policy-display')).toHaveText('················');
    await expect(page.getByTestId('patient-greeting')).toHaveCount(0);
    expect(await page.content()).not.toContain(DEMO_PATIENT.display);
    // Smirnov, born 22.03.1958.
    await typeDigits(page, '4556140827015276');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByTestId('policy-display')).toHaveText('ДД.ММ.ГГГГ');
    await typeDigits(page, '22031958');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.locator('.identity-card')).toContainText('Смирнов А. В.');
  });
});

test('without a birth date: «не найден» offers «Исправить номер», which keeps the number to edit and does not send it again', async ({ page }) => {
  const kut = await startKioskUnderTest({ cardReader: { enabled: false } });
  try {
    await page.goto(kut.kiosk.url);
    await page.getByRole('button', { name: 'Начать' }).tap();
    // A well-formed ЕНП nobody in the demo clinic has.
    await typeDigits(page, '4556140827015284');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByRole('alert')).toContainText('Полис не найден. Проверьте номер');
    await expect(page.getByRole('alert')).toContainText('Возможно, вы прикреплены к другой поликлинике');
    await expect(page.getByRole('button', { name: 'Продолжить' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Исправить номер' }).tap();
    await expect(page.getByTestId('policy-display')).toHaveText('4556 1408 2701 5284');
    await expect(page.getByText('Сверьте цифры с полисом')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Продолжить' })).toBeDisabled();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Стереть' }).tap();
    await typeDigits(page, '5276');
    await page.getByRole('button', { name: 'Продолжить' }).tap();
    await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
    await expect(page.locator('.identity-card')).toContainText('Смирнов А. В.');
    await expect(page.locator('.identity-card')).toContainText('1958 г. р.');
  } finally {
    await kut.kiosk.close();
  }
});

test.describe('the card and QR hint', () => {
  let pty: PtyPair | null = null;
  test.afterEach(() => pty?.close());

  test('shows while a scanner is open, and not when no reader or scanner is there', async ({ page }) => {
    const none = await startKioskUnderTest({ cardReader: { enabled: false } });
    try {
      await page.goto(none.kiosk.url);
      await page.getByRole('button', { name: 'Начать' }).tap();
      await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
      await expect(page.getByTestId('device-hint')).toHaveCount(0);
    } finally {
      await none.kiosk.close();
    }
    pty = await ptyPair();
    const scanning = await startKioskUnderTest({ cardReader: { enabled: false }, scanners: [`serial://${pty.a}?baudRate=9600`] });
    try {
      await page.goto(scanning.kiosk.url);
      await page.getByRole('button', { name: 'Начать' }).tap();
      await expect(page.getByTestId('device-hint')).toHaveText(/Поднесите QR из Госуслуг или штрихкод полиса к сканеру/);
      await expect(page.getByTestId('device-hint').locator('svg')).toBeVisible();
      await noAxeViolations(page);
    } finally {
      await scanning.kiosk.close();
    }
  });
});
