// The kiosk as the UI sees it (GET /api/kiosk, kiosk-info events), the
// assistance call, and the health report (/healthz).
import type { CardReaderStatus } from './identity';
import type { PrinterStatus } from './printer';
import type { SpeechInfo, SpeechStatus } from './speech';

/** `screen`: the pulsing banner; `screen-and-sound`: the banner and a chime; `none`: the patient is only told where to go. */
export const ASSISTANCE_SIGNALS = ['none', 'screen', 'screen-and-sound'] as const;
export type AssistanceSignal = (typeof ASSISTANCE_SIGNALS)[number];

export interface KioskInfo {
  readonly kioskId: string;
  readonly version: string;
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  /** `holdSeconds` (booking.holdSeconds): how long review holds a slot, for «Вы не успели подтвердить за 5 минут». */
  readonly session: { readonly idleSeconds: number; readonly doneSeconds: number; readonly holdSeconds?: number };
  /** Smallest touch target in CSS px: 20 mm at the configured screen DPI. */
  readonly minTouchPx: number;
  /**
   * Training mode (учебный режим): while `active`, every screen shows the training banner and
   * bookings go to a sandbox; `demoPatients` are the on-screen demo cards, by masked name.
   */
  readonly training: { readonly active: boolean; readonly demoPatients: readonly DemoCard[] };
  /** The attract screen offers «Распечатать памятку» (config `memo.enabled`). */
  readonly memoEnabled: boolean;
  /**
   * Where a stuck patient finds help, and how the kiosk calls it (config `assistance`). Optional: the UI
   * shell is cached, so a UI may briefly meet an older bridge; it then only says «обратитесь в регистратуру».
   */
  readonly assistance?: AssistanceInfo;
  /** Speech output (config `speech.enabled`): the UI offers «Озвучить» only when on. Optional for an older bridge. */
  readonly speech?: SpeechInfo;
  /**
   * How the patient identifies. `needsBirthDate`: the scheduler matches a typed (or wedge-scanned)
   * number with the birth date, so the UI asks for it after the number (an N3 hub with
   * `patientMatch: "policy+birthDate"`, or config `identification.askBirthDate`); a card or a paper
   * policy's barcode carries it. Optional: absent (an older bridge) means false.
   */
  readonly identification?: IdentificationInfo;
}

export interface IdentificationInfo {
  readonly needsBirthDate: boolean;
}

/** The kinds of demo patient training mode offers a card for: each shows patients a different way in. */
export const DEMO_CARD_KINDS = ['adult', 'child', 'temporary', 'old-style'] as const;
export type DemoCardKind = (typeof DEMO_CARD_KINDS)[number];

/** An on-screen demo card: the masked name, and (from a bridge that knows it) the kind, which the UI explains. */
export interface DemoCard {
  readonly displayName: string;
  readonly kind?: DemoCardKind;
}

export interface AssistanceInfo {
  /** Free text from the config; `en` null = show the Russian text on English screens too. */
  readonly where: { readonly ru: string; readonly en: string | null };
  readonly callSignal: AssistanceSignal;
}

/** POST /api/assistance/call answers it, and the event stream publishes it. */
export interface AssistanceCall {
  readonly screen: string;
  /** ISO instant the bridge took the call. */
  readonly at: string;
}

export type ComponentHealth =
  | { readonly state: 'ok'; readonly detail: string }
  | { readonly state: 'degraded'; readonly detail: string }
  | { readonly state: 'down'; readonly detail: string };

export interface Health {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly kioskId: string;
  readonly version: string;
  /** ISO instant the state below was found: /healthz answers the last known state when a probe is slow (device-bridge/health/health-cache.ts). */
  readonly checkedAt: string;
  readonly components: {
    readonly scheduler: ComponentHealth & { readonly adapter: string };
    readonly printer: ComponentHealth & { readonly address: string; readonly printerState: PrinterStatus['state'] };
    /** Reported for service and monitoring; they never change `status` (the keypad always works). */
    readonly cardReader?: ComponentHealth & { readonly readerState: CardReaderStatus['state'] };
    readonly scanners?: ComponentHealth & { readonly open: number; readonly configured: number };
    /** Speech output (espeak-ng): reported, never folded into `status` (every screen works silently). */
    readonly speech?: ComponentHealth & { readonly speechState: SpeechStatus['state'] };
    /** «Оставить заявку» (device-bridge/outbox/): down when its file is corrupt or read-only; degraded with failed requests to call back. */
    readonly outbox?: ComponentHealth & { readonly pending: number; readonly failed: number; readonly oldestPendingSeconds: number | null };
  };
}
