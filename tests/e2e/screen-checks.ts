// What a patient would notice is wrong with a screen, measured in the browser:
// a choice cut off at the edge of the screen or of a scrolling list (no patient
// scrolls), a word broken in the middle without a hyphen, or cut off with «…»,
// text below the large-text minimum, and a main button out of reach. Each
// check returns what it found (empty when the screen is right), so a spec can
// say which screen failed and why; screens.spec.ts runs them on every screen in
// both orientations and all three modes, screen-checks.spec.ts proves each one
// fails on a screen made wrong on purpose.
import { expect, type Page } from '@playwright/test';

/** No text smaller than this in large-text mode (CSS px on the 1080-px-wide panel). */
export const LARGE_TEXT_MIN_PX = 28;
/**
 * On a floor-standing portrait kiosk (32", bottom edge ≈ 0.8 m) a finger reaches
 * ~1.2 m (ADA's high forward reach): the top ~40 % of the panel is out of reach
 * for a seated or short patient, so the keypad and main buttons sit below it.
 */
export const PORTRAIT_REACH_TOP = 0.4;

/** Marks a list that shows part of its items and a labelled control for the rest (kiosk-ui/components/paged-grid.tsx). */
const PAGED = '[data-paged]';
/** Buttons a patient must reach: the main action, and each key of a keypad. */
const MAIN_CONTROLS = '.button--primary, .keypad__key, [data-main-control]';

/**
 * Choices a patient cannot see without a gesture they would not make: a button
 * (enabled or not) partly outside the screen or outside a region that clips or
 * scrolls; and a list that holds items back without a visible control for them.
 */
export async function hiddenChoices(page: Page): Promise<string[]> {
  return page.evaluate((paged) => {
    const found: string[] = [];
    const label = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const controls = [...document.querySelectorAll<HTMLElement>('button, [role=button], a[href], input, select, textarea')];
    for (const el of controls) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      let left = Math.max(rect.left, 0);
      let top = Math.max(rect.top, 0);
      let right = Math.min(rect.right, window.innerWidth);
      let bottom = Math.min(rect.bottom, window.innerHeight);
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
      }
      const shown = Math.max(0, right - left) * Math.max(0, bottom - top);
      if (shown < rect.width * rect.height * 0.98) {
        found.push(`«${label(el)}» is ${shown === 0 ? 'out of sight' : 'cut off'} (${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)})`);
      }
    }
    for (const list of document.querySelectorAll<HTMLElement>(paged)) {
      const held = Number(list.dataset.heldBack ?? '0');
      const more = [...list.querySelectorAll<HTMLElement>('[data-paged-control]')].filter((c) => c.getBoundingClientRect().height > 0);
      const name = list.getAttribute('aria-label') ?? list.querySelector('[aria-label]')?.getAttribute('aria-label') ?? list.className;
      if (held > 0 && more.length === 0) found.push(`«${name}» holds back ${held} choices without a control for them`);
    }
    return found;
  }, PAGED);
}

/**
 * Words broken across lines anywhere but at a hyphen (a soft hyphen, or «-»),
 * and text cut off (an ellipsis, or a box narrower than its words).
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const isLetter = (c: string) => /[\p{L}\p{N}]/u.test(c);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      const parent = node.parentElement;
      if (!parent || !/[\p{L}]{2}/u.test(text) || parent.closest('svg')) continue;
      // Visually hidden text (for screen readers only) is 1 px wide: not what anyone reads.
      const boxes = parent.getClientRects();
      if (boxes.length === 0 || [...boxes].every((r) => r.width <= 2 || r.height <= 2)) continue;
      // Text on one line cannot be broken: only text that wraps is looked at letter by letter.
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size < 2) continue;
      const fontSize = parseFloat(getComputedStyle(parent).fontSize);
      let prevTop: number | null = null;
      let prevChar = '';
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) {
          prevChar = c;
          continue;
        }
        // Chromium reports the letter after a soft hyphen where the hyphen is drawn, so a break
        // one letter past a soft hyphen is that soft hyphen's break.
        const atSoftHyphen = text[i - 1] === '\u00AD' || text[i - 2] === '\u00AD';
        if (prevTop !== null && rect.top - prevTop > fontSize * 0.5 && isLetter(c) && isLetter(prevChar) && !atSoftHyphen) {
          const start = text.slice(0, i).search(/[\p{L}\p{N}\u00AD]+$/u);
          const end = i + (text.slice(i).match(/^[\p{L}\p{N}\u00AD]+/u)?.[0].length ?? 0);
          found.push(`«${text.slice(start, i).replace(/\u00AD/g, '')}|${text.slice(i, end).replace(/\u00AD/g, '')}» broken mid-word`);
        }
        prevTop = rect.top;
        prevChar = c;
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && style.textOverflow !== 'ellipsis') continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2 || !el.textContent?.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1) found.push(`«${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}» cut off at the side`);
    }
    return found;
  });
}

/** Visible text smaller than `minPx`, with its size (pictures' own SVG text is measured as a picture, not here). */
export async function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      if (!parent || !text || parent.closest('svg')) continue;
      const rects = parent.getClientRects();
      // Visually hidden text (for screen readers only) is 1 px: not what anyone reads.
      if (rects.length === 0 || [...rects].every((r) => r.width <= 2 || r.height <= 2)) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.opacity === '0') continue;
      const size = parseFloat(style.fontSize);
      if (size < min - 0.5) found.set(text.slice(0, 50), `«${text.slice(0, 50)}» ${size.toFixed(1)}px`);
    }
    return [...found.values()];
  }, minPx);
}

/**
 * Main controls (the primary button, the keypad's keys, `[data-main-control]`)
 * that are not wholly on screen or, in portrait, sit above the reach line.
 */
export async function unreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, reachTop }) => {
      const portrait = window.innerHeight > window.innerWidth;
      const line = portrait ? window.innerHeight * reachTop : 0;
      const found: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        // Buttons behind an open dialog are not what the patient reaches for now.
        if (document.querySelector('[role=dialog], [role=alertdialog]') && !el.closest('[role=dialog], [role=alertdialog]')) continue;
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        if (rect.top < 0 || rect.left < 0 || rect.bottom > window.innerHeight || rect.right > window.innerWidth) found.push(`«${name}» not wholly on screen`);
        else if (rect.top + rect.height / 2 < line) found.push(`«${name}» above the reach line (centre at ${Math.round(rect.top + rect.height / 2)}px, line ${Math.round(line)}px)`);
      }
      return found;
    },
    { selector: MAIN_CONTROLS, reachTop: PORTRAIT_REACH_TOP },
  );
}

/** All four, one soft assertion per kind: a walk goes on and reports every screen that is wrong, each by name. */
export async function expectPatientCanUse(page: Page, name: string, opts: { readonly largeText: boolean }): Promise<void> {
  expect.soft(await hiddenChoices(page), `${name}: choices hidden without a control`).toEqual([]);
  expect.soft(await brokenWords(page), `${name}: words broken or cut off`).toEqual([]);
  if (opts.largeText) expect.soft(await smallText(page, LARGE_TEXT_MIN_PX), `${name}: text under ${LARGE_TEXT_MIN_PX}px in large-text mode`).toEqual([]);
  expect.soft(await unreachableControls(page), `${name}: main controls out of reach`).toEqual([]);
}
