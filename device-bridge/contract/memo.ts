// The printed памятка (device-bridge/api/memo-routes.ts): printed from the attract screen, no session.
import type { InvalidRequest } from './invalid-request';
import type { PrintResult } from './printer';
import type { Result } from './result';

/** The languages the памятка exists in: the languages of the kiosk's screens. */
export const MEMO_LANGUAGES = ['ru', 'en'] as const;
export type MemoLanguage = (typeof MEMO_LANGUAGES)[number];

/** The memo is switched off in this kiosk's config (`memo.enabled: false`). */
export interface MemoDisabled {
  readonly kind: 'memo-disabled';
}

export type MemoApiError = InvalidRequest | MemoDisabled;

/** The print's outcome as a value: `printed` only after the printer confirmed the cut, else `failed` with its status. */
export type MemoPrintAnswer = Result<PrintResult, MemoApiError>;
