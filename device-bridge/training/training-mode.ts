// Training mode (учебный режим): a volunteer shows patients the whole journey
// without booking a real doctor's time. While it is on, every booking call goes
// to a sandbox: an in-memory copy of the demo clinic with its own booking
// stack (booking service, ticket printer, journal), so nothing reaches the
// real scheduler, the print journal or the clinic's booking statistics. Ending training (the volunteer
// PIN again, the end of any session booked in it, or `training.idleSeconds` without a touch) throws
// the sandbox away, and every booking made in it with it: the next person at the kiosk, who may be a
// real patient, meets the real kiosk.
import type { Logger } from 'pino';
import type { BookingService } from '../booking/booking-service';
import type { BookingStack } from '../booking-stack';
import type { DemoCardKind } from '../contract/kiosk';
import type { Result } from '../contract/result';

/** A demo patient the volunteer can "insert" with an on-screen button: shown by masked name only. */
export interface DemoPatient {
  readonly displayName: string;
  /** What the card shows a patient (the UI's note under the name). */
  readonly kind: DemoCardKind;
}

/** What main.ts builds for each training period, and throws away after it. */
export interface TrainingSandbox extends BookingStack {
  /** The demo clinic's patients, in the clinic file's order (the UI refers to them by index). */
  readonly demoPatients: readonly DemoPatient[];
  /** The policy number of demo patient `index`, for the on-screen card; never sent to the UI. */
  policyOf(index: number): string | null;
  close(): void;
}

/** `session`: a session of the sandbox ended (finished, left, or idle): training lasts one demonstrated visit. */
export type TrainingEndReason = 'volunteer' | 'idle' | 'session' | 'shutdown';

export type TrainingState =
  | { readonly active: false }
  | { readonly active: true; readonly since: string; readonly demoPatients: readonly DemoPatient[] };

export interface TrainingModeOptions {
  /** Opens a fresh sandbox; a failure (the demo clinic file is broken) is a value. */
  readonly openSandbox: () => Result<TrainingSandbox, string>;
  /** Read at each touch: a config reload changes it. */
  readonly idleSeconds: () => number;
  /** Told after every start and end (the UI learns it through the `kiosk-info` event). */
  readonly onChange: (state: TrainingState) => void;
  /** Counted for /metrics (a gauge and periods). */
  readonly onPeriod?: (event: 'started' | TrainingEndReason) => void;
  readonly now: () => Date;
  readonly logger: Logger;
}

export interface TrainingMode {
  state(): TrainingState;
  /** The sandbox's booking service while training is on, else null. Every call counts as activity. */
  booking(): BookingService | null;
  /** The sandbox's booking stack (booking and its ticket printer) while training is on, else null. Every call counts as activity. */
  stack(): BookingStack | null;
  /** The volunteer PIN toggles: on when off, off when on. */
  toggle(): Result<'started' | 'stopped', string>;
  stop(reason: TrainingEndReason): void;
  /** The policy number behind demo patient `index` while training is on. */
  demoPolicy(index: number): string | null;
}

export function createTrainingMode(options: TrainingModeOptions): TrainingMode {
  const { logger } = options;
  let current: { sandbox: TrainingSandbox; since: Date } | null = null;
  // A real timer, not the injected clock: a frozen test clock must not keep training on for ever.
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const state = (): TrainingState =>
    current ? { active: true, since: current.since.toISOString(), demoPatients: current.sandbox.demoPatients } : { active: false };

  function armIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop('idle'), options.idleSeconds() * 1000);
    idleTimer.unref?.();
  }

  function start(): Result<'started', string> {
    const opened = options.openSandbox();
    if (!opened.ok) {
      logger.error({ event: 'training-unavailable', reason: opened.error }, 'training mode cannot start');
      return opened;
    }
    const sandbox = opened.value;
    // The end of a demonstrated visit ends training: the booking service is the sandbox's, wrapped here so a
    // session's end (DELETE /api/sessions/current) reaches the mode without the routes knowing about training.
    const booking = {
      ...sandbox.booking,
      endSession: async (...args: Parameters<BookingService['endSession']>) => {
        await sandbox.booking.endSession(...args);
        if (current?.sandbox.booking === booking) stop('session');
      },
    };
    current = { sandbox: { ...sandbox, booking }, since: options.now() };
    armIdle();
    logger.info({ event: 'training-started', demoPatients: opened.value.demoPatients.length }, 'training mode on: bookings go to the sandbox');
    options.onPeriod?.('started');
    options.onChange(state());
    return { ok: true, value: 'started' };
  }

  function stack(): BookingStack | null {
    if (!current) return null;
    armIdle();
    return current.sandbox;
  }

  function stop(reason: TrainingEndReason): void {
    clearTimeout(idleTimer);
    if (!current) return;
    const { sandbox, since } = current;
    current = null;
    // The wrapped sandbox's close is the opened one's (spread keeps it).
    sandbox.close();
    const minutes = Math.round((options.now().getTime() - since.getTime()) / 60_000);
    logger.info({ event: 'training-ended', reason, minutes }, 'training mode off: the sandbox and its bookings are gone');
    options.onPeriod?.(reason);
    if (reason !== 'shutdown') options.onChange(state());
  }

  return {
    state,
    booking: () => stack()?.booking ?? null,
    stack,
    toggle() {
      if (current) {
        stop('volunteer');
        return { ok: true, value: 'stopped' };
      }
      return start();
    },
    stop,
    demoPolicy: (index) => current?.sandbox.policyOf(index) ?? null,
  };
}
