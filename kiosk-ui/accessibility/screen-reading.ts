// What a screen says, read from the DOM the way a screen reader would, so no
// screen needs its own speech code: its title (h1, or the open dialog's
// title), its texts (paragraphs, definition lists as «label: value», and any
// `data-speak` text), what is selected (aria-pressed), and its choices in
// reading order, grouped by their labelled groups. A screen can add a
// `data-speak` text (the done screen's booking number) and mark what shows the
// patient (`data-private`): such prompts are never cached by the bridge.
// Also: which controls the keypad can reach, in reading order, never hidden.
import { MAX_SPEECH_TEXT, SPEAKABLE_CHARACTER } from '../../device-bridge/contract/speech';

export interface Utterance {
  readonly text: string;
  /** Holds what the screen shows of the patient (surname, initials): the bridge keeps neither text nor audio. */
  readonly private: boolean;
}

export interface ReadingWords {
  readonly selected: (items: string) => string;
  /** «Варианты:», before choices outside a labelled group. */
  readonly choices: string;
  readonly pressed: string;
  readonly digitEntry: string;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
/** The frame's parts a screen's narration skips: the display controls (reached by the keypad, read when focused) and Back/Home. */
const CHROME = '.screen__header, .attract__bar, .screen__footer, .display-controls, .training-banner';

/** Rendered, not hidden from assistive technology, not inert. */
export function isShown(el: Element): boolean {
  if (el.closest('[aria-hidden="true"], [hidden], [inert]')) return false;
  if (el.getClientRects().length === 0) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

/** Text as a screen reader gets it: aria-hidden parts left out, whitespace collapsed. */
export function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  if (node instanceof HTMLElement && node.hidden) return '';
  return [...node.childNodes].map(textOf).join(node instanceof HTMLElement && getComputedStyle(node).display === 'block' ? ' ' : '');
}

const clean = (text: string) =>
  [...text]
    .map((c) => (SPEAKABLE_CHARACTER.test(c) ? c : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** The accessible name of a control: aria-label, aria-labelledby, or its text. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return clean(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return clean(by.split(/\s+/).map((id) => textOf(document.getElementById(id) ?? document.createTextNode(''))).join(' '));
  return clean(textOf(el));
}

/** The name with its state: «Завтра, 5 свободных, выбрано». */
export function spokenName(el: Element, words: Pick<ReadingWords, 'pressed'>): string {
  const name = nameOf(el);
  return el.getAttribute('aria-pressed') === 'true' ? `${name}, ${words.pressed}` : name;
}

/** The open modal dialog, else the screen: where the keypad moves and what is read. */
export function activeRoot(doc: Document = document): HTMLElement | null {
  const dialogs = [...doc.querySelectorAll<HTMLElement>('[aria-modal="true"]')].filter(isShown);
  return dialogs.at(-1) ?? doc.querySelector<HTMLElement>('[data-screen]');
}

function titleOf(root: HTMLElement): Element | null {
  const by = root.getAttribute('aria-labelledby');
  return (by ? root.ownerDocument.getElementById(by) : null) ?? root.querySelector('h1, h2');
}

/** Changes when the patient is somewhere else: another screen, another title, a dialog opened or closed. */
export function placeOf(doc: Document = document): string {
  const root = activeRoot(doc);
  if (!root) return '';
  const title = titleOf(root);
  return `${root.getAttribute('data-screen') ?? 'dialog'}|${title ? nameOf(title) : ''}`;
}

/** Every control the keypad can reach, in reading order, within the open dialog if there is one. */
export function reachable(doc: Document = document): HTMLElement[] {
  const root = activeRoot(doc);
  const scope: ParentNode = root?.getAttribute('aria-modal') === 'true' ? root : doc;
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !(el as HTMLButtonElement).disabled && isShown(el));
}

const outsideChrome = (el: Element) => !el.closest(CHROME);

/** Where focus goes on a new screen: a number keypad's first digit, the main action, the selected choice, the first choice. */
export function firstStop(doc: Document = document): HTMLElement | null {
  const all = reachable(doc);
  const body = all.filter(outsideChrome);
  return (
    body.find((el) => el.closest('[data-digit-entry]') && /^[0-9]$/.test(el.getAttribute('data-key') ?? '')) ??
    body.find((el) => el.classList.contains('button--primary')) ??
    body.find((el) => el.getAttribute('aria-pressed') === 'true') ??
    body[0] ??
    all[0] ??
    null
  );
}

function isPrivate(el: Element): boolean {
  return el.closest('[data-private]') !== null || el.querySelector('[data-private]') !== null;
}

/** Splits a long list at item boundaries so each prompt stays well within the bridge's limit. */
function chunks(head: string, items: readonly string[], limit = Math.floor(MAX_SPEECH_TEXT * 0.6)): string[] {
  const out: string[] = [];
  let current = head;
  for (const item of items) {
    if (current.length + item.length + 2 > limit && current !== head) {
      out.push(`${current}.`);
      current = '';
    }
    current = current === head ? `${head} ${item}` : current ? `${current}; ${item}` : item;
  }
  if (current && current !== head) out.push(`${current}.`);
  return out;
}

/** The whole prompt of the screen (or open dialog), as the prompts to play in order. */
export function narration(words: ReadingWords, doc: Document = document): Utterance[] {
  const root = activeRoot(doc);
  if (!root) return [];
  const out: Utterance[] = [];
  const add = (text: string, from: readonly Element[]) => {
    const said = clean(text);
    if (said) out.push({ text: said.slice(0, MAX_SPEECH_TEXT), private: from.some(isPrivate) });
  };
  const title = titleOf(root);
  if (title) add(nameOf(title), [title]);

  const texts: string[] = [];
  /** A container's own `data-speak` text follows what it shows (the booking number after the booking). */
  const after: string[] = [];
  const sources: Element[] = [];
  // Every block of text in reading order, once: a definition list as «label: value», an element with text of
  // its own as a whole. Controls are read as choices below; the typed number (<output>) is never read whole.
  const collect = (el: Element) => {
    if (el === title || !outsideChrome(el) || el.matches('button, output, [data-digit-entry], [aria-hidden="true"]') || !isShown(el)) return;
    // A group's heading is said with its choices («Время: 9:00, 9:30»), not twice.
    if (/^H[2-6]$/.test(el.tagName) && el.nextElementSibling?.matches('[role="group"]')) return;
    const spoken = el.getAttribute('data-speak');
    if (el.tagName === 'DL') {
      texts.push([...el.querySelectorAll('dt')].map((dt) => `${nameOf(dt)}: ${dt.nextElementSibling ? nameOf(dt.nextElementSibling) : ''}`).join('. '));
      sources.push(el);
    } else if ([...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())) {
      texts.push(nameOf(el));
      sources.push(el);
    } else for (const child of el.children) collect(child);
    if (spoken !== null) {
      after.push(spoken);
      sources.push(el);
    }
  };
  collect(root);
  texts.push(...after);
  if (texts.length > 0) add(texts.filter(Boolean).join('. '), sources);

  const controls = reachable(doc).filter((el) => root.contains(el) && (root.getAttribute('aria-modal') === 'true' || outsideChrome(el)));
  const selected = controls.filter((el) => el.getAttribute('aria-pressed') === 'true');
  if (selected.length > 0) add(words.selected(selected.map((el) => nameOf(el)).join(', ')), selected);

  const choices = controls.filter((el) => !el.closest('[data-digit-entry]'));
  const groups = new Map<string, Element[]>();
  for (const el of choices) {
    const label = el.closest('[role="group"][aria-label]')?.getAttribute('aria-label') ?? '';
    groups.set(label, [...(groups.get(label) ?? []), el]);
  }
  for (const [label, members] of groups) {
    const head = label ? `${clean(label)}:` : words.choices;
    for (const text of chunks(head, members.map((el) => nameOf(el)))) add(text, members);
  }
  if (root.querySelector('[data-digit-entry]')) add(words.digitEntry, []);
  return out;
}

/** The feedback a typed digit produced (digits left, number complete, check failed). */
export function feedbackText(doc: Document = document): string {
  const root = activeRoot(doc);
  if (!root) return '';
  return [...root.querySelectorAll('[role="status"], [role="alert"]')]
    .filter((el) => outsideChrome(el) && isShown(el))
    .map((el) => nameOf(el))
    .filter(Boolean)
    .join('. ');
}
