// Identification (device-bridge/api/identity-routes.ts, readers/): card and
// scanner events, the readers' status, and service mode's virtual card.
import type { SessionStarted } from './booking';
import type { InvalidRequest } from './invalid-request';
import type { Result } from './result';

/** How the patient identified: the chip of the plastic policy, or a scanned barcode (paper policy PDF417, digital policy QR). */
export type IdentityChannel = 'card' | 'barcode';

export type IdentityErrorReason =
  | 'card-unreadable'
  | 'card-removed'
  | 'unknown-card'
  | 'no-reader'
  | 'patient-not-found'
  | 'bad-barcode'
  /** The registry could not be asked (scheduler down). */
  | 'unavailable'
  /** A QR holds the number only, and this kiosk identifies by the number and the birth date (kiosk.ts `identification`): typed on the keypad instead. */
  | 'needs-birth-date';

/**
 * A card or scan identified the patient (the bridge already started the
 * session; the policy number never leaves the bridge), or could not. Never
 * replayed to a client that connects later: a reconnecting UI must not
 * receive a previous patient's session.
 */
export type IdentityEvent =
  | { readonly type: 'identified'; readonly channel: IdentityChannel; readonly session: SessionStarted }
  | {
      readonly type: 'identity-error';
      readonly channel: IdentityChannel;
      readonly reason: IdentityErrorReason;
      /** Plain Russian for the patient («Вставьте полис другой стороной»). */
      readonly message: string;
    };

/** The chip-card reader as service mode sees it. */
export type CardReaderStatus =
  | { readonly state: 'disabled' }
  /** `no-driver`: the PC/SC binding is not installed; `no-service`: pcscd does not answer. */
  | { readonly state: 'unavailable'; readonly reason: 'no-driver' | 'no-service'; readonly detail: string }
  | { readonly state: 'no-reader' }
  | { readonly state: 'ready'; readonly reader: string }
  | { readonly state: 'reading'; readonly reader: string }
  | { readonly state: 'card-present'; readonly reader: string };

export type ScannerStatus =
  | { readonly url: string; readonly state: 'open' }
  | { readonly url: string; readonly state: 'closed'; readonly detail: string };

/** Every identity device at once: the latest one is replayed to a client that connects. */
export interface ReaderStatusEvent {
  readonly type: 'reader-status';
  readonly card: CardReaderStatus;
  readonly scanners: readonly ScannerStatus[];
}

/** GET /api/readers/status */
export type ReadersStatus = Omit<ReaderStatusEvent, 'type'>;

export const virtualCardBehaviours = ['normal', 'remove-mid-read', 'not-oms', 'garbled'] as const;
export type VirtualCardBehaviour = (typeof virtualCardBehaviours)[number];

export interface VirtualCardState {
  readonly inserted: boolean;
  /** The virtual reader the card goes into, e.g. «Virtual PCD 00 00». */
  readonly reader: string;
  /** False when the number is not in the registry: the card then carries a test name. */
  readonly patientKnown: boolean | null;
}

export type VirtualCardError =
  | InvalidRequest
  /** The card reader is disabled or is not one of vsmartcard's virtual readers. */
  | { readonly kind: 'reader-not-virtual'; readonly message: string }
  /** Nothing listens on the virtual reader's port (pcscd or vsmartcard-vpcd not running). */
  | { readonly kind: 'vpcd-unreachable'; readonly message: string }
  /** The port answers but no reader takes the card (another card is in it). */
  | { readonly kind: 'reader-not-polling'; readonly message: string };
export type VirtualCardResult<T> = Result<T, VirtualCardError>;
