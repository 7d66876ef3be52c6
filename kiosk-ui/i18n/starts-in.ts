// «через 36 минут», «через 2 часа 15 минут»: how soon an appointment of today
// starts, from the minutes the bridge counted (its clock is the clinic's).
import type { TFunction } from 'i18next';

export function startsInText(t: TFunction, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('when.in', { span: t('when.minutes', { count: rest }) });
  if (rest === 0) return t('when.in', { span: t('when.hours', { count: hours }) });
  return t('when.in', { span: `${t('when.hours', { count: hours })} ${t('when.minutes', { count: rest })}` });
}
