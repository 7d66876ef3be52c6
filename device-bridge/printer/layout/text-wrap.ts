// Word wrapping for paper: no line wider than the roll. Its own module so the
// config check (a memo must fit on paper) measures text as the printer lays it out.

/** Joins the words of a phrase kept whole; a noncharacter, so never in real text. */
const GLUE = '\uffff';

/**
 * Splits `text` into lines of at most `columns` characters on word boundaries.
 * A word is cut only when it is longer than a whole line. Runs of whitespace
 * (including newlines from the data source) collapse to one space; blank text
 * gives no lines. Each phrase in `keepWhole` that fits a line (a phone number
 * the patient has to dial) is never broken across lines.
 */
export function wrapText(text: string, columns: number, keepWhole: readonly string[] = []): string[] {
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`wrapText: columns must be a positive integer, got ${columns}`);
  }
  let glued = text;
  for (const phrase of keepWhole) {
    const parts = phrase.trim().split(/\s+/);
    if (parts.length > 1 && [...parts.join(' ')].length <= columns) glued = glued.split(parts.join(' ')).join(parts.join(GLUE));
  }
  const words = glued.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    // Count code points, not UTF-16 units: one character is one column.
    const chars = [...word];
    if (chars.length > columns) {
      if (current !== '') lines.push(current);
      for (let start = 0; start < chars.length; start += columns) {
        lines.push(chars.slice(start, start + columns).join(''));
      }
      // The last piece may share its line with the next word.
      current = lines.pop() ?? '';
    } else if (current === '') {
      current = word;
    } else if ([...current].length + 1 + chars.length <= columns) {
      current = `${current} ${word}`;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return keepWhole.length === 0 ? lines : lines.map((line) => line.split(GLUE).join(' '));
}
