// Soft hyphens (U+00AD) at Russian syllable breaks, so a long word
// («Оториноларинголог») wraps as «Оторинола-ринголог» in large text instead of
// being cut anywhere. The browser's own `hyphens: auto` needs a hyphenation
// dictionary that Chromium on Linux downloads at run time, and a kiosk is often
// offline; soft hyphens work everywhere. Rules after P. Khmelev's simple
// syllable rules for Russian: good enough for names of specialties, never a
// break that leaves fewer than two letters on a line.
const V = '[аеёиоуыэюя]';
const C = '[бвгджзклмнпрстфхцчшщ]';
const X = '[йъь]';
const L = '[а-яё]';

/** [what comes before the break, what comes after it] */
const RULES: readonly (readonly [string, string])[] = [
  [X, `${L}${L}`],
  [`${V}${C}`, `${C}${V}`],
  [`${C}${V}`, `${C}${V}`],
  [`${V}${C}`, `${C}${C}${V}`],
  [`${V}${C}${C}`, `${C}${C}${V}`],
  [V, `${V}${L}`],
  [`${C}${V}`, `${V}${L}`],
  [`${V}${C}${C}`, `${C}${V}`],
];

const PATTERNS = RULES.map(([before, after]) => new RegExp(`(?<=${before})(?=${after})`, 'giu'));
const MIN_WORD = 7;
const MIN_PART = 2;

const VOWEL = new RegExp(V, 'iu');

/** Where the word may break: every part keeps two letters and a vowel (no «учас-т-ковый»). */
function breaksOf(word: string): number[] {
  const at = new Set<number>();
  for (const pattern of PATTERNS) for (const m of word.matchAll(pattern)) at.add(m.index);
  const kept: number[] = [];
  let from = 0;
  for (const i of [...at].sort((a, b) => a - b)) {
    if (i - from < MIN_PART || word.length - i < MIN_PART) continue;
    if (!VOWEL.test(word.slice(from, i)) || !VOWEL.test(word.slice(i))) continue;
    kept.push(i);
    from = i;
  }
  return kept;
}

/** The text with soft hyphens in its long Russian words; short words, Latin and digits stay as they are. */
export function hyphenateRu(text: string): string {
  return text.replace(/[а-яё]+/giu, (word) => {
    if (word.length < MIN_WORD) return word;
    const breaks = breaksOf(word);
    let out = '';
    let from = 0;
    for (const i of breaks) {
      out += word.slice(from, i) + '\u00AD';
      from = i;
    }
    return out + word.slice(from);
  });
}
