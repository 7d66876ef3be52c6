// «Позвать волонтёра»: on a dead end and in help. The patient sees where help
// is (the config's text, in their language) and what to do meanwhile; when the
// kiosk is set to signal a call, a banner for volunteers and a chime; the
// bridge counts the call. Closing returns to the same screen, with what was typed.
import { expect, test, type Page } from '@playwright/test';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { typePolicyOnKeypad } from './kiosk-page';

const WHERE = { ru: 'Волонтёр — у колонны справа от входа, в жёлтом жилете', en: 'A volunteer in a yellow vest, by the pillar right of the entrance' };

let kut: KioskUnderTest | null = null;

test.afterEach(async () => {
  await kut?.kiosk.close();
  kut = null;
});

/** Counts the tones WebAudio starts: the chime is heard, not seen. */
async function countTones(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const started = { count: 0 };
    (window as unknown as { tonesStarted: typeof started }).tonesStarted = started;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      started.count++;
      return start.apply(this, args);
    };
  });
}

const tonesStarted = (page: Page) => page.evaluate(() => (window as unknown as { tonesStarted: { count: number } }).tonesStarted.count);

async function assistanceCalls(screen: string): Promise<number> {
  const response = await fetch(new URL('/metrics', kut!.kiosk.url));
  const line = (await response.text()).split('\n').find((l) => l.startsWith('kiosk_assistance_calls_total{') && l.includes(`screen="${screen}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

test('on "not found", «Позвать волонтёра»: where help is, the signal and the chime; the bridge counts it; closing keeps the number', async ({ page }) => {
  kut = await startKioskUnderTest({ assistance: { where: WHERE, callSignal: 'screen-and-sound' } });
  await countTones(page);
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Начать' }).tap();
  await typePolicyOnKeypad(page, '1234567890123452');
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByText('Полис не найден. Проверьте номер')).toBeVisible();

  await page.getByRole('button', { name: 'Позвать волонтёра' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Мы позвали волонтёра, подождите здесь' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('assistance-where')).toHaveText(WHERE.ru);
  // One instruction first (wait here); where help is comes after, as what to do if nobody came.
  await expect(dialog.getByText('Волонтёр увидит сигнал на экране и подойдёт к вам')).toBeVisible();
  await expect(dialog.getByText('Если никто не подошёл за 3 минуты:')).toBeVisible();
  await expect(page.getByTestId('assistance-signal')).toBeVisible();
  await expect(page.getByTestId('assistance-signal')).toHaveText(/Здесь нужна помощь/);
  await expect.poll(() => tonesStarted(page)).toBeGreaterThanOrEqual(2);
  await expect.poll(() => assistanceCalls('identify')).toBe(1);

  await dialog.getByRole('button', { name: 'Закрыть' }).tap();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('assistance-signal')).toHaveCount(0);
  await expect(page.getByTestId('policy-display')).toHaveText('1234 5678 9012 3452');
});

test('from help on the attract screen, in English, with no call signal set: where to go, no banner, no sound', async ({ page }) => {
  kut = await startKioskUnderTest({ assistance: { where: WHERE, callSignal: 'none' } });
  await countTones(page);
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await page.getByRole('button', { name: 'Help' }).tap();
  await page.getByRole('dialog').getByRole('button', { name: 'Call a volunteer' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Where to find help' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('assistance-where')).toHaveText(WHERE.en);
  await expect(page.getByTestId('assistance-signal')).toHaveCount(0);
  expect(await tonesStarted(page)).toBe(0);
  await expect.poll(() => assistanceCalls('attract')).toBe(1);
  await dialog.getByRole('button', { name: 'Close' }).tap();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('an idle reset takes the call away with the patient', async ({ page }) => {
  kut = await startKioskUnderTest({ assistance: { where: WHERE, callSignal: 'screen' } });
  await page.clock.install();
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Начать' }).tap();
  await typePolicyOnKeypad(page, '6449');
  await page.getByRole('button', { name: 'Помощь' }).tap();
  await page.getByRole('dialog').getByRole('button', { name: 'Позвать волонтёра' }).tap();
  await expect(page.getByRole('dialog', { name: 'Мы позвали волонтёра, подождите здесь' })).toBeVisible();
  await expect(page.getByTestId('assistance-signal')).toBeVisible();
  await page.clock.fastForward(61_000);
  await expect(page.getByRole('alertdialog', { name: 'Нужно больше времени?' })).toBeVisible();
  await page.clock.fastForward(21_000);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('assistance-signal')).toHaveCount(0);
});
