// Delivers the outbox's pending requests to the scheduler's waiting list, one
// at a time, oldest first: identify the patient (unless the scheduler already
// did when the request was left), then `joinWaitingList` with the request's
// client key, which the backend dedupes on (embedded: a unique key column;
// FHIR: an identifier searched before the create). Only then is the row
// deleted, so a crash between the two redelivers, and the redelivery finds the
// entry it made: exactly one entry per request, across restarts and power cuts.
//
// An unavailable scheduler is retried with exponential backoff; a refusal that
// will not change (the patient is not in the registry, not attached, a booking
// rule) fails the request at once; a request older than `maxAgeHours` fails.
// Failed requests are logged without personal data (the reference and why).
import type { Logger } from 'pino';
import type { Scheduler, SchedulerError } from '../scheduler/scheduler-port';
import type { OutboxStore, StoredRequest } from './outbox-store';

export interface DeliverySettings {
  readonly maxAgeHours: number;
  readonly failedRetentionDays: number;
  readonly retryBaseSeconds: number;
  readonly retryMaxSeconds: number;
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'refused' | 'expired';

export interface DeliveryOptions {
  readonly store: OutboxStore;
  readonly scheduler: Pick<Scheduler, 'findPatientByPolicy' | 'joinWaitingList'>;
  readonly settings: () => DeliverySettings;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
}

const HOUR_MS = 3_600_000;
/** Requests tried per pass: a long outage's backlog drains over several passes, never in one burst. */
const BATCH = 20;

/** The wait before attempt `attempts + 1`: base · 2^attempts, capped. */
export function backoffMs(attempts: number, settings: Pick<DeliverySettings, 'retryBaseSeconds' | 'retryMaxSeconds'>): number {
  return Math.min(settings.retryBaseSeconds * 2 ** Math.min(attempts, 30), settings.retryMaxSeconds) * 1000;
}

const reasonOf = (error: SchedulerError): string => (error.kind === 'rejected-by-rule' ? `rejected-by-rule:${error.rule}` : error.kind);

export function createDelivery(options: DeliveryOptions) {
  const { store, scheduler, logger } = options;
  let running: Promise<number> | null = null;

  function fail(request: StoredRequest, outcome: 'refused' | 'expired', reason: string): void {
    store.fail(request.clientKey, options.now().getTime(), reason);
    logger.warn({ event: 'outbox-request-failed', reference: request.reference, outcome, reason, specialty: request.specialtyCode }, 'request not delivered: the registry calls back by hand');
    options.onOutcome?.(outcome);
  }

  function retry(request: StoredRequest, reason: string): void {
    const settings = options.settings();
    store.retryLater(request.clientKey, options.now().getTime() + backoffMs(request.attempts, settings), reason);
    logger.info({ event: 'outbox-retry', reference: request.reference, attempt: request.attempts + 1, reason }, 'request not delivered yet');
    options.onOutcome?.('retry');
  }

  async function deliverOne(request: StoredRequest): Promise<void> {
    const settings = options.settings();
    if (options.now().getTime() - request.createdAt > settings.maxAgeHours * HOUR_MS) return fail(request, 'expired', 'max-age');
    let patientId = request.patientId;
    if (patientId === null) {
      if (request.policyNumber === null) return fail(request, 'refused', 'no-patient');
      const found = await scheduler.findPatientByPolicy(request.policyNumber);
      if (!found.ok) return found.error.kind === 'unavailable' ? retry(request, 'unavailable') : fail(request, 'refused', reasonOf(found.error));
      if (found.value.attached === false) return fail(request, 'refused', 'not-attached');
      patientId = found.value.id;
    }
    const entry = await scheduler.joinWaitingList({
      patientId,
      specialtyCode: request.specialtyCode,
      doctorId: request.doctorId,
      claim: request.claim,
      clientKey: request.clientKey,
    });
    if (!entry.ok) return entry.error.kind === 'unavailable' ? retry(request, 'unavailable') : fail(request, 'refused', reasonOf(entry.error));
    store.delivered(request.clientKey);
    logger.info({ event: 'outbox-delivered', reference: request.reference, specialty: request.specialtyCode, claim: request.claim, attempts: request.attempts + 1 }, 'request delivered to the waiting list');
    options.onOutcome?.('delivered');
  }

  async function pass(): Promise<number> {
    const nowMs = options.now().getTime();
    store.purgeFailed(nowMs - options.settings().failedRetentionDays * 24 * HOUR_MS);
    const due = store.due(nowMs, BATCH);
    for (const request of due) {
      try {
        await deliverOne(request);
      } catch (cause) {
        // A bug or a broken disk: logged, and the request waits for the next pass as if the scheduler had been down.
        logger.error({ event: 'outbox-delivery-error', reference: request.reference, err: cause }, 'outbox delivery failed unexpectedly');
        try {
          retry(request, 'error');
        } catch {
          /* the store itself failed: the next pass tries again */
        }
      }
    }
    return due.length;
  }

  return {
    /** One pass over the due requests; a pass already running is joined, never doubled. */
    run(): Promise<number> {
      running ??= pass().finally(() => (running = null));
      return running;
    },
  };
}
