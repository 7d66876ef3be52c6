// The backend call counter clinic IT reads in /metrics: by operation and by
// why the call was made, and nothing else in its labels.
import { Registry } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { ok } from '../contract/result';
import { inReadScope } from '../scheduler/prefetch/read-scope';
import { SessionReads } from '../scheduler/prefetch/session-reads';
import type { Scheduler } from '../scheduler/scheduler-port';
import { backendCallCounter, countBackendCalls } from './backend-calls';

describe('backend calls', () => {
  test('are counted by operation and purpose: the patient’s, read ahead, or the kiosk’s own background work', async () => {
    const registry = new Registry();
    const backend = {
      listFreeSlots: async () => ok([]),
      listDirectory: async () => ok({ specialties: [], doctors: [] }),
      close: () => undefined,
    } as unknown as Scheduler;
    const counted = countBackendCalls(backend, backendCallCounter(registry));
    const reads = new SessionReads({ ttlMs: 1000, maxEntries: 4, maxItems: 10 }, () => 0);
    const query = { from: '2026-11-23T10:00', to: '2026-12-07T00:00', specialtyCode: 'surgeon' };

    await counted.listFreeSlots(query);
    await inReadScope({ reads, purpose: 'prefetch' }, () => counted.listFreeSlots(query));
    await inReadScope({ reads, purpose: 'prefetch' }, () => counted.listFreeSlots(query));
    await counted.listDirectory();
    counted.close();

    const text = await registry.metrics();
    expect(text).toContain('kiosk_scheduler_calls_total{operation="listFreeSlots",purpose="patient"} 1');
    expect(text).toContain('kiosk_scheduler_calls_total{operation="listFreeSlots",purpose="prefetch"} 2');
    expect(text).toContain('kiosk_scheduler_calls_total{operation="listDirectory",purpose="background"} 1');
    expect(text).not.toContain('surgeon');
  });
});
