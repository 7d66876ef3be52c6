// What the machines and the screens both compute from the journey's context,
// written once: the days of the times on offer, the typed number's state (the
// ЕНП check), and the session's countdowns. Pure functions, no state.
import type { AppointmentView, KioskInfo, PrinterStatus, Slot, SpecialtyAvailability } from '../../device-bridge/contract';
import { canPrint } from '../../device-bridge/contract/printer';
import { isValidEnp, typedPolicyLength, typedPolicyMaxLength, typedPolicyState, type TypedPolicyKind } from '../../device-bridge/domain/oms-policy';

type Kiosk = KioskInfo | null | undefined;

// ——— countdowns ———

const DEFAULT_IDLE_SECONDS = 60;
const DEFAULT_DONE_SECONDS = 15;
/** How long "Нужно больше времени?" counts down before the session is reset. */
export const IDLE_WARNING_SECONDS = 20;

/** Silence before "Нужно больше времени?" is asked. */
export const idleSeconds = (kiosk: Kiosk): number => kiosk?.session.idleSeconds ?? DEFAULT_IDLE_SECONDS;
/** How long the done screen (and the памятка's notice) stays before the kiosk returns to the start. */
export const doneSeconds = (kiosk: Kiosk): number => kiosk?.session.doneSeconds ?? DEFAULT_DONE_SECONDS;
/** Silence that resets a session: the idle time plus the "more time?" countdown. */
export const idleResetMs = (kiosk: Kiosk): number => (idleSeconds(kiosk) + IDLE_WARNING_SECONDS) * 1000;
/** The clinic's time zone: "today" and "tomorrow" on screen are the clinic's, not the kiosk computer's. */
export const clinicTimeZone = (kiosk: Kiosk): string => kiosk?.clinic.timeZone ?? 'Europe/Moscow';
export const isTraining = (kiosk: Kiosk): boolean => kiosk?.training.active === true;
/** A typed number is followed by the birth date (contract/kiosk.ts `identification`; an older bridge does not say: no). */
export const needsBirthDate = (kiosk: Kiosk): boolean => kiosk?.identification?.needsBirthDate === true;
/** How long a slot is held on review, in whole minutes (booking.holdSeconds; 5 when an older bridge does not say). */
export const holdMinutes = (kiosk: Kiosk): number => Math.max(1, Math.round((kiosk?.session.holdSeconds ?? 300) / 60));

// ——— the typed policy number ———

export const ENP_LENGTH = 16;

/** The 16-digit ЕНП as typed: complete, and whether its check digit holds. */
export function enpEntry(typed: string): { readonly complete: boolean; readonly valid: boolean } {
  const complete = typed.length === ENP_LENGTH;
  return { complete, valid: complete && isValidEnp(typed) };
}
/** A scanned code that is an ЕНП with a right check digit (anything else is explained, not looked up). */
export const isScannableEnp = (scanned: string): boolean => isValidEnp(scanned);
/** Every place of the kind's number is typed: the keypad takes no more. */
export const policyFull = (kind: TypedPolicyKind, typed: string): boolean => typedPolicyLength(typed) >= typedPolicyMaxLength(kind);
/** The number can be sent to the bridge. */
export const policyComplete = (kind: TypedPolicyKind, typed: string): boolean => typedPolicyState(kind, typed).state === 'complete';


// ——— specialties, times and appointments ———

/** A specialty the patient can pick and see times for (not blocked by a rule, something free). */
export const bookable = (specialties: readonly SpecialtyAvailability[], code: string): SpecialtyAvailability | undefined =>
  specialties.find((s) => s.code === code && !s.blockedBy && s.nearestFree !== null);
/** A specialty with nothing free (and not blocked): its waiting list is offered instead. */
export const fullyBooked = (specialties: readonly SpecialtyAvailability[], code: string): SpecialtyAvailability | undefined =>
  specialties.find((s) => s.code === code && !s.blockedBy && s.nearestFree === null);

export const slotDay = (slot: Slot): string => slot.start.slice(0, 10);
/** The times of one doctor, or of every doctor (null). */
export const slotsOf = (slots: readonly Slot[], doctorId: string | null): Slot[] => slots.filter((s) => doctorId === null || s.doctor.id === doctorId);
/** The doctors with free times, each once, in the order of their first time. */
export const doctorsOf = (slots: readonly Slot[]): Slot['doctor'][] => [...new Map(slots.map((s) => [s.doctor.id, s.doctor])).values()];
/** The days with free times of the doctor (or of any, null), each with its times, in order. */
export function slotDays(slots: readonly Slot[], doctorId: string | null): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slotsOf(slots, doctorId)) days.set(slotDay(slot), [...(days.get(slotDay(slot)) ?? []), slot]);
  return days;
}
/** The day to show: the one the patient was looking at if it still has times (e.g. after "slot taken"), else the first. */
export function dayToShow(slots: readonly Slot[], doctorId: string | null, selectedDay: string | null): string | null {
  const shown = slotsOf(slots, doctorId);
  return selectedDay && shown.some((s) => slotDay(s) === selectedDay) ? selectedDay : shown[0] ? slotDay(shown[0]) : null;
}

/** The appointments still ahead (cancelled ones are not listed). */
export const upcoming = (appointments: readonly AppointmentView[]): AppointmentView[] => appointments.filter((a) => a.status === 'booked');
export const appointmentById = (appointments: readonly AppointmentView[], id: string): AppointmentView | null =>
  appointments.find((a) => a.appointmentId === id) ?? null;

/**
 * The printer said it cannot print (not merely "not reported yet"): the patient is told before booking.
 * The bridge's own rule (contract/printer.ts `canPrint`: ready or paper near its end prints).
 */
export const printerDown = (status: PrinterStatus): boolean => status.state !== 'unknown' && !canPrint(status);
