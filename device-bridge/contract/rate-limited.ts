// Too many calls of one kind in a short time (session creation, volunteer
// calls): the bridge answers 429 with this value and a Retry-After header
// (device-bridge/api/rate-limit.ts). No patient taps that fast; the UI treats
// it like `unavailable` (kiosk-ui/bridge-client/bridge-call.ts).
export interface RateLimited {
  readonly kind: 'rate-limited';
  /** Whole seconds until the next call of the kind is taken (also the Retry-After header). */
  readonly retryAfterSeconds: number;
}

export const RATE_LIMITED_STATUS = { 'rate-limited': 429 } as const;
