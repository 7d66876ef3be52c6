// Clinic wall-clock time. The schedule lives in the clinic's local time as
// strings (`YYYY-MM-DDTHH:mm`, `YYYY-MM-DD`), which sort and compare as text.
// Calendar arithmetic here is on the wall clock (via UTC fields), so a DST jump
// in a zone that has one does not shift the grid of slots.
import type { LocalDate, LocalDateTime } from '../contract/scheduling';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock minute of `instant` in `timeZone`, `YYYY-MM-DDTHH:mm`. */
export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function isLocalDate(s: string): boolean {
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isLocalDateTime(s: string): boolean {
  const m = LOCAL_DATE_TIME.exec(s);
  if (!m) return false;
  return isLocalDate(s.slice(0, 10)) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

/** Minutes since midnight for `HH:mm`, or null when it is not a time of day. */
export function minutesOfDay(hhmm: string): number | null {
  const m = TIME_OF_DAY.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

export function formatMinutesOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function utcOfDate(date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = utcOfDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  // getUTCDay: 0 = Sunday
  return WEEKDAYS[(utcOfDate(date).getUTCDay() + 6) % 7] as Weekday;
}

export function atTime(date: LocalDate, minutes: number): LocalDateTime {
  return `${date}T${formatMinutesOfDay(minutes)}`;
}

/** A clock bound to one zone and one source of "now" (injectable for tests). */
export interface ClinicClock {
  readonly timeZone: string;
  /** The instant, for hold expiry. */
  instant(): Date;
  /** The current wall-clock minute in the clinic. */
  now(): LocalDateTime;
  /** Today's date in the clinic. */
  today(): LocalDate;
}

export function clinicClock(timeZone: string = DEFAULT_TIME_ZONE, now: () => Date = () => new Date()): ClinicClock {
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return {
    timeZone,
    instant: now,
    now: () => toLocalDateTime(now(), timeZone),
    today: () => toLocalDateTime(now(), timeZone).slice(0, 10),
  };
}

const WEEKDAY_NAMES_RU: Readonly<Record<Weekday, string>> = {
  mon: 'понедельник',
  tue: 'вторник',
  wed: 'среда',
  thu: 'четверг',
  fri: 'пятница',
  sat: 'суббота',
  sun: 'воскресенье',
};

/** «понедельник»: the weekday as printed on a ticket. */
export function weekdayNameRu(date: LocalDate): string {
  return WEEKDAY_NAMES_RU[weekdayOf(date)];
}

/** `2026-11-24` → `24.11.2026` */
export function formatLocalDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}
