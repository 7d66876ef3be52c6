// The check-in screens, portrait and landscape, in normal, large-text and
// high-contrast modes: a screenshot of each for a person to look at
// (test-results/screens/<orientation>-<mode>/4x-check-in-*.png) and every rule
// of ./screen-step.ts, the same as tests/e2e/screens.spec.ts holds the booking's
// screens to: the patient's checks, touch sizes, the way out in view, axe.
import { expect, test } from '@playwright/test';
import { ticketCode } from '../../device-bridge/check-in/ticket-code';
import { DEMO_PATIENT } from '../kiosk-harness';
import { bookToday, KUZNETSOVA, scanUntil, SMIRNOV, startCheckInKiosk, type CheckInKiosk } from './check-in-kiosk';
import { typePolicyOnKeypad } from './kiosk-page';
import { applyMode, checkScreen, MODES, ORIENTATIONS } from './screen-step';

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
