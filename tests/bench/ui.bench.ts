// UI budgets (issue: the patient journey), measured in Debian's Chromium against
// the real bridge: tap → next screen painted p95 ≤ 50 ms with 4× CPU throttling,
// and heap growth over 1 000 consecutive sessions ≤ 2 MB.
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startKioskUnderTest } from '../kiosk-harness';
import { percentile, type Benchmark } from './bench-kit';

const TAPS = 200;
const SESSIONS = 1000;

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

    // Tap → painted: from the click to the second animation frame after it (the frame that shows the change).
    // In-page scripts are plain strings: tsx's name helpers do not exist in the page.
    const tapToPaint = (await page.evaluate(`(async (taps) => {
      const painted = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      const button = (name) => [...document.querySelectorAll('button')].find((b) => b.textContent.includes(name));
      const timed = async (name) => {
        const start = performance.now();
        button(name).click();
        await painted();
        return performance.now() - start;
      };
      const samples = [];
      for (let i = 0; i < taps; i++) {
        samples.push(await timed('Начать'));
        for (const digit of '6449') samples.push(await timed(digit));
        samples.push(await timed('Помощь'));
        samples.push(await timed('Понятно'));
        samples.push(await timed('В начало'));
        while (!button('Начать')) await painted();
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
      const button = (name) => [...document.querySelectorAll('button')].find((b) => b.textContent.includes(name));
      const until = async (name) => {
        while (!button(name)) await new Promise((r) => setTimeout(r, 1));
        return button(name);
      };
      for (let i = 0; i < sessions; i++) {
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
