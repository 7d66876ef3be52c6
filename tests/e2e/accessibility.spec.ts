// A patient who cannot see the screen books with a tactile keypad only
// (keyboard events, no touch): speech mode wakes with the first key, every step
// is spoken (a spy on POST /api/speech, which still reaches the real bridge and
// espeak-ng), focus moves in reading order and is always visible (screenshots
// in normal and high contrast: test-results/accessibility/<mode>/), axe-core
// finds nothing with speech on, and a kiosk whose espeak-ng fails still books
// and says so in service mode. README "Accessibility" has the keypad's keys.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { durationOf, peakOf, readWav } from '../../device-bridge/speech/wav';
import { DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';
import { openServiceEntry, typeServicePin } from './kiosk-page';

interface Spoken {
  readonly text: string;
  readonly language: string;
  readonly cache?: boolean;
  status?: number;
}

let kut: KioskUnderTest;

test.afterEach(async () => {
  await kut?.kiosk.close();
});

/** Every prompt the page asks the bridge to say, in order, with the bridge's answer status. */
function spyOnSpeech(page: Page): Spoken[] {
  const spoken: Spoken[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/speech')) spoken.push(request.postDataJSON() as Spoken);
  });
  page.on('response', (response) => {
    if (response.request().method() !== 'POST' || !response.url().endsWith('/api/speech')) return;
    const body = response.request().postDataJSON() as Spoken;
    const entry = [...spoken].reverse().find((s) => s.text === body.text && s.status === undefined);
    if (entry) entry.status = response.status();
  });
  return spoken;
}

/** Waits until some prompt said since `from` contains every one of `parts`. */
async function expectSaid(spoken: Spoken[], from: number, ...parts: (string | RegExp)[]): Promise<Spoken> {
  const matches = (s: Spoken) => parts.every((p) => (typeof p === 'string' ? s.text.includes(p) : p.test(s.text)));
  await expect.poll(() => spoken.slice(from).some(matches), { message: `spoken: ${parts.join(' + ')}` }).toBe(true);
  return spoken.slice(from).find(matches)!;
}

/** The focused control's accessible text and whether its ring is drawn thick enough to see. */
async function focused(page: Page): Promise<{ name: string; key: string | null; ring: number; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    const rect = el?.getBoundingClientRect();
    // The name a screen reader gives it: icons marked aria-hidden left out.
    const copy = el?.cloneNode(true) as HTMLElement | undefined;
    copy?.querySelectorAll('[aria-hidden="true"]').forEach((icon) => icon.remove());
    return {
      name: (el?.getAttribute('aria-label') ?? copy?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      key: el?.getAttribute('data-key') ?? null,
      ring: style && style.outlineStyle === 'solid' ? parseFloat(style.outlineWidth) : 0,
      visible: !!rect && rect.width > 0 && rect.bottom > 0 && rect.top < window.innerHeight,
    };
  });
}

async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  // A person's keys are never closer than a scanner's (the burst filter, kiosk-ui/accessibility/keypad-keys.ts).
  await page.waitForTimeout(90);
}

