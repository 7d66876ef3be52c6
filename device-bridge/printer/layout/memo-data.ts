// What the printed памятка (memo) says: «Как записаться к врачу через
// инфомат», in the language the patient chose on the screen. The text comes
// from the config (`memo.content`); placeholders in it are filled from the
// clinic's own config at print time, so a new phone number needs no new memo.

/** The kiosk's languages, each with its own memo text (a wire type: contract/memo.ts). */
import { MEMO_LANGUAGES, type MemoLanguage } from '../../contract/memo';
export { MEMO_LANGUAGES, type MemoLanguage };

/** `{clinicPhone}` and friends: the only words in braces a memo text may use. */
export const MEMO_PLACEHOLDERS = ['clinicName', 'clinicAddress', 'clinicPhone'] as const;
export type MemoPlaceholder = (typeof MEMO_PLACEHOLDERS)[number];
/** Any `{word}`: known ones are filled, unknown ones are refused by the config check (memo-config.ts). */
export const PLACEHOLDER_PATTERN = /\{([A-Za-z]+)\}/g;

export interface MemoSection {
  readonly heading: string;
  /** One paragraph each; a line starting with «1.» or «-» wraps under its own text, not under the marker. */
  readonly lines: readonly string[];
}

/** One language's memo as the config holds it (placeholders unfilled). */
export interface MemoText {
  readonly title: string;
  readonly sections: readonly MemoSection[];
}

/** What the memo layout prints: the clinic's header and the filled text. */
export interface MemoData extends MemoText {
  readonly clinicName: string;
  readonly clinicAddress: string;
  /** Phrases never broken across lines where they fit one: the phone number the patient has to dial. */
  readonly keepWhole: readonly string[];
}

export type MemoClinic = Readonly<Record<MemoPlaceholder, string>>;

/** Fills `{clinicName}`, `{clinicAddress}` and `{clinicPhone}`; any other braces stay as written. */
export function fillPlaceholders(text: string, clinic: MemoClinic): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    (MEMO_PLACEHOLDERS as readonly string[]).includes(name) ? clinic[name as MemoPlaceholder] : whole,
  );
}

export function memoFor(text: MemoText, clinic: MemoClinic): MemoData {
  return {
    clinicName: clinic.clinicName,
    clinicAddress: clinic.clinicAddress,
    keepWhole: [clinic.clinicPhone],
    title: fillPlaceholders(text.title, clinic),
    sections: text.sections.map((section) => ({
      heading: fillPlaceholders(section.heading, clinic),
      lines: section.lines.map((line) => fillPlaceholders(line, clinic)),
    })),
  };
}
