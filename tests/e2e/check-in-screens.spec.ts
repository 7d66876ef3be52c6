// The check-in screens, portrait and landscape, in normal, large-text and
// high-contrast modes: a screenshot of each for a person to look at
// (test-results/screens/<orientation>-<mode>/4x-check-in-*.png), axe-core with
// 0 violations, every button at least 20 mm (76 px), nothing wider than the
// screen, the main button and «В начало» visible without scrolling. The same
// rules as tests/e2e/screens.spec.ts, for the screens this feature adds.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ticketCode } from '../../device-bridge/check-in/ticket-code';
import { DEMO_PATIENT } from '../kiosk-harness';
import { bookToday, KUZNETSOVA, scanUntil, SMIRNOV, startCheckInKiosk, type CheckInKiosk } from './check-in-kiosk';
import { typePolicyOnKeypad } from './kiosk-page';

const MIN_TOUCH_PX = 76;
const ORIENTATIONS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;
const MODES = ['normal', 'large-text', 'high-contrast'] as const;
type Mode = (typeof MODES)[number];

async function applyMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'large-text') await page.getByRole('button', { name: 'Крупный текст' }).tap();
  if (mode === 'high-contrast') await page.getByRole('button', { name: 'Контраст' }).tap();
}

async function checkScreen(page: Page, folder: string, mode: Mode, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `test-results/screens/${folder}/${name}.png` });
  const layout = await page.evaluate((min) => ({
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
    small: [...document.querySelectorAll('button')]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => ({ text: b.textContent?.trim() ?? '', rect: b.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < min || rect.height < min)
      .map(({ text, rect }) => `${text} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  }), MIN_TOUCH_PX);
  expect(layout.overflowX, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  expect(layout.small, `${name}: buttons below ${MIN_TOUCH_PX}px`).toEqual([]);
  for (const primary of await page.locator('.button--primary').all()) await expect(primary).toBeInViewport({ ratio: 1 });
  const home = page.getByRole('button', { name: 'В начало', exact: true });
  if ((await home.count()) > 0) await expect(home).toBeInViewport({ ratio: 1 });
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (mode === 'high-contrast') axe.withRules(['color-contrast-enhanced']).withTags(['wcag2a', 'wcag2aa', 'wcag2aaa']);
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${name}: axe`).toEqual([]);
}

// Six screens with axe each, on a machine shared with other test runs: more than the default minute.
test.setTimeout(180_000);

let kut: CheckInKiosk;
test.beforeEach(async () => {
  kut = await startCheckInKiosk('embedded');
});
test.afterEach(async () => {
  await kut.close();
});

for (const { name: orientation, viewport } of ORIENTATIONS) {
  for (const mode of MODES) {
    const folder = `${orientation}-${mode}`;
    test.describe(folder, () => {
      test.use({ viewport });

      test(`every check-in screen fits, is touchable and accessible (${folder})`, async ({ page }) => {
        const ivanova = await bookToday(kut.kiosk, DEMO_PATIENT.policy);
        const smirnov = await bookToday(kut.kiosk, SMIRNOV);
        const back = async () => {
          await page.getByRole('button', { name: 'Готово' }).tap();
          await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
          await applyMode(page, mode);
        };
        await page.goto(kut.kiosk.url);
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
        await applyMode(page, mode);
        await checkScreen(page, folder, mode, '40-check-in-attract');

        await scanUntil(page, ivanova.code.slice(0, -1) + (ivanova.code.endsWith('7') ? '8' : '7'), page.getByRole('heading', { name: 'Талон не прошёл проверку' }));
        await checkScreen(page, folder, mode, '41-check-in-forged');
        await back();

        await scanUntil(page, ticketCode({ clinic: 'ГБУЗ «Городская поликлиника № 7»', secret: 'theirs' }, 'З-2611-0001')!, page.getByRole('heading', { name: 'Талон другой поликлиники' }));
        await checkScreen(page, folder, mode, '42-check-in-other-clinic');
        await back();

        await scanUntil(page, smirnov.code, page.getByRole('heading', { name: 'Пока рано отмечаться' }));
        await checkScreen(page, folder, mode, '43-check-in-too-early');
        await back();

        await page.getByRole('button', { name: /Отметиться о приходе/ }).tap();
        await typePolicyOnKeypad(page, KUZNETSOVA);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByRole('heading', { name: 'На сегодня записи нет' })).toBeVisible();
        await checkScreen(page, folder, mode, '44-check-in-none-today');
        await back();

        await page.getByRole('button', { name: /Отметиться о приходе/ }).tap();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByRole('heading', { name: 'Вы отметились' })).toBeVisible();
        await checkScreen(page, folder, mode, '45-check-in-arrived');
      });
    });
  }
}
