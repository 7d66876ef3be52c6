// One screen of a walk, checked as a patient would meet it, for every spec that walks screens
// (screens.spec.ts, check-in-screens.spec.ts): a screenshot for a person to look at
// (test-results/screens/<orientation>-<mode>/<name>.png), the patient's checks of
// ./screen-checks.ts (hidden choices, broken words, large-text minimum, reach), nothing wider than the
// screen, every button at least 20 mm (76 px), the main button and the way out in view, axe-core with 0
// violations (7:1 contrast in high-contrast mode), and in normal mode the screen's own help.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { expectPatientCanUse } from './screen-checks';

export const MIN_TOUCH_PX = 76;
export const ORIENTATIONS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;
export const MODES = ['normal', 'large-text', 'high-contrast'] as const;
export type Mode = (typeof MODES)[number];

/** Display modes last one session: set them on the attract screen before each start. */
export async function applyMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'large-text') await page.getByRole('button', { name: 'Крупный текст' }).tap();
  if (mode === 'high-contrast') await page.getByRole('button', { name: 'Контраст' }).tap();
}

export async function checkScreen(page: Page, folder: string, mode: Mode, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `test-results/screens/${folder}/${name}.png` });
  const layout = await page.evaluate((min) => ({
    // The page, and any scrolling region inside it, is no wider than the screen.
    overflowX: Math.max(
      document.documentElement.scrollWidth - window.innerWidth,
      ...[...document.querySelectorAll('.screen__body')].map((el) => el.scrollWidth - el.clientWidth),
    ),
    small: [...document.querySelectorAll('button')]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => ({ text: b.textContent?.trim() ?? '', rect: b.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < min || rect.height < min)
      .map(({ text, rect }) => `${text} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  }), MIN_TOUCH_PX);
  // Nothing hidden without a control, no word broken mid-word, large text that is large, main buttons in reach.
  await expectPatientCanUse(page, name, { largeText: mode === 'large-text' });
  expect(layout.overflowX, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  expect(layout.small, `${name}: buttons below ${MIN_TOUCH_PX}px`).toEqual([]);
  // Soft, like the patient checks: a walk goes on past a cut-off button and reports every screen that has one.
  for (const primary of await page.locator('.button--primary').all()) await expect.soft(primary, `${name}: the main button in view`).toBeInViewport({ ratio: 1 });
  for (const nav of ['Назад', 'В начало']) {
    const button = page.getByRole('button', { name: nav, exact: true });
    if ((await button.count()) > 0) await expect(button).toBeInViewport({ ratio: 1 });
  }
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // High-contrast mode promises 7:1 (WCAG AAA contrast), not just 4.5:1.
  if (mode === 'high-contrast') axe.withRules(['color-contrast-enhanced']).withTags(['wcag2a', 'wcag2aa', 'wcag2aaa']);
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${name}: axe`).toEqual([]);
  if (mode === 'normal') await checkHelpOpen(page, name);
}

/** The screen's own help, open over it: a real text (not a missing key), its picture, and 0 axe violations. */
async function checkHelpOpen(page: Page, name: string): Promise<void> {
  const open = page.getByRole('button', { name: 'Помощь', exact: true });
  // Not over another dialog (the idle question, the volunteer call): one dialog at a time.
  if ((await page.locator('[role=dialog], [role=alertdialog]').count()) > 0 || (await open.count()) === 0) return;
  await open.tap();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.help-picture')).toBeVisible();
  expect(await dialog.textContent(), `${name}: help text`).not.toMatch(/help\.\w+/);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${name} with help open: axe`).toEqual([]);
  await page.getByRole('button', { name: 'Понятно' }).tap();
  await expect(dialog).toHaveCount(0);
}
