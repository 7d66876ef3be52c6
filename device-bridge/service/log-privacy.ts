// The logs' privacy layer and the service screen's "last errors". Call sites
// never pass personal data (README: privacy); this is the net under them. It
// works on what is logged, wherever it sits, not on a list of known paths:
// - any value under a personal or secret key (surname, givenName, patronymic,
//   family/given as FHIR names them, birthDate, policyNumber, pin, token, …)
//   at any depth, also inside JSON text that was logged as a string;
// - any run of 9 or more digits (a 16-digit ЕНП, a 9-digit temporary
//   certificate, an old policy's digit series and number), also grouped by
//   spaces, an old policy's letter series and number («ЯБ 5721436»), and a
//   СНИЛС, in any string, number, message, error message or stack;
// - a name written as a ticket or a person would write it («Иванова Т. А.»,
//   «Иванова Татьяна Алексеевна»).
// pino calls `scrubLogArguments` for every log call (hooks.logMethod),
// `scrubBindings` for every child logger, and `scrubLine` on every finished
// JSON line (hooks.streamWrite), which also feeds the recent-events ring.
import type { Logger } from 'pino';
import type { RecentLogEntry } from '../contract/service';

export const CENSOR = '[скрыто]';

const PERSONAL_OR_SECRET_KEY =
  /^(patient|policy|policyNumber|policy_number|enp|oms|snils|surname|givenName|given_name|patronymic|middleName|firstName|lastName|family|given|fullName|displayName|patientName|birthDate|birth_date|dateOfBirth|dob|birthYear|born|pin|servicePin|token|accessToken|bearer|password|secret|authorization|cookie|x-service-token)$/i;

/** 9+ digits, optionally grouped by single spaces: an ЕНП («6449 0208 8600 6380»), an old policy's series + number. */
const DIGIT_RUN = /(?<!\d)\d(?: ?\d){8,}(?!\d)/g;
/**
 * An old-style policy's series + number («ЯБ 5721436», «АБ-123456», «ЯБ 572 1436»): 1–4 capital letters, then
 * 6 or more digits (spaces between them allowed). (Booking numbers such as A-2511-0001 and printer models such as NP-2511 have fewer and stay.)
 */
const OLD_POLICY = /(?<![\p{L}\p{N}])[A-ZА-ЯЁ]{1,4}[ -]?\d(?: ?\d){5,}(?!\d)/gu;
/** A СНИЛС as written: 123-456-789 01. (Booking numbers such as A-2511-0001 stay.) */
const SNILS = /(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)/g;
/** «Иванова Т. А.», «Иванова Т.А.», «Иванова-Петрова Т.» */
const SHORT_NAME = /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? [А-ЯЁ]\.(?: ?[А-ЯЁ]\.)?/g;
/** «Иванова Татьяна Алексеевна»: three capitalised words, the last a patronymic. */
const FULL_NAME = /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|ич|оглы|кызы)(?![а-яё])/g;
/** `"surname":"Иванова"` or `\"family\":[\"Иванова\"]` inside text (a logged request or response body). */
const KEYED_IN_TEXT = new RegExp(
  `(\\\\*")(${PERSONAL_OR_SECRET_KEY.source.slice(2, -2)})\\\\*"\\s*:\\s*(?:\\\\*"(?:[^"\\\\]|\\\\(?!"))*\\\\*"|\\[[^\\]]*\\]|-?\\d[\\d.]*)`,
  'gi',
);

const MAX_DEPTH = 8;

export function scrubText(text: string): string {
  return text
    .replace(KEYED_IN_TEXT, (_m, quote: string, key: string) => `${quote}${key}${quote}:${quote}${CENSOR}${quote}`)
    .replace(SNILS, CENSOR)
    .replace(OLD_POLICY, CENSOR)
    .replace(DIGIT_RUN, CENSOR)
    .replace(FULL_NAME, CENSOR)
    .replace(SHORT_NAME, CENSOR);
}

/** A copy of `value` with every personal or secret part replaced by `[скрыто]`. */
export function scrubValue(value: unknown, key?: string, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (key !== undefined && PERSONAL_OR_SECRET_KEY.test(key) && value !== undefined && value !== null) return CENSOR;
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e8 ? CENSOR : value;
  if (typeof value === 'bigint') return CENSOR;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (value instanceof Error) return scrubError(value, depth, seen);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, undefined, depth + 1, seen));
  const proto = Object.getPrototypeOf(value) as unknown;
  // Plain data only; anything else (a Date, a Buffer, a request object) is left to pino's serializers.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, k, depth + 1, seen);
  return out;
}

/** Keeps the error's class (pino logs its constructor's name as `type`), scrubs message, stack, cause and own fields. */
function scrubError(error: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error & Record<string, unknown>;
  for (const [k, v] of Object.entries(error)) copy[k] = scrubValue(v, k, depth + 1, seen);
  Object.defineProperty(copy, 'message', { value: scrubText(error.message), enumerable: false, writable: true, configurable: true });
  if (typeof error.stack === 'string') Object.defineProperty(copy, 'stack', { value: scrubText(error.stack), enumerable: false, writable: true, configurable: true });
  if (error.cause !== undefined) Object.defineProperty(copy, 'cause', { value: scrubValue(error.cause, undefined, depth + 1, seen), enumerable: false, writable: true, configurable: true });
  return copy;
}

export function scrubLogArguments(args: readonly unknown[]): unknown[] {
  return args.map((arg) => scrubValue(arg));
}

export function scrubBindings(bindings: Record<string, unknown>): Record<string, unknown> {
  return scrubValue(bindings) as Record<string, unknown>;
}

// ── Recent warnings and errors, for the service screen ─────────────────────

export type { RecentLogEntry };

export interface RecentLog {
  /** Newest first. */
  entries(): RecentLogEntry[];
  /** Takes a finished (already scrubbed) JSON log line; keeps it if it is a warning or worse. */
  offer(line: string): void;
}

const LEVEL_NAMES: Record<number, RecentLogEntry['level']> = { 40: 'warn', 50: 'error', 60: 'fatal' };
const MAX_FIELD = 300;

export function createRecentLog(capacity = 50): RecentLog {
  const ring: RecentLogEntry[] = [];
  return {
    entries: () => [...ring].reverse(),
    offer(line) {
      const level = /"level":(\d+)/.exec(line);
      if (!level || Number(level[1]) < 40) return;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, MAX_FIELD) : null);
      const err = parsed.err as { message?: unknown } | undefined;
      ring.push({
        time: text(parsed.time) ?? new Date().toISOString(),
        level: LEVEL_NAMES[Number(level[1])] ?? 'error',
        component: text(parsed.component),
        event: text(parsed.event),
        message: text(parsed.msg) ?? '',
        detail: text(parsed.reason) ?? text(parsed.detail) ?? text(parsed.cause) ?? text(err?.message),
      });
      if (ring.length > capacity) ring.shift();
    },
  };
}

const recentLogs = new WeakMap<Logger, RecentLog>();

export function attachRecentLog(logger: Logger, recent: RecentLog): void {
  recentLogs.set(logger, recent);
}

/** The recent-events ring of a logger made by createLogger (logger.ts), or null for any other logger. */
export function recentLogOf(logger: Logger): RecentLog | null {
  return recentLogs.get(logger) ?? null;
}

/** The last net, on the finished JSON line: digit runs, names and keyed values inside any string. */
export function scrubLine(line: string): string {
  return scrubText(line);
}
