// What a patient does at the kiosk, as Playwright steps that tap what a finger would.
import { expect, type Locator, type Page } from '@playwright/test';

export async function typePolicyOnKeypad(page: Page, policy: string): Promise<void> {
  for (const digit of policy) await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
}

export async function identify(page: Page, policy: string): Promise<void> {
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
  await typePolicyOnKeypad(page, policy);
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
  await page.getByRole('button', { name: 'Да, это я' }).tap();
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
}

/**
 * Shows the specialty's card: with large text the list pages, so this taps «Ещё врачи …»
 * (as a patient would) until the card is on screen.
 */
/** Pages a list (components/paged-grid.tsx) with its «Ещё …» control, as a patient would, until `choice` shows. */
export async function pageTo(page: Page, choice: Locator): Promise<void> {
  // Back to the first page, then forward page by page (the list may still be on the page the patient left it at).
  const back = page.locator('.paged__control--back:visible');
  for (let tries = 0; tries < 10 && !(await choice.first().isVisible()) && (await back.count()) > 0; tries++) await back.first().tap();
  const more = page.locator('.paged__control--more:visible');
  for (let tries = 0; tries < 10 && !(await choice.first().isVisible()) && (await more.count()) > 0; tries++) await more.first().tap();
  await expect(choice.first()).toBeVisible();
}

/** A specialty's card, its name matched across the soft hyphens long names carry (kiosk-ui/i18n/hyphenate-ru.ts). */
export const specialtyCard = (page: Page, specialty: string) =>
  page.locator('.specialty-card', { hasText: new RegExp([...specialty].join('\u00AD?')) });

export async function showSpecialty(page: Page, specialty: string): Promise<void> {
  await pageTo(page, specialtyCard(page, specialty));
}

/** Picks the specialty, then the first free time of the nearest day; returns what the time button said. */
export async function pickFirstFreeSlot(page: Page, specialty: string): Promise<{ time: string }> {
  await showSpecialty(page, specialty);
  await page.getByRole('button', { name: new RegExp(`^${specialty}`) }).tap();
  const firstTime = page.getByRole('group', { name: 'Время' }).getByRole('button').first();
  await expect(firstTime).toBeVisible();
  const time = (await firstTime.locator('.time__clock').textContent()) ?? '';
  await firstTime.tap();
  await expect(page.getByRole('heading', { name: 'Проверьте запись' })).toBeVisible();
  return { time };
}

/** The hidden service entry: a 3-second press in the top-left corner of the attract screen (no patient does that by chance). */
export async function openServiceEntry(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  const corner = await page.getByTestId('service-corner').boundingBox();
  await page.mouse.move(corner!.x + 10, corner!.y + 10);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: 'Сервисный режим: введите PIN' })).toBeVisible();
}

/** Types a PIN on the service keypad and presses «Войти». */
export async function typeServicePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: `Цифра ${digit}`, exact: true }).tap();
  await page.getByRole('button', { name: 'Войти' }).tap();
}
