// The request a patient leaves when there is nothing to book or the schedule
// is down («Оставить заявку», issue 15): what the UI sends, what it hears, and
// what service mode sees. The bridge keeps it in a durable outbox and delivers
// it to the scheduler's waiting list later (device-bridge/outbox/).
// Zod-free: the request's schema is in contract/outbox-requests.ts.
import type { InvalidRequest } from './invalid-request';
import type { PrintResult } from './printer';
import type { WaitingListClaim } from './scheduling';

/** A specialty the patient may ask for, even while the scheduler is down (then from the clinic file). */
export interface RequestSpecialty {
  readonly code: string;
  readonly name: string;
}

/** GET /api/outbox/options: can the kiosk take a request now, and for which specialties. */
export interface OutboxOptions {
  /** False when the outbox database cannot be written: the kiosk must not promise «принято». */
  readonly accepting: boolean;
  readonly specialties: readonly RequestSpecialty[];
}

/** POST /api/outbox/requests answered: the request is on disk; the slip printed or not. */
export interface RequestAccepted {
  /** Short, printed on the slip and shown on screen: «З-7K2M-9QXD». */
  readonly reference: string;
  /** Surname and initials when the kiosk knows them (an identified patient), else null. */
  readonly displayName: string | null;
  readonly specialtyName: string;
  readonly print: PrintResult;
}

export type OutboxApiError =
  | InvalidRequest
  /** The outbox database is corrupt or read-only (see /healthz): nothing was kept, nothing may be promised. */
  | { readonly kind: 'outbox-unavailable' }
  /** Neither a live session nor a policy number: nobody to deliver the request for. */
  | { readonly kind: 'patient-unknown' };


export type OutboxRequestState = 'pending' | 'failed';

/** One request as service mode shows it: no policy number, no name beyond initials, no full phone. */
export interface OutboxRequestView {
  readonly reference: string;
  readonly state: OutboxRequestState;
  /** «И. Т. А.», or null when the kiosk never learnt the name (scheduler down at the time). */
  readonly initials: string | null;
  readonly specialtyName: string;
  readonly claim: WaitingListClaim;
  /** «+7 ••• •••-••-89» */
  readonly phoneMasked: string;
  readonly createdAt: string;
  readonly attempts: number;
  /** Why the last delivery failed, as the scheduler said it (no personal data). */
  readonly lastError: string | null;
}

/** GET /api/service/outbox */
export interface OutboxReport {
  readonly state: 'ok' | 'unavailable';
  /** Why the outbox is unavailable (the file and SQLite's words), null when ok. */
  readonly detail: string | null;
  readonly pending: number;
  /** Delivered since the outbox file was created. */
  readonly sent: number;
  readonly failed: number;
  /** Pending and failed requests, oldest first. */
  readonly requests: readonly OutboxRequestView[];
}
