import { describe, expect, test } from 'vitest';
import { createRateLimiter, retryAfterHeader } from './rate-limit';

describe('the rate limiter', () => {
  test('takes a burst, then refuses with the seconds until the next call, then refills at its rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5 }, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()].every((r) => r.ok)).toBe(true);
    const refused = limiter.take();
    expect(refused).toEqual({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 2 } });
    expect(retryAfterHeader(refused)).toEqual({ 'retry-after': '2' });
    now += 1000;
    expect(limiter.take().ok).toBe(false);
    now += 1000;
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take().ok).toBe(false);
    // A long quiet spell refills the burst, never more.
    now += 3_600_000;
    expect([1, 2, 3, 4].map(() => limiter.take().ok)).toEqual([true, true, true, false]);
  });

  test('answers no header on a taken call', () => {
    expect(retryAfterHeader({ ok: true })).toEqual({});
  });
});
