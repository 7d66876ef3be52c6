// The outbox on /metrics: how many requests wait, how long the oldest has
// waited (the alert example "a request stuck over an hour" in README.md reads it),
// how many failed, and each delivery attempt's outcome. Counts only, no labels
// that could carry anything personal.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DeliveryOutcome } from './outbox-delivery';

export interface OutboxCounts {
  readonly pending: number;
  readonly failed: number;
  readonly oldestPendingAt: number | null;
}

export function registerOutboxMetrics(registry: Registry, counts: () => OutboxCounts, now: () => Date): (outcome: DeliveryOutcome) => void {
  const registers = [registry];
  new Gauge({
    name: 'kiosk_outbox_pending',
    help: 'Requests left at the kiosk («Оставить заявку») not yet delivered to the waiting list',
    registers,
    collect() {
      this.set(counts().pending);
    },
  });
  new Gauge({
    name: 'kiosk_outbox_failed',
    help: 'Requests given up on (too old, or refused by the scheduler): the registry calls these patients back by hand',
    registers,
    collect() {
      this.set(counts().failed);
    },
  });
  new Gauge({
    name: 'kiosk_outbox_oldest_pending_seconds',
    help: 'Age of the oldest undelivered request, 0 when none waits',
    registers,
    collect() {
      const oldest = counts().oldestPendingAt;
      this.set(oldest === null ? 0 : Math.max(0, (now().getTime() - oldest) / 1000));
    },
  });
  const sent = new Counter({
    name: 'kiosk_outbox_sent_total',
    help: 'Outbox delivery attempts by outcome: delivered, retry (scheduler unavailable), refused (by the scheduler), expired (outbox.maxAgeHours)',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of ['delivered', 'retry', 'refused', 'expired'] as const) sent.inc({ outcome }, 0);
  return (outcome) => sent.inc({ outcome });
}
