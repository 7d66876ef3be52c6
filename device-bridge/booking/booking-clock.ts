// The clinic's clock as the booking flow reads it: today and now in the clinic's
// time zone (not the kiosk's), the earliest start a patient may still keep
// (booking.minLeadMinutes), and the window of days the lists cover.
import { toLocalDateTime } from '../domain/clinic-clock';
import type { LocalDate, LocalDateTime } from '../scheduler/scheduler-port';
import type { BookingPolicy } from './booking-policy';

export type BookingClock = ReturnType<typeof createBookingClock>;

export function createBookingClock(policy: BookingPolicy, now: () => Date, timeZone: () => string) {
  function nowLocal(): LocalDateTime {
    return toLocalDateTime(now(), timeZone());
  }

  function today(): LocalDate {
    return nowLocal().slice(0, 10);
  }

  /** Now plus booking.minLeadMinutes: nothing sooner is offered (lists, the one-tap nearest time) or held. */
  function earliestLocal(): LocalDateTime {
    return policy.earliestStart(now(), timeZone());
  }

  /** Minutes from now to `start` when it is today (the review and the ticket say «через 36 минут»); else undefined. */
  function startsInMinutes(start: LocalDateTime): number | undefined {
    const current = nowLocal();
    if (start.slice(0, 10) !== current.slice(0, 10)) return undefined;
    const minutes = Math.round((Date.parse(`${start}:00Z`) - Date.parse(`${current}:00Z`)) / 60_000);
    return minutes >= 0 ? minutes : undefined;
  }

  function bookingWindow(): { from: LocalDateTime; to: LocalDateTime } {
    // Today counts as the first day of the horizon; `to` is exclusive.
    return { from: earliestLocal(), to: `${policy.horizonEnd(today())}T00:00` };
  }

  return { nowLocal, today, earliestLocal, startsInMinutes, bookingWindow };
}
