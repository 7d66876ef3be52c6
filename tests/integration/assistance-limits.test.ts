// Bounded metrics and calls (issue 18, item 7): a storm of made-up screen names
// keeps /metrics to a handful of series (unknown names count as `other`), and
// volunteer calls and session creation are rate-limited per bridge: 429
// `rate-limited` with Retry-After once the burst is spent, taken again when the
// (fake, stepped) clock has refilled the bucket.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bridgeCaller, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let call: BridgeCall;
let clock = 0;
/** During the storm every reading of the clock is a minute later: each call finds a full bucket (the storm is about labels). */
let storm = false;

beforeAll(async () => {
  kut = await startKioskUnderTest(
    { kioskId: 'limits-01' },
    { rateLimits: { sessions: { burst: 3, perSecond: 1 }, assistanceCalls: { burst: 2, perSecond: 0.5 } }, monotonicClock: () => (storm ? (clock += 60_000) : clock) },
  );
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

const kioskSeries = (metrics: string) => metrics.split('\n').filter((line) => !line.startsWith('nodejs_') && !line.startsWith('process_') && !line.startsWith('# ')).join('\n');
const assistanceSeries = (metrics: string) => metrics.split('\n').filter((line) => line.startsWith('kiosk_assistance_calls_total{'));

describe('volunteer calls', () => {
  test('20,000 distinct screen names keep /metrics bounded: known screens by name, the rest as other', { timeout: 120_000 }, async () => {
    const before = kioskSeries((await call('GET', '/metrics')).text).length;
    storm = true;
    const names = Array.from({ length: 20_000 }, (_, i) => `made-up-${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`);
    for (let i = 0; i < names.length; i += 200) {
      const batch = names.slice(i, i + 200);
      const answers = await Promise.all(
        batch.map((screen) => call('POST', '/api/assistance/call', { body: { screen } })),
      );
      expect(answers.every((a) => a.status === 200), `batch at ${i}`).toBe(true);
    }
    expect((await call('POST', '/api/assistance/call', { body: { screen: 'failed' } })).status).toBe(200);
    storm = false;

    const metrics = (await call('GET', '/metrics')).text;
    expect(assistanceSeries(metrics)).toEqual([
      'kiosk_assistance_calls_total{screen="other",kiosk="limits-01"} 20000',
      'kiosk_assistance_calls_total{screen="failed",kiosk="limits-01"} 1',
    ]);
    // The kiosk's own series, not the Node runtime's (a garbage collection of a new kind under this load adds its
    // histogram): 20,000 names must not grow them.
    expect(metrics).not.toContain('made-up');
    expect(kioskSeries(metrics).length - before).toBeLessThan(1_000);
  });

  test('beyond the burst answer 429 rate-limited with Retry-After, and are taken again once the bucket refills', async () => {
    clock += 60_000;
    for (let i = 0; i < 2; i++) expect((await call('POST', '/api/assistance/call', { body: { screen: 'done' } })).status).toBe(200);
    const refused = await call('POST', '/api/assistance/call', { body: { screen: 'done' } });
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 2 } });
    expect(refused.headers['retry-after']).toBe('2');
    clock += 2_000;
    expect((await call('POST', '/api/assistance/call', { body: { screen: 'done' } })).status).toBe(200);
  });
});

describe('session creation', () => {
  test('beyond the burst answers 429 rate-limited with Retry-After, and is taken again a second later', async () => {
    clock += 60_000;
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).status).toBe(200);
    const refused = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toEqual({ kind: 'rate-limited', retryAfterSeconds: 1 });
    expect(refused.headers['retry-after']).toBe('1');
    clock += 1_000;
    expect((await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).status).toBe(200);
  });
});
