// Dates as a patient reads them: «вт, 24 ноября», «сегодня, 14:30». Word lists
// come from the locale, so English screens read naturally too.
import type { TFunction } from 'i18next';

const dayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

export function dayMonth(t: TFunction, date: string): string {
  const [, month, day] = date.split('-').map(Number);
  const months = t('month.genitive', { returnObjects: true }) as string[];
  return t('date.dayMonth', { day, month: months[(month ?? 1) - 1] });
}

export function shortWeekday(t: TFunction, date: string): string {
  return (t('weekday.short', { returnObjects: true }) as string[])[dayIndex(date)] ?? '';
}

export function longWeekday(t: TFunction, date: string): string {
  return (t('weekday.long', { returnObjects: true }) as string[])[dayIndex(date)] ?? '';
}

/** «сегодня», «завтра» or «вт, 24 ноября», relative to the clinic's `today`. */
export function relativeDay(t: TFunction, date: string, today: string): string {
  if (date === today) return t('date.today');
  const tomorrow = new Date(`${today}T00:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  if (date === tomorrow.toISOString().slice(0, 10)) return t('date.tomorrow');
  return `${shortWeekday(t, date)}, ${dayMonth(t, date)}`;
}

export function relativeDateTime(t: TFunction, dateTime: string, today: string): string {
  return t('date.at', { date: relativeDay(t, dateTime.slice(0, 10), today), time: dateTime.slice(11, 16) });
}

/** Today's date in the clinic's time zone (slots are in clinic time, whatever the OS says). */
export function clinicToday(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
