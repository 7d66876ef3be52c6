// UI budgets (issue: the patient journey), measured in Debian's Chromium against
// the real bridge: tap → next screen painted p95 ≤ 50 ms with 4× CPU throttling,
// and heap growth over 1 000 consecutive sessions ≤ 2 MB.
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startKioskUnderTest } from '../kiosk-harness';
import { percentile, type Benchmark } from './bench-kit';

const TAPS = 200;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);

export const run: Benchmark = async () => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'silent'], { stdio: 'inherit' });
  const kut = await startKioskUnderTest();
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(kut.kiosk.url);
    await page.getByRole('button', { name: 'Начать' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

    // Tap → painted: from the click until the change it causes is in the DOM and a frame with it has been
    // painted (at least two animation frames: the second starts after the first was drawn).
    // In-page scripts are plain strings: tsx's name helpers do not exist in the page (and no backslashes in them).
    const tapToPaint = (await page.evaluate(`(async (taps) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      // Keypad digits by their label: a digit also stands on other buttons («16 цифр»).
      const button = (name) => /^[0-9]$/.test(name)
        ? document.querySelector('[aria-label="Цифра ' + name + '"]')
        : [...document.querySelectorAll('button')].find((b) => b.textContent.includes(name));
      const typed = () => document.querySelector('[data-testid="policy-display"]')?.textContent ?? '';
      const timed = async (name, changed) => {
        const target = button(name);
        if (!target) throw new Error('no button ' + name);
        const start = performance.now();
        target.click();
        // Frames until the change is in the DOM, then one more: that frame's callback runs after the
        // frame with the change was painted.
        do {
          if (performance.now() - start > 5000) throw new Error('tapped ' + name + ': nothing changed within 5 s');
          await frame();
        } while (!changed());
        await frame();
        return performance.now() - start;
      };
      const samples = [];
      for (let i = 0; i < taps; i++) {
        samples.push(await timed('Начать', () => button('0') !== undefined && button('0') !== null));
        for (const digit of '6449') {
          const before = typed();
          samples.push(await timed(digit, () => typed() !== before));
        }
        samples.push(await timed('Помощь', () => !!button('Понятно')));
        samples.push(await timed('Понятно', () => !button('Понятно')));
        samples.push(await timed('В начало', () => !!button('Начать')));
      }
      return samples;
    })(${Math.ceil(TAPS / 8)})`)) as number[];
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // 1 000 sessions: start, type, go home; the heap after them against the heap before, both after GC.
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await heap();
    await page.evaluate(`(async (sessions) => {
      const button = (name) => /^[0-9]$/.test(name)
        ? document.querySelector('[aria-label="Цифра ' + name + '"]')
        : [...document.querySelectorAll('button')].find((b) => b.textContent.includes(name));
      const until = async (name) => {
        const start = performance.now();
        while (!button(name)) {
          if (performance.now() - start > 5000) throw new Error('session ' + i + ': no ' + name + ' within 5 s on ' + document.querySelector('[data-screen]')?.dataset.screen);
          await new Promise((r) => setTimeout(r, 1));
        }
        return button(name);
      };
      let i = 0;
      for (i = 0; i < sessions; i++) {
        // «Начать» shows while the last session is still being closed at the bridge; a tap then is kept
        // (kiosk-ui/journey/journey-machine.ts), so one tap must always be enough.
        (await until('Начать')).click();
        for (const digit of '6449') (await until(digit)).click();
        (await until('В начало')).click();
      }
      await until('Начать');
    })(${SESSIONS})`);
    const after = await heap();

    return [
      { name: `tap → next screen painted, 4× CPU throttling, p50 (${tapToPaint.length} taps)`, value: percentile(tapToPaint, 50), unit: 'ms' },
      { name: 'tap → next screen painted, 4× CPU throttling, p95', value: percentile(tapToPaint, 95), unit: 'ms', budget: 50 },
      { name: `JS heap growth over ${SESSIONS} sessions`, value: Math.max(0, (after - before) / 1024 / 1024), unit: 'MB', budget: 2 },
    ];
  } finally {
    await browser.close();
    await kut.kiosk.close();
  }
};
