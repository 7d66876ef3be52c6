// The kiosk's outbox (issue 15): requests patients leave when there is nothing
// to book or the schedule is down, kept on disk until the scheduler's waiting
// list takes them (outbox-delivery.ts). It opens its SQLite file at start; a
// file that is corrupt or read-only does not stop the kiosk: the outbox is
// `unavailable`, says so in /healthz and service mode, and refuses every
// request, so the patient is never told «принято» for something not kept.
import type { Logger } from 'pino';
import type { ComponentHealth, OutboxReport, OutboxRequestView } from '../contract';
import { err, ok, type Result } from '../contract/result';
import { maskedPhone } from '../domain/phone';
import type { Scheduler } from '../scheduler/scheduler-port';
import { createDelivery, type DeliveryOutcome, type DeliverySettings } from './outbox-delivery';
import { openOutboxStore, type NewRequest, type OutboxStore, type StoredRequest } from './outbox-store';

export type { DeliverySettings };

export type OutboxState = { readonly state: 'ok' } | { readonly state: 'unavailable'; readonly detail: string };

export type OutboxHealth = ComponentHealth & {
  readonly pending: number;
  readonly failed: number;
  readonly oldestPendingSeconds: number | null;
};

export interface OutboxOptions {
  readonly file: string;
  readonly scheduler: Pick<Scheduler, 'findPatientByPolicy' | 'joinWaitingList'>;
  readonly settings: () => DeliverySettings;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
}

export type Outbox = ReturnType<typeof openOutbox>;

/** «Иванова Т. А.» → «И. Т. А.»: service mode shows no more of a name. */
export function initialsOf(displayName: string | null): string | null {
  if (!displayName) return null;
  const letters = displayName.match(/\p{Lu}/gu) ?? [];
  return letters.length ? letters.map((l) => `${l}.`).join(' ') : null;
}

export function openOutbox(options: OutboxOptions) {
  const { logger } = options;
  let store: OutboxStore | null = null;
  let state: OutboxState;
  try {
    store = openOutboxStore(options.file);
    state = { state: 'ok' };
  } catch (cause) {
    const detail = `${options.file}: ${cause instanceof Error ? cause.message : String(cause)}`;
    state = { state: 'unavailable', detail };
    // The path is the kiosk's own state file, not personal data; IT needs it to fix the disk.
    logger.error({ event: 'outbox-unavailable', detail }, 'the outbox cannot be written: requests are refused');
  }
  const delivery = store ? createDelivery({ ...options, store }) : null;
  let timer: NodeJS.Timeout | null = null;

  const view = (r: StoredRequest): OutboxRequestView => ({
    reference: r.reference,
    state: r.state,
    initials: initialsOf(r.displayName),
    specialtyName: r.specialtyName,
    claim: r.claim,
    phoneMasked: maskedPhone(r.phone),
    createdAt: new Date(r.createdAt).toISOString(),
    attempts: r.attempts,
    lastError: r.lastError,
  });

  return {
    state: (): OutboxState => state,
    /** On disk (fsynced) when this answers ok; the same client key again answers the stored request. */
    accept(request: NewRequest): Result<StoredRequest, { readonly kind: 'outbox-unavailable' }> {
      if (!store) return err({ kind: 'outbox-unavailable' });
      try {
        const stored = store.add(request);
        // Delivery starts now, not at the next tick: with the scheduler up the entry is there in a moment.
        void delivery?.run();
        return ok(stored);
      } catch (cause) {
        logger.error({ event: 'outbox-write-failed', err: cause }, 'a request could not be written: refused');
        return err({ kind: 'outbox-unavailable' });
      }
    },
    /** One delivery pass (tests and the timer). */
    deliver: (): Promise<number> => delivery?.run() ?? Promise.resolve(0),
    /** Delivers every `everyMs` until closed. */
    start(everyMs: number): void {
      if (!delivery || timer) return;
      timer = setInterval(() => void delivery.run(), everyMs);
      timer.unref();
      void delivery.run();
    },
    counts: () => store?.counts() ?? { pending: 0, failed: 0, sent: 0, oldestPendingAt: null },
    report(): OutboxReport {
      const counts = store?.counts() ?? { pending: 0, failed: 0, sent: 0 };
      return {
        state: state.state,
        detail: state.state === 'ok' ? null : state.detail,
        pending: counts.pending,
        sent: counts.sent,
        failed: counts.failed,
        requests: store?.list(200).map(view) ?? [],
      };
    },
    health(): OutboxHealth {
      if (!store || state.state !== 'ok') return { state: 'down', detail: state.state === 'ok' ? 'closed' : state.detail, pending: 0, failed: 0, oldestPendingSeconds: null };
      const counts = store.counts();
      const oldest = counts.oldestPendingAt === null ? null : Math.max(0, Math.round((options.now().getTime() - counts.oldestPendingAt) / 1000));
      const base = { pending: counts.pending, failed: counts.failed, oldestPendingSeconds: oldest };
      return counts.failed > 0
        ? { state: 'degraded', detail: `${counts.failed} failed request(s) for the registry to call back`, ...base }
        : { state: 'ok', detail: `${counts.pending} pending`, ...base };
    },
    close(): void {
      if (timer) clearInterval(timer);
      timer = null;
      store?.close();
      store = null;
    },
  };
}
