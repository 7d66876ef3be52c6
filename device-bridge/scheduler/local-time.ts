// The clinic wall clock (`YYYY-MM-DDTHH:mm`) against instants, for backends
// that speak instants (FHIR `Slot.start` is an instant with an offset).
import { toLocalDateTime } from '../domain/clinic-clock';
import type { LocalDate, LocalDateTime } from './scheduler-port';

const MINUTE = 60_000;

/** Epoch ms of a wall-clock minute in `timeZone` (the earlier one when a DST fall-back repeats it). */
export function localToEpochMs(local: LocalDateTime, timeZone: string): number {
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`not a clinic time YYYY-MM-DDTHH:mm: ${local}`);
  // Two rounds settle the zone's offset at that instant (one more near a DST jump).
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const offset = Date.parse(`${toLocalDateTime(new Date(guess), timeZone)}:00Z`) - guess;
    const next = asUtc - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/** `2026-11-23T10:15` in Europe/Moscow → `2026-11-23T10:15:00+03:00`. */
export function localToInstant(local: LocalDateTime, timeZone: string): string {
  const ms = localToEpochMs(local, timeZone);
  const offsetMin = Math.round((Date.parse(`${local}:00Z`) - ms) / MINUTE);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Any ISO instant (`…Z`, `…+03:00`) → the clinic's wall-clock minute; null when it is not an instant. */
export function instantToLocal(instant: string, timeZone: string): LocalDateTime | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  return toLocalDateTime(new Date(ms), timeZone);
}

/** Whole years of age on `on` for someone born on `birthDate` (a birthday on 29.02 counts from 01.03 in other years). */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}
