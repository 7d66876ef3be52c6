// The screen checks (screen-checks.ts) catch what they promise: each is run on a
// small page made wrong on purpose, and on the same page made right.
import { expect, test } from '@playwright/test';
import { brokenWords, hiddenChoices, LARGE_TEXT_MIN_PX, smallText, unreachableControls } from './screen-checks';

const page = (body: string) => `<!doctype html><html lang="ru"><head><style>
  html, body { margin: 0; height: 100%; font: 32px 'DejaVu Sans', sans-serif; }
  button { font: inherit; height: 100px; width: 300px; display: block; }
</style></head><body>${body}</body></html>`;

test.use({ viewport: { width: 1080, height: 1920 } });

test('a list cut off at the bottom of a scrolling region is a hidden choice; the same list that fits is not', async ({ page: p }) => {
  const times = Array.from({ length: 12 }, (_, i) => `<button>${8 + i}:00</button>`).join('');
  await p.setContent(page(`<main style="height: 600px; overflow-y: auto">${times}</main>`));
  const hidden = await hiddenChoices(p);
  // 100-px buttons in a 600-px region: 8:00–13:00 show, 14:00 onwards are below its edge.
  expect(hidden.map((h) => h.slice(0, 20))).toEqual(['14:00', '15:00', '16:00', '17:00', '18:00', '19:00'].map((t) => `«${t}» is out of sight`.slice(0, 20)));

  await p.setContent(page(`<main style="height: 1300px; overflow-y: auto">${times}</main>`));
  expect(await hiddenChoices(p)).toEqual([]);
});

test('a day strip that runs off the side of the screen is a hidden choice', async ({ page: p }) => {
  const days = Array.from({ length: 6 }, (_, i) => `<button style="flex: none">день ${i + 1}</button>`).join('');
  await p.setContent(page(`<div style="display: flex; gap: 8px; overflow-x: auto">${days}</div>`));
  expect((await hiddenChoices(p)).map((h) => h.slice(0, 10))).toEqual(['«день 4» i', '«день 5» i', '«день 6» i']);
});

test('a paged list that holds choices back needs a visible control for them', async ({ page: p }) => {
  await p.setContent(page(`<div data-paged data-held-back="8" aria-label="Время"><button>08:00</button></div>`));
  expect(await hiddenChoices(p)).toEqual(['«Время» holds back 8 choices without a control for them']);
  await p.setContent(page(`<div data-paged data-held-back="8" aria-label="Время"><button>08:00</button><button data-paged-control>Ещё время</button></div>`));
  expect(await hiddenChoices(p)).toEqual([]);
});

test('a word broken without a hyphen is found; one broken at a soft hyphen is not', async ({ page: p }) => {
  await p.setContent(page(`<p style="width: 260px; overflow-wrap: anywhere">Оториноларинголог</p>`));
  const broken = await brokenWords(p);
  expect(broken).toHaveLength(1);
  expect(broken[0]).toMatch(/^«Оторинолар\S*\|\S+» broken mid-word$/);

  await p.setContent(page(`<p style="width: 260px">Ото\u00ADри\u00ADно\u00ADла\u00ADрин\u00ADго\u00ADлог</p>`));
  expect(await brokenWords(p)).toEqual([]);
  // Two whole words on two lines are no break at all.
  await p.setContent(page(`<p style="width: 260px">Терапевт участковый</p>`));
  expect(await brokenWords(p)).toEqual([]);
});

test('a name cut off with an ellipsis is found', async ({ page: p }) => {
  const style = 'width: 200px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
  await p.setContent(page(`<span style="display: block; ${style}">Константинопольская Т. А., 1979 г. р.</span>`));
  expect(await brokenWords(p)).toEqual(['«Константинопольская Т. А., 1979 г. р.» cut off at the side']);
  await p.setContent(page(`<span style="display: block; ${style}">Ли Т. А.</span>`));
  expect(await brokenWords(p)).toEqual([]);
});

test(`text under ${LARGE_TEXT_MIN_PX}px is found, visually hidden text is not`, async ({ page: p }) => {
  const srOnly = 'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)';
  await p.setContent(page(`<p>Крупно</p><p style="font-size: 22px">каб. 214</p><span style="${srOnly}; font-size: 10px">для чтеца</span>`));
  expect(await smallText(p, LARGE_TEXT_MIN_PX)).toEqual(['«каб. 214» 22.0px']);
});

test('in portrait a main button above the reach line, or off screen, is out of reach; one low on the screen is not', async ({ page: p }) => {
  await p.setContent(page(`<button class="button--primary" style="margin-top: 200px">Записаться</button>`));
  expect(await unreachableControls(p)).toEqual(['«Записаться» above the reach line (centre at 250px, line 768px)']);
  await p.setContent(page(`<button class="button--primary" style="margin-top: 1900px">Записаться</button>`));
  expect(await unreachableControls(p)).toEqual(['«Записаться» not wholly on screen']);
  await p.setContent(page(`<button class="keypad__key" style="margin-top: 1400px">1</button>`));
  expect(await unreachableControls(p)).toEqual([]);
});
