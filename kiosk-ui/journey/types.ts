// The journey's vocabulary: what the screens send (JourneyEvent), why things
// ended, and the small shapes the shell and its parts (the child machines in
// this folder) hand each other. No logic here; see selectors.ts for that.
import type { KioskInfo, PrinterStatus, RequestSpecialty, SessionStarted, WaitingListClaim } from '../../device-bridge/contract';
import type { TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import type { ServiceAction } from './service-mode';

/** Why a session ended: finished, left via «В начало»/«Нет, это не я», or walked away from. */
export type SessionEndReason = 'done' | 'home' | 'idle';

/** Why the journey stopped at a dead end; each has its own plain-Russian screen text. */
export type FailureKind = 'scheduler-unavailable' | 'session-expired' | 'unexpected';

/** Why the patient is back on a choice screen, shown above it. */
export type Notice = 'slot-taken' | 'hold-expired' | 'patient-not-found' | 'cancelled' | 'reprinted' | 'reprint-failed';

export type Language = 'ru' | 'en';

/** How the policy number came in: typed, or scanned by a keyboard-wedge scanner. */
export type Channel = 'keypad' | 'barcode';

/** Which identity devices the bridge reports ready (a reader that takes a card, a scanner whose port is open). */
export interface IdentityDevices {
  readonly card: boolean;
  readonly scanner: boolean;
}
export const NO_IDENTITY_DEVICES: IdentityDevices = { card: false, scanner: false };

/** A card or barcode that could not identify the patient: the reason and the bridge's plain-language message. */
export interface IdentityProblem {
  readonly reason: string;
  readonly message: string;
}

export type ServiceLoginProblem =
  | { readonly kind: 'wrong-pin'; readonly attemptsLeft: number }
  /** `until`: the ISO instant entry reopens (the screen says when, in the clinic's time). */
  | { readonly kind: 'locked-out'; readonly retryAfterSeconds: number; readonly until?: string }
  | { readonly kind: 'service-disabled' }
  | { readonly kind: 'unavailable' };

/** How a part of the visit (identification-machine.ts, booking-machine.ts, appointments-machine.ts) ended, for the shell. */
export type PartOutput =
  | { readonly kind: 'identified' }
  /** «Завершить», or the done screen's own countdown: the visit is over. */
  | { readonly kind: 'finished' }
  /** Back from the first screen of the part, or «Нет, это не я». */
  | { readonly kind: 'left' }
  | { readonly kind: 'open-appointments' }
  | { readonly kind: 'back-to-booking' }
  | { readonly kind: 'failed'; readonly failure: FailureKind; readonly policy?: OfflinePolicy }
  /** «Оставить заявку» on the no-slots screen (request-machine.ts takes it from there). */
  | { readonly kind: 'leave-request'; readonly specialty: RequestSpecialty; readonly doctorId: string | null };

/** The number the scheduler could not check (it was down): what a request left now is delivered for later. */
export interface OfflinePolicy {
  readonly number: string;
  readonly kind: TypedPolicyKind;
}

export type JourneyEvent =
  | { type: 'START' }
  /** «Отметиться о приходе» on the attract screen: identify, then the arrival is recorded (check-in-machine.ts). */
  | { type: 'START_CHECK_IN' }
  /** A keyboard-wedge scanner read the check-in code of a kiosk ticket's QR (digits only, contract/check-in.ts). */
  | { type: 'TICKET_SCANNED'; code: string }
  | { type: 'PRINT_MEMO' }
  | { type: 'DISMISS_MEMO' }
  | { type: 'DIGIT'; digit: string }
  /** A letter of an old-style policy's series, from the letter keypad (А–Я, Ё). */
  | { type: 'LETTER'; letter: string }
  /** The space between an old-style policy's series and number (as printed; the lookup ignores it). */
  | { type: 'SPACE' }
  | { type: 'PICK_POLICY_KIND'; kind: TypedPolicyKind }
  /** «Позвать волонтёра» on a dead end or in help; `screen` is the screen's name (never anything about the patient). */
  | { type: 'CALL_ASSISTANCE'; screen: string }
  | { type: 'CLOSE_ASSISTANCE' }
  | { type: 'ERASE' }
  | { type: 'CLEAR' }
  | { type: 'SUBMIT' }
  | { type: 'PICK_SPECIALTY'; code: string }
  | { type: 'PICK_NEAREST'; code: string }
  | { type: 'PICK_DOCTOR'; doctorId: string | null }
  | { type: 'OPEN_APPOINTMENTS' }
  | { type: 'CANCEL_APPOINTMENT'; appointmentId: string }
  | { type: 'CONFIRM_CANCEL' }
  | { type: 'REPRINT'; appointmentId: string }
  | { type: 'JOIN_WAITING_LIST' }
  /** «Оставить заявку» (request-machine.ts) and its steps. */
  | { type: 'LEAVE_REQUEST' }
  | { type: 'PICK_REQUEST_SPECIALTY'; code: string }
  | { type: 'PICK_CLAIM'; claim: WaitingListClaim }
  | { type: 'PHONE_DIGIT'; digit: string }
  | { type: 'PHONE_ERASE' }
  | { type: 'PHONE_CLEAR' }
  | { type: 'SEND_REQUEST' }
  | { type: 'PICK_DAY'; date: string }
  | { type: 'PICK_SLOT'; slotId: string }
  | { type: 'CONFIRM' }
  | { type: 'BACK' }
  | { type: 'HOME' }
  | { type: 'FINISH' }
  | { type: 'RETRY' }
  | { type: 'ACTIVITY' }
  | { type: 'IDLE_TIMEOUT' }
  | { type: 'IDLE_WARNING' }
  | { type: 'STILL_HERE' }
  | { type: 'CONFIRM_IDENTITY' }
  | { type: 'REJECT_IDENTITY' }
  /** «Исправить номер» after «не найден»: the number back on the keypad to be corrected. */
  | { type: 'EDIT_NUMBER' }
  /** The birth-date screen's «Продолжить»: the typed date, checked there (YYYY-MM-DD). */
  | { type: 'BIRTH_DATE'; date: string }
  | { type: 'BOOK_ANOTHER' }
  /** «Напечатать ещё раз» on the done screen when the ticket did not print. */
  | { type: 'PRINT_AGAIN' }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'TOGGLE_LARGE_TEXT' }
  | { type: 'TOGGLE_SHOW_ME' }
  | { type: 'DEMO_CARD'; patient: number }
  | { type: 'TOGGLE_HIGH_CONTRAST' }
  | { type: 'IDENTIFIED'; session: SessionStarted }
  | { type: 'SCANNED'; policyNumber: string }
  | { type: 'IDENTITY_ERROR'; problem: IdentityProblem }
  | { type: 'SERVICE_GESTURE' }
  | { type: 'SERVICE_DIGIT'; digit: string }
  | { type: 'SERVICE_ERASE' }
  | { type: 'SERVICE_SUBMIT' }
  | { type: 'SERVICE_ACTION'; action: ServiceAction }
  | { type: 'SERVICE_REFRESH' }
  | { type: 'SERVICE_EXIT' }
  | { type: 'KIOSK_INFO'; kiosk: KioskInfo }
  | { type: 'PRINTER_STATUS'; status: PrinterStatus }
  /** From identification-machine.ts to the shell: the bridge knows the patient (before «Это вы?», so every end of the visit ends that session). */
  | { type: 'PATIENT_KNOWN'; session: SessionStarted }
  /** From identification-machine.ts to the shell: «Нет, это не я», the session it told of is over. */
  | { type: 'PATIENT_FORGOTTEN' }
  /** The bridge's reader-status event, as what the identify screen may offer (identity/device-events.ts). */
  | { type: 'READER_STATUS'; devices: IdentityDevices };

export type JourneyEventType = JourneyEvent['type'];
/** One kind of event, for a part machine that takes only a few of them. */
export type EventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;