async function checkStep(page: Page, mode: string, name: string): Promise<void> {
  // Focus lands once the new screen has settled (kiosk-ui/accessibility/accessibility-runtime.ts).
  await expect.poll(() => page.evaluate(() => document.activeElement !== document.body), { message: `${name}: focus placed` }).toBe(true);
  const now = await focused(page);
  expect(now.visible, `${name}: focus on a visible control`).toBe(true);
  expect(now.ring, `${name}: a thick focus ring`).toBeGreaterThanOrEqual(6);
  await page.screenshot({ path: `test-results/accessibility/${mode}/${name}.png` });
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (mode === 'high-contrast') axe.withRules(['color-contrast-enhanced']).withTags(['wcag2a', 'wcag2aa', 'wcag2aaa']);
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${name}: axe`).toEqual([]);
}

/** Moves with ArrowDown until the focused control's name matches, asserting each step was spoken. */
async function moveTo(page: Page, spoken: Spoken[], target: RegExp, limit = 20): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    const now = await focused(page);
    if (target.test(now.name)) return passed;
    const from = spoken.length;
    await press(page, 'ArrowDown');
    const next = await focused(page);
    passed.push(next.name);
    await expectSaid(spoken, from, next.name.split(' ')[0]!);
  }
  throw new Error(`never reached ${target}`);
}

for (const mode of ['normal', 'high-contrast'] as const) {
  test(`a whole booking with the keypad only, every step spoken, focus visible (${mode})`, async ({ page }) => {
    // A whole visit key by key, with axe and a screenshot at nine steps: longer than one screen's test.
    test.setTimeout(180_000);
    kut = await startKioskUnderTest({ session: { idleSeconds: 120, doneSeconds: 60 } });
    const spoken = spyOnSpeech(page);
    await page.goto(kut.kiosk.url);
    await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    const speak = page.getByRole('button', { name: 'Озвучить' });
    await expect(speak).toHaveAttribute('aria-pressed', 'false');

    // The first key wakes speech mode: the attract screen is read, with the keypad's keys, and focus is on «Начать».
    await press(page, 'ArrowDown');
    await expect(speak).toHaveAttribute('aria-pressed', 'true');
    const title = await expectSaid(spoken, 0, 'Запись к врачу');
    await expectSaid(spoken, 0, 'Начать');
    await expectSaid(spoken, 0, 'звёздочка — назад');
    // What the page plays is real espeak-ng audio: the same request from the page, a WAV as long as the words, not silence.
    const audio = Buffer.from(
      await page.evaluate(async (body) => {
        const { value } = (await (await fetch('/api/kiosk/token')).json()) as { value: { token: string } };
        const answer = await fetch('/api/speech', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': value.token }, body: JSON.stringify(body) });
        return [...new Uint8Array(await answer.arrayBuffer())];
      }, { text: title.text, language: title.language }),
    );
    const wav = readWav(audio);
    expect(wav).toMatchObject({ channels: 1, bitsPerSample: 16 });
    expect(durationOf(wav!)).toBeGreaterThan(0.5);
    expect(peakOf(audio, wav!)).toBeGreaterThan(3000);
    await expect.poll(async () => (await focused(page)).name).toBe('Начать');

    if (mode === 'high-contrast') {
      // Reading order upwards from «Начать»: the display controls, right to left.
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        await press(page, 'ArrowUp');
        order.push((await focused(page)).name);
      }
      expect(order).toEqual(['Озвучить', 'Помощь', 'Контраст']);
      await press(page, 'Enter');
      await expect(page.locator('html')).toHaveClass(/high-contrast/);
      for (let i = 0; i < 3; i++) await press(page, 'ArrowDown');
      await expect.poll(async () => (await focused(page)).name).toBe('Начать');
    }
    await checkStep(page, mode, '01-attract');

    // Identify: the numeric keypad's digits type the policy number; each digit and the digits left are spoken.
    let from = spoken.length;
    await press(page, 'Enter');
    await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
    await expectSaid(spoken, from, 'Введите номер полиса ОМС');
    await expectSaid(spoken, from, 'Наберите цифры на клавиатуре');
    await expect.poll(async () => (await focused(page)).key).toBe('1');
    await checkStep(page, mode, '02-identify');
    // A USB keypad with Num Lock on sends the digits' keys ('6'); Playwright's Numpad6 is the Num Lock off key (ArrowRight).
    for (const [i, digit] of [...DEMO_PATIENT.policy].entries()) {
      from = spoken.length;
      await page.keyboard.press(digit);
      await expect(page.getByTestId('policy-display')).toContainText(DEMO_PATIENT.policy.slice(0, i + 1).replace(/(\d{4})(?=\d)/g, '$1 '));
      const left = 15 - i;
      await expectSaid(spoken, from, `${digit}.`, left > 0 ? new RegExp(`Остал(ось|ась) ${left} цифр`) : 'Номер введён полностью');
      await page.waitForTimeout(40);
    }
    // Typed in full: the digits are disabled, focus moves to «Продолжить», never onto something disabled.
    await expect.poll(async () => (await focused(page)).name).toBe('Продолжить');
    await checkStep(page, mode, '03-identify-complete');

    // Confirm: the patient's own name is spoken (as the screen shows it) but never cached by the bridge.
    from = spoken.length;
    await press(page, 'Enter');
    await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
    const identity = await expectSaid(spoken, from, DEMO_PATIENT.display);
    expect(identity.cache).toBe(false);
    expect(spoken.some((s) => s.text.includes(DEMO_PATIENT.policy) || s.text.includes(DEMO_PATIENT.policy.slice(0, 8)))).toBe(false);
    await expect.poll(async () => (await focused(page)).name).toBe('Да, это я');
    await checkStep(page, mode, '04-confirm');

    // Specialties: title and choices in order; 8/2 move, 0 repeats, «-» is quieter.
    from = spoken.length;
    await press(page, 'Numpad5');
    await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
    await expectSaid(spoken, from, 'К какому врачу записаться?');
    // The cards are one labelled group (the screen's title); each «Записаться на …» names its specialty.
    const choices = await expectSaid(spoken, from, 'Записаться на', 'Терапевт');
    expect(choices.text.indexOf('Терапевт')).toBeLessThan(choices.text.lastIndexOf(';'));
    const first = (await focused(page)).name;
    expect(first).toMatch(/^Записаться на .* — Терапевт/);
    // 2 and 8 as a Num Lock keypad sends them, then the same keys with Num Lock off (arrows).
    from = spoken.length;
    await press(page, '2');
    const second = (await focused(page)).name;
    expect(second).not.toBe(first);
    await expectSaid(spoken, from, second.split(' ')[0]!);
    await press(page, '8');
    expect((await focused(page)).name).toBe(first);
    await press(page, 'Numpad2');
    expect((await focused(page)).name).toBe(second);
    await press(page, 'Numpad8');
    expect((await focused(page)).name).toBe(first);
    from = spoken.length;
    await press(page, '0');
    await expectSaid(spoken, from, 'К какому врачу записаться?');
    from = spoken.length;
    await press(page, 'NumpadSubtract');
    await expectSaid(spoken, from, 'Громкость 4 из 5.');
    await checkStep(page, mode, '05-specialty');

    // Slot: «Другое время» of the first card (the next control after its «Записаться на …»); what is selected is
    // spoken; «*» goes back and Enter comes again.
    await press(page, '2');
    expect((await focused(page)).name).toMatch(/другое время/);
    from = spoken.length;
    await press(page, 'Enter');
    await expect(page.getByRole('group', { name: 'Время' })).toBeVisible();
    await expectSaid(spoken, from, 'Выбрано:');
    await expectSaid(spoken, from, 'Время:');
    from = spoken.length;
    await press(page, 'NumpadMultiply');
    await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
    await expectSaid(spoken, from, 'К какому врачу записаться?');
    // Back on the first card (its «Записаться на …» or «Другое время»); «Другое время» opens the times again.
    await expect.poll(async () => (await focused(page)).name).toMatch(/Терапевт/);
    if (!/другое время/.test((await focused(page)).name)) await press(page, '2');
    await press(page, 'Enter');
    await expect(page.getByRole('group', { name: 'Время' })).toBeVisible();
    await checkStep(page, mode, '06-slot');
    await moveTo(page, spoken, /^\d\d:\d\d/);
    const time = (await focused(page)).name.slice(0, 5);
    await checkStep(page, mode, '07-slot-time');

    // Review: the summary is read, focus on «Записаться».
    from = spoken.length;
    await press(page, 'Enter');
    await expect(page.getByRole('heading', { name: 'Проверьте запись' })).toBeVisible();
    await expectSaid(spoken, from, 'Проверьте запись');
    await expectSaid(spoken, from, 'Врач:', time);
    await expect.poll(async () => (await focused(page)).name).toBe('Записаться');
    await checkStep(page, mode, '08-review');

    // Done: the booking is read, with its number.
    from = spoken.length;
    await press(page, 'Enter');
    await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
    await expectSaid(spoken, from, 'Вы записаны');
    const booking = await expectSaid(spoken, from, 'Специалист: Терапевт', time, 'Кабинет:', /Номер записи: \S+/);
    expect(booking.text).not.toContain(DEMO_PATIENT.surname);
    await expect.poll(async () => (await focused(page)).name).toBe('Готово');
    await checkStep(page, mode, '09-done');
    expect(spoken.every((s) => s.status === 200 || s.status === undefined)).toBe(true);

    // The session ends: silence, speech mode off for the next patient.
    await press(page, 'Enter');
    await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Озвучить' })).toHaveAttribute('aria-pressed', 'false');
    // …and no focus ring left for a sighted patient who comes next.
    await expect(page.locator('html')).not.toHaveClass(/keypad-nav/);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });
}

test('the idle question is spoken, and «Озвучить» by touch reads the screen', async ({ page }) => {
  kut = await startKioskUnderTest({ session: { idleSeconds: 15, doneSeconds: 15 } });
  const spoken = spyOnSpeech(page);
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'Озвучить' }).tap();
  await expectSaid(spoken, 0, 'Запись к врачу');
  await page.getByRole('button', { name: 'Начать' }).tap();
  await expectSaid(spoken, 0, 'Введите номер полиса ОМС');
  await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: 30_000 });
  await expectSaid(spoken, 0, 'Нужно больше времени?');
  await expectSaid(spoken, 0, 'Да, продолжить');
  await expect.poll(async () => (await focused(page)).name).toBe('Да, продолжить');
  await checkStep(page, 'normal', '10-idle-question');
});

test('a failing espeak-ng leaves the keypad journey working and shows in service mode', async ({ page }) => {
  kut = await startKioskUnderTest({}, { speechCommand: '/nonexistent/espeak-ng' });
  const spoken = spyOnSpeech(page);
  await page.goto(kut.kiosk.url);
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await press(page, 'ArrowDown');
  await expectSaid(spoken, 0, 'Запись к врачу');
  await expect.poll(() => spoken.some((s) => s.status === 503)).toBe(true);
  await expect.poll(async () => (await focused(page)).name).toBe('Начать');
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
  // A person types once the keypad has the focus (before it, 4 and 6 move between controls instead).
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-digit-entry]') != null)).toBe(true);
  // Each digit on the display before the next key, as a person sees their key land: on a loaded machine two
  // presses queued together would otherwise look machine-fast to the burst filter and be dropped as a scan.
  for (const [i, digit] of [...DEMO_PATIENT.policy].entries()) {
    await page.keyboard.press(digit);
    await expect(page.getByTestId('policy-display')).toContainText(DEMO_PATIENT.policy.slice(0, i + 1).replace(/(\d{4})(?=\d)/g, '$1 '));
    await page.waitForTimeout(40);
  }
  await expect.poll(async () => (await focused(page)).name).toBe('Продолжить');
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
  await expect.poll(async () => (await focused(page)).name).toBe('Да, это я');
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
  expect(spoken.every((s) => s.status !== 200)).toBe(true);

  // Service mode says why the kiosk is silent.
  await page.goto('about:blank');
  await openServiceEntry(page, kut.kiosk.url);
  await typeServicePin(page, TEST_SERVICE_PIN);
  await expect(page.getByTestId('service-speech')).toHaveText('недоступно: /nonexistent/espeak-ng is not installed (not found on PATH)');
  await page.screenshot({ path: 'test-results/accessibility/normal/11-service-speech-unavailable.png' });
});
