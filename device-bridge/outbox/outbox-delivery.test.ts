// Delivery's clock-driven rules on a real outbox file: backoff doubles up to
// its cap, a request older than maxAgeHours fails (its policy number dropped,
// what the registry needs kept), a refusal fails at once, and failed requests
// are deleted after the retention bound. The scheduler is down or refusing at
// the port, the one seam: its real adapters are tested in tests/integration/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../contract/result';
import type { Scheduler } from '../scheduler/scheduler-port';
import { backoffMs, createDelivery, type DeliverySettings } from './outbox-delivery';
import { openOutboxStore, type NewRequest, type OutboxStore } from './outbox-store';

const SETTINGS: DeliverySettings = { maxAgeHours: 72, failedRetentionDays: 14, retryBaseSeconds: 15, retryMaxSeconds: 900 };
const HOUR = 3_600_000;
const stores: OutboxStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(scheduler: Pick<Scheduler, 'findPatientByPolicy' | 'joinWaitingList'>) {
  const store = openOutboxStore(join(mkdtempSync(join(tmpdir(), 'outbox-unit-')), 'outbox.sqlite'));
  stores.push(store);
  const clock = { ms: Date.parse('2026-12-01T09:00:00Z') };
  const outcomes: string[] = [];
  const delivery = createDelivery({ store, scheduler, settings: () => SETTINGS, now: () => new Date(clock.ms), logger: pino({ level: 'silent' }), onOutcome: (o) => outcomes.push(o) });
  const add = (key: string, extra: Partial<NewRequest> = {}) =>
    store.add({
      clientKey: key, reference: `З-${key}`, createdAt: clock.ms, patientId: null, policyNumber: '6449020886006380', policyKind: 'enp',
      displayName: 'Иванова Т. А.', specialtyCode: 'surgeon', specialtyName: 'Хирург', doctorId: null, claim: 'no-slots', phone: '9161234567', ...extra,
    });
  return { store, clock, outcomes, delivery, add };
}

const down: Pick<Scheduler, 'findPatientByPolicy' | 'joinWaitingList'> = {
  findPatientByPolicy: async () => err({ kind: 'unavailable', cause: 'connection refused' }),
  joinWaitingList: async () => err({ kind: 'unavailable', cause: 'connection refused' }),
};

describe('outbox delivery', () => {
  it('waits 15 s, 30 s, 60 s … between attempts, never more than the cap', () => {
    expect([0, 1, 2, 3].map((a) => backoffMs(a, SETTINGS))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(backoffMs(20, SETTINGS)).toBe(900_000);
  });

  it('keeps retrying while the scheduler is down, and tries nothing before the backoff is over', async () => {
    const { store, clock, outcomes, delivery, add } = setup(down);
    add('k1');
    await delivery.run();
    expect(outcomes).toEqual(['retry']);
    await delivery.run();
    expect(outcomes).toEqual(['retry']);
    clock.ms += 15_000;
    await delivery.run();
    expect(outcomes).toEqual(['retry', 'retry']);
    expect(store.counts()).toMatchObject({ pending: 1, failed: 0 });
  });

  it('fails a request older than maxAgeHours: the policy number goes, phone and initials stay for the registry', async () => {
    const { store, clock, outcomes, delivery, add } = setup(down);
    add('k1');
    clock.ms += 72 * HOUR + 1;
    await delivery.run();
    expect(outcomes).toEqual(['expired']);
    const [failed] = store.list(10);
    expect(failed).toMatchObject({ state: 'failed', policyNumber: null, patientId: null, phone: '9161234567', displayName: 'Иванова Т. А.', lastError: 'max-age' });
    // failed requests leave after the retention bound
    clock.ms += 14 * 24 * HOUR + 1;
    await delivery.run();
    expect(store.list(10)).toEqual([]);
  });

  it('fails at once when the scheduler refuses for good (the patient is not in the registry)', async () => {
    const { store, outcomes, delivery, add } = setup({ ...down, findPatientByPolicy: async () => err({ kind: 'patient-not-found' }) });
    add('k1');
    await delivery.run();
    expect(outcomes).toEqual(['refused']);
    expect(store.counts()).toMatchObject({ pending: 0, failed: 1 });
  });

  it('delivers with the request’s client key and deletes it; the sent count stays', async () => {
    const keys: Array<string | undefined> = [];
    const { store, outcomes, delivery, add } = setup({
      findPatientByPolicy: async () => ok({ id: 'p1', policyNumber: '6449020886006380', surname: 'И', givenName: 'Т', patronymic: 'А', birthDate: '1979-01-01', sex: 'female' }),
      joinWaitingList: async (r) => (keys.push(r.clientKey), ok({ id: 'w1', specialtyCode: r.specialtyCode, doctorId: null, claim: r.claim, createdAt: '2026-12-01T09:00:00Z' })),
    });
    add('k1');
    await delivery.run();
    expect(outcomes).toEqual(['delivered']);
    expect(keys).toEqual(['k1']);
    expect(store.counts()).toEqual({ pending: 0, failed: 0, sent: 1, oldestPendingAt: null });
  });
});
