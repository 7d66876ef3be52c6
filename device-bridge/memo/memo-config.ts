// The `memo` part of the kiosk config (config/kiosk-config-schema.ts): the
// printed памятка «Как записаться к врачу через инфомат», its text per
// language. The default text is in config/kiosk.defaults.json. Limits keep
// every memo a slip a patient takes along, even on a 58 mm roll.
import { z } from 'zod';
import { MEMO_PLACEHOLDERS, PLACEHOLDER_PATTERN, type MemoText } from '../printer/layout/memo-data';
import { wrapText } from '../printer/layout/text-wrap';

/** The narrowest roll a shipped printer model uses (generic-escpos-58): the memo must fit there too. */
export const NARROWEST_COLUMNS = 32;
/** About 25 cm of paper at the default line spacing: longer, and it is a scroll, not a memo. */
export const MAX_MEMO_LINES = 60;
/** Lines the layout adds around the text: clinic name and address, rules, blank lines. */
const LAYOUT_OVERHEAD_LINES = 5;
/** Width of the «1.» marker a step's wrapped lines are indented by. */
const ITEM_INDENT = 3;

const memoString = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const [, name] of text.matchAll(PLACEHOLDER_PATTERN)) {
        if (!(MEMO_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
          ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; use ${MEMO_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
        }
      }
    });

/**
 * Printed lines of one memo on a roll `columns` wide, as memo-layout.ts lays
 * it out (the title double size). Placeholders count as written: an estimate
 * within a line or two, which is what a length limit needs.
 */
export function estimateMemoLines(text: MemoText, columns: number): number {
  const titleLines = wrapText(text.title, Math.floor(columns / 2)).length;
  const body = text.sections.reduce(
    (sum, section) =>
      sum + 1 + wrapText(section.heading, columns).length + section.lines.reduce((n, line) => n + wrapText(line, columns - ITEM_INDENT).length, 0),
    0,
  );
  return LAYOUT_OVERHEAD_LINES + titleLines + body;
}

const memoText = z
  .object({
    title: memoString(60),
    sections: z
      .array(
        z
          .object({
            heading: memoString(60),
            lines: z.array(memoString(200)).min(1).max(10),
          })
          .strict(),
      )
      .min(1)
      .max(6),
  })
  .strict()
  .superRefine((text, ctx) => {
    const lines = estimateMemoLines(text, NARROWEST_COLUMNS);
    if (lines > MAX_MEMO_LINES) {
      ctx.addIssue({
        code: 'custom',
        message: `the memo would be about ${lines} lines on a 58 mm roll (${NARROWEST_COLUMNS} columns); at most ${MAX_MEMO_LINES} fit: shorten it`,
      });
    }
  });

/** `memo`: whether the attract screen offers «Распечатать памятку», and its text in every language of the kiosk. */
export const memoConfig = z
  .object({
    enabled: z.boolean(),
    content: z.object({ ru: memoText, en: memoText }).strict(),
  })
  .strict();

export type MemoConfig = z.infer<typeof memoConfig>;
