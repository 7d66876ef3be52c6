// A patient without a 16-digit ЕНП: a temporary certificate (9 digits) on the
// digit keypad, or an old-style policy's series and number on the letter
// keypad, chosen on the identify screen; then the same «Это вы?» and booking
// as with an ЕНП. The demo clinic has one of each (README, demo patients).
import { expect, test, type Page } from '@playwright/test';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { pickFirstFreeSlot, typePolicyOnKeypad } from './kiosk-page';

const TEMPORARY = { number: '570312840', display: 'Волкова О. И.', last4: '2840' } as const;
const OLD = { series: 'ЯБ', number: '5721436', display: 'Новиков С. П.', last4: '1436' } as const;

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest();
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

async function chooseKind(page: Page, kind: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
  await page.getByRole('group', { name: 'Какой у вас документ?' }).getByRole('button', { name: kind }).tap();
}

async function typeLetters(page: Page, letters: string): Promise<void> {
  for (const letter of letters) await page.getByRole('button', { name: `Буква ${letter}`, exact: true }).tap();
}

test('a temporary certificate: 9 digits with digits-left feedback, «Это вы?» with the masked name, then a booking', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await chooseKind(page, /^Временное свидетельство/);
  await expect(page.getByRole('heading', { name: 'Введите номер временного свидетельства' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Временное свидетельство/ })).toHaveAttribute('aria-pressed', 'true');
  await typePolicyOnKeypad(page, TEMPORARY.number.slice(0, 5));
  await expect(page.getByText('Осталось 4 цифры')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Продолжить' })).toBeDisabled();
  await typePolicyOnKeypad(page, TEMPORARY.number.slice(5));
  await expect(page.getByTestId('policy-display')).toHaveText('570 312 840');
  await expect(page.getByText('Номер введён полностью')).toBeVisible();
  // Nine is all a temporary certificate has: the keypad stops taking digits.
  await expect(page.getByRole('button', { name: 'Цифра 1', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
  await expect(page.getByText(TEMPORARY.display)).toBeVisible();
  await expect(page.getByText(`Полис: **** ${TEMPORARY.last4}`)).toBeVisible();
  await expect(page.getByText(TEMPORARY.number)).toHaveCount(0);
  await page.getByRole('button', { name: 'Да, это я' }).tap();
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();

  await pickFirstFreeSlot(page, 'Офтальмолог');
  await page.getByRole('button', { name: 'Записаться' }).tap();
  await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
});

test('an old-style policy: series letters and number digits on the letter keypad, with feedback until it is long enough', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await chooseKind(page, /^Полис старого образца/);
  await expect(page.getByRole('heading', { name: 'Введите серию и номер полиса' })).toBeVisible();
  await expect(page.getByTestId('policy-display')).toHaveText('Серия и номер');

  await typeLetters(page, OLD.series);
  await expect(page.getByText('Введите ещё хотя бы 4 знака')).toBeVisible();
  await page.getByRole('button', { name: 'Пробел' }).tap();
  await typeLetters(page, 'ВГДЕ');
  await expect(page.getByText('Теперь введите цифры номера')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Продолжить' })).toBeDisabled();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Стереть' }).tap();

  await typePolicyOnKeypad(page, OLD.number);
  await expect(page.getByTestId('policy-display')).toHaveText(`${OLD.series} ${OLD.number}`);
  await expect(page.getByText('Проверьте серию и номер и нажмите «Продолжить»')).toBeVisible();
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
  await expect(page.getByText(OLD.display)).toBeVisible();
  await expect(page.getByText(`Полис: **** ${OLD.last4}`)).toBeVisible();
  await page.getByRole('button', { name: 'Да, это я' }).tap();
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
});

test('a number not in the registry says so, keeps the kind and offers a volunteer; «В начало» brings back the ЕНП keypad', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await chooseKind(page, /^Временное свидетельство/);
  await typePolicyOnKeypad(page, '570312841');
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByText('Полис не найден. Проверьте номер')).toBeVisible();
  await expect(page.getByTestId('policy-display')).toHaveText('570 312 841');
  await expect(page.getByRole('button', { name: 'Позвать волонтёра' })).toBeVisible();

  await page.getByRole('button', { name: 'В начало' }).tap();
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Полис ОМС/ })).toHaveAttribute('aria-pressed', 'true');
});
