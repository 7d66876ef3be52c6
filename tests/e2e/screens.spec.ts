// Every screen, portrait (1080×1920) and landscape (1920×1080): a screenshot for
// a person to look at (test-results/screens/), and the touch rules checked on
// each: nothing wider than the screen, every button at least 20 mm (76 px).
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { identify, pickFirstFreeSlot, typePolicyOnKeypad } from './kiosk-page';

const MIN_TOUCH_PX = 76;
const ORIENTATIONS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

let kut: KioskUnderTest;

test.beforeAll(async () => {
  kut = await startKioskUnderTest();
});

test.afterAll(async () => {
  await kut.kiosk.close();
});

async function checkScreen(page: Page, orientation: string, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `test-results/screens/${orientation}/${name}.png` });
  const layout = await page.evaluate(() => ({
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
    small: [...document.querySelectorAll('button')]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => ({ text: b.textContent?.trim() ?? '', rect: b.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < 76 || rect.height < 76)
      .map(({ text, rect }) => `${text} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  }));
  expect(layout.overflowX, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  expect(layout.small, `${name}: buttons below ${MIN_TOUCH_PX}px`).toEqual([]);
  // The screen's main action is visible without scrolling.
  for (const primary of await page.locator('.button--primary').all()) await expect(primary).toBeInViewport({ ratio: 1 });
  for (const nav of ['Назад', 'В начало']) {
    const button = page.getByRole('button', { name: nav });
    if ((await button.count()) > 0) await expect(button).toBeInViewport({ ratio: 1 });
  }
}

for (const { name: orientation, viewport } of ORIENTATIONS) {
  test.describe(orientation, () => {
    test.use({ viewport });

    test(`every screen of a booking fits and is touchable (${orientation})`, async ({ page }) => {
      await page.goto(kut.kiosk.url);
      await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
      await checkScreen(page, orientation, '01-attract');

      await page.getByRole('button', { name: 'Начать' }).tap();
      await typePolicyOnKeypad(page, DEMO_PATIENT.policy.slice(0, 7));
      await checkScreen(page, orientation, '02-identify');
      await typePolicyOnKeypad(page, DEMO_PATIENT.policy.slice(7, 15) + '1');
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Продолжить' })).toBeInViewport();
      await checkScreen(page, orientation, '03-identify-check-digit-error');
      await page.getByRole('button', { name: 'Очистить' }).tap();
      await page.getByRole('button', { name: 'В начало' }).tap();

      await identify(page, DEMO_PATIENT.policy);
      await checkScreen(page, orientation, '04-specialty');

      await page.getByRole('button', { name: /^Терапевт участковый/ }).tap();
      await expect(page.getByRole('group', { name: 'Время' })).toBeVisible();
      await checkScreen(page, orientation, '05-slot');
      await page.getByRole('button', { name: 'Назад' }).tap();

      await pickFirstFreeSlot(page, 'Хирург');
      await checkScreen(page, orientation, '06-review');

      await page.getByRole('button', { name: 'Записаться' }).tap();
      await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
      await checkScreen(page, orientation, '07-done-printed');
      await page.getByRole('button', { name: 'Готово' }).tap();

      kut.kiosk.virtualPrinter!.setFault('paper-out');
      try {
        await identify(page, DEMO_PATIENT.policy);
        await pickFirstFreeSlot(page, 'Офтальмолог');
        await expect(page.getByText('Принтер сейчас не печатает')).toBeVisible({ timeout: 10_000 });
        await checkScreen(page, orientation, '08-review-printer-down');
        await page.getByRole('button', { name: 'Записаться' }).tap();
        await expect(page.getByText('Талон не напечатался')).toBeVisible();
        await checkScreen(page, orientation, '09-done-not-printed');
        await page.getByRole('button', { name: 'Готово' }).tap();
      } finally {
        kut.kiosk.virtualPrinter!.setFault('none');
      }
    });

    test(`the dead-end screen offers a way back (${orientation})`, async ({ page }) => {
      // The scheduler outage is simulated at the narrowest seam: one HTTP answer.
      await page.route('**/api/specialties', (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }) }),
      );
      await page.goto(kut.kiosk.url);
      await page.getByRole('button', { name: 'Начать' }).tap();
      await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
      await page.getByRole('button', { name: 'Продолжить' }).tap();
      await expect(page.getByText('Расписание поликлиники сейчас недоступно')).toBeVisible();
      await checkScreen(page, orientation, '10-failed');
      await page.getByRole('button', { name: 'Начать заново' }).tap();
      await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    });
  });
}
