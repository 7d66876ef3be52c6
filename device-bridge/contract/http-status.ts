// The HTTP status of every error kind, per route family: part of the wire
// contract (README "Bridge API"), read by the bridge when it answers
// (device-bridge/api/route-helpers.ts) and listed per route in contract/routes.ts.
import type { ApiError } from './booking';
import type { CheckInError } from './check-in';
import type { VirtualCardError } from './identity';
import type { MemoApiError } from './memo';
import type { OutboxApiError } from './outbox';
import type { ServiceApiError } from './service';
import type { SpeechApiError } from './speech';
import type { TrainingApiError } from './training';

export type StatusTable<E extends { readonly kind: string }> = Readonly<Record<E['kind'], number>>;

export const API_ERROR_STATUS: StatusTable<ApiError> = {
  'invalid-request': 400,
  'patient-not-found': 404,
  'slot-not-found': 404,
  'appointment-not-found': 404,
  'hold-not-found': 404,
  'session-expired': 401,
  'slot-taken': 409,
  'hold-expired': 409,
  'client-key-reused': 409,
  'not-attached': 403,
  'rejected-by-rule': 422,
  unavailable: 503,
};

/** A scanned ticket that is another clinic's or not genuine: the request is understood and refused. */
export const CHECK_IN_ERROR_STATUS: StatusTable<ApiError | CheckInError> = {
  ...API_ERROR_STATUS,
  'ticket-other-clinic': 422,
  'ticket-forged': 422,
};

export const SERVICE_ERROR_STATUS: StatusTable<ServiceApiError> = {
  'invalid-request': 400,
  'wrong-pin': 401,
  'locked-out': 429,
  'service-disabled': 503,
  'service-token-required': 401,
  'config-invalid': 422,
  'journal-entry-not-found': 404,
  'not-virtual-printer': 404,
  'training-unavailable': 503,
};

export const VIRTUAL_CARD_ERROR_STATUS: StatusTable<VirtualCardError> = {
  'invalid-request': 400,
  'reader-not-virtual': 409,
  'vpcd-unreachable': 503,
  'reader-not-polling': 503,
};

export const MEMO_ERROR_STATUS: StatusTable<MemoApiError> = {
  'invalid-request': 400,
  'memo-disabled': 404,
};

export const TRAINING_ERROR_STATUS: StatusTable<TrainingApiError> = {
  'invalid-request': 400,
  'training-off': 409,
  'demo-patient-not-found': 404,
  unavailable: 503,
};

export const SPEECH_ERROR_STATUS: StatusTable<SpeechApiError> = {
  'invalid-request': 400,
  'speech-disabled': 404,
  'speech-unavailable': 503,
};

/** GET /api/kiosk/token refuses anything but the served page's own fetch with 403. */
export const KIOSK_TOKEN_STATUS = { 'invalid-request': 403 } as const;

/** A route that answers no error value (it always has its answer). */
export const NO_ERROR_STATUS: StatusTable<never> = {};

/** «Оставить заявку» (contract/outbox.ts). */
export const OUTBOX_ERROR_STATUS: StatusTable<OutboxApiError> = {
  'invalid-request': 400,
  'outbox-unavailable': 503,
  'patient-unknown': 422,
};
