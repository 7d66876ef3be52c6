// «14:35» in the clinic's time zone: when the service login reopens, when a warning was logged.
export const clockTime = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
