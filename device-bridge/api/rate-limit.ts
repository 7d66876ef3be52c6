// A token bucket per kind of call (session creation, volunteer calls), one per
// bridge: a burst of `burst` calls, then `perSecond` a second. A kiosk has one
// screen and one patient, so the limits sit far above what fingers can do; they
// stop a stuck or hostile local program from filling memory, logs and /metrics.
// The clock is injected (monotonic milliseconds) so tests step it by hand.
import { err, ok, type Err, type Result } from '../contract/result';
import type { RateLimited } from '../contract/rate-limited';

export interface RateLimit {
  /** Calls taken at once from a full bucket. */
  readonly burst: number;
  /** Calls a second once the burst is spent. */
  readonly perSecond: number;
}

export interface RateLimits {
  /** POST /api/sessions */
  readonly sessions: RateLimit;
  /** POST /api/assistance/call */
  readonly assistanceCalls: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  sessions: { burst: 60, perSecond: 5 },
  assistanceCalls: { burst: 20, perSecond: 1 },
};

/** Monotonic milliseconds (performance.now by default). */
export type MonotonicClock = () => number;

export interface RateLimiter {
  /** Takes one call from the bucket, or says how long until one is there. */
  take(): Result<null, RateLimited>;
}

export function createRateLimiter(limit: RateLimit, clock: MonotonicClock = () => performance.now()): RateLimiter {
  let tokens = limit.burst;
  let last = clock();
  return {
    take() {
      const now = clock();
      tokens = Math.min(limit.burst, tokens + ((now - last) / 1000) * limit.perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return ok(null);
      }
      return err({ kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) });
    },
  };
}

/** The Retry-After header of a refused answer (none on others). */
export const retryAfterHeader = (answer: { readonly ok: boolean; readonly error?: unknown }): Record<string, string> =>
  !answer.ok && (answer.error as { kind?: string }).kind === 'rate-limited' ? { 'retry-after': String((answer.error as RateLimited).retryAfterSeconds) } : {};

/** A route's `precondition` (api/route-helpers.ts): the refusal when the bucket is empty, else null. */
export function limited(limiter: RateLimiter): Err<RateLimited> | null {
  const taken = limiter.take();
  return taken.ok ? null : taken;
}
