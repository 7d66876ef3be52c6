// /healthz with the FHIR server hanging (issue 18, item 8): the answer comes
// from the last known state at once, saying when it was checked, while the
// probe waits out the scheduler's 3 s deadline in the background. "At once" is
// on the kiosk's clock (device-bridge/scheduler/test-support/kiosk-clock.ts):
// it moves only by the short fresh-wait, never to the deadline, and the probe
// is still pending when the answer is in.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrinterStatus } from '../../device-bridge/contract/printer';
import { createHealthCache, HEALTH_FRESH_WAIT_MS } from '../../device-bridge/health/health-cache';
import { healthReport } from '../../device-bridge/health/health-report';
import type { PrinterMonitor } from '../../device-bridge/health/printer-monitor';
import { createLogger } from '../../device-bridge/logger';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openFhirScheduler } from '../../device-bridge/scheduler/fhir/fhir-scheduler';
import { ResilientScheduler } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import { stopTheClock, track, untilReal } from '../../device-bridge/scheduler/test-support/kiosk-clock';
import { startFhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const readyPrinter: PrinterMonitor = {
  current: (): PrinterStatus => ({ state: 'ready' }),
  refresh: async (): Promise<PrinterStatus> => ({ state: 'ready' }),
  onChange: () => () => undefined,
  stop: () => undefined,
};

async function setup() {
  const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!demo.ok) throw new Error('the demo clinic does not load');
  const server = await startFhirTestServer({});
  cleanup.push(() => server.close());
  const seeded = await seedFhirClinic(server.repo, demo.value, { from: '2026-11-23', days: 1 });
  const logger = createLogger('silent', { write: () => undefined } as unknown as pino.DestinationStream);
  const inner = openFhirScheduler({ baseUrl: server.url, token: null, timeZone: 'Europe/Moscow', organization: seeded.organization, now: () => new Date('2026-11-23T07:00:00Z') });
  const scheduler = new ResilientScheduler(inner, { settings: {}, logger });
  cleanup.push(() => scheduler.close());
  const cache = createHealthCache({
    probe: () => healthReport({ kioskId: 'lobby-1', version: 'test', scheduler, printerMonitor: readyPrinter, printerAddress: 'virtual://' }),
    kiosk: () => ({ kioskId: 'lobby-1', version: 'test' }),
  });
  return { server, cache };
}

describe('/healthz while the FHIR server hangs', () => {
  it('answers the last known state with its checkedAt at once; the probe goes on in the background and its finding is the next answer', async () => {
    const { server, cache } = await setup();
    const healthy = await cache.report();
    expect(healthy).toMatchObject({ status: 'ok', components: { scheduler: { state: 'ok', adapter: 'fhir-r4' } } });
    expect(Date.parse(healthy.checkedAt)).not.toBeNaN();

    server.setFault({ kind: 'hang' });
    stopTheClock({ monotonic: true });
    const clockAtStart = performance.now();
    const asked = server.requestCount();
    const answer = track(cache.report());
    await untilReal(() => server.requestCount() > asked, 'the probe reached the hanging server');
    await vi.advanceTimersByTimeAsync(HEALTH_FRESH_WAIT_MS);
    expect(answer.settled, 'answered after the short fresh-wait, not the 3 s deadline').toBe(true);
    expect(performance.now() - clockAtStart).toBe(HEALTH_FRESH_WAIT_MS);
    expect(answer.value).toEqual(healthy);
    const probe = track(cache.idle());
    await vi.advanceTimersByTimeAsync(0);
    expect(probe.settled, 'the probe is still waiting for the server').toBe(false);

    // A second caller meanwhile shares the running probe and is answered just as fast.
    const again = track(cache.report());
    await vi.advanceTimersByTimeAsync(HEALTH_FRESH_WAIT_MS);
    expect(again.settled).toBe(true);
    expect(again.value).toEqual(healthy);

    // The deadline passes: the probe's finding (down, timeout) becomes the last known state.
    await vi.advanceTimersByTimeAsync(3000);
    expect(probe.settled).toBe(true);
    const before = server.requestCount();
    const later = track(cache.report());
    await untilReal(() => server.requestCount() > before, 'the next probe reached the server');
    await vi.advanceTimersByTimeAsync(HEALTH_FRESH_WAIT_MS);
    expect(later.settled).toBe(true);
    expect(later.value).toMatchObject({ status: 'down', components: { scheduler: { state: 'down', detail: expect.stringMatching(/timeout/) } } });
    expect(Date.parse(later.value.checkedAt)).toBeGreaterThanOrEqual(Date.parse(healthy.checkedAt));
    server.setFault({ kind: 'none' });
  });
});
