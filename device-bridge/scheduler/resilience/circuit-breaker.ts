// A circuit breaker: after `failureThreshold` failures in a row the circuit
// opens and calls are refused at once (a dead scheduler is reported in
// milliseconds, not after every patient's own timeout). After `cooldownMs` one
// probe is let through (half-open); its success closes the circuit again.

export type BreakerState =
  | { readonly state: 'closed' }
  | { readonly state: 'open'; readonly since: number; readonly cause: string }
  | { readonly state: 'half-open'; readonly cause: string };

export interface CircuitBreakerOptions {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  /** Monotonic milliseconds (tests inject one). */
  readonly now?: () => number;
  /** Told about every change of state (for logs and health). */
  readonly onChange?: (state: BreakerState) => void;
}

export class CircuitBreaker {
  private current: BreakerState = { state: 'closed' };
  private failures = 0;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get state(): BreakerState {
    return this.current;
  }

  /** May a call go ahead? In the half-open state only one probe at a time. */
  tryAcquire(): { ok: true; probe: boolean } | { ok: false; cause: string } {
    const s = this.current;
    if (s.state === 'closed') return { ok: true, probe: false };
    if (s.state === 'open' && this.now() - s.since < this.options.cooldownMs) return { ok: false, cause: s.cause };
    if (this.probeInFlight) return { ok: false, cause: s.cause };
    this.set({ state: 'half-open', cause: s.cause });
    this.probeInFlight = true;
    return { ok: true, probe: true };
  }

  /** Whether the cooldown is over and a probe would be let through. */
  readyForProbe(): boolean {
    const s = this.current;
    return s.state !== 'closed' && !this.probeInFlight && (s.state === 'half-open' || this.now() - s.since >= this.options.cooldownMs);
  }

  success(probe = false): void {
    if (probe) this.probeInFlight = false;
    this.failures = 0;
    if (this.current.state !== 'closed') this.set({ state: 'closed' });
  }

  failure(cause: string, probe = false): void {
    if (probe) this.probeInFlight = false;
    this.failures++;
    if (this.current.state !== 'closed' || this.failures >= this.options.failureThreshold) {
      this.set({ state: 'open', since: this.now(), cause });
    }
  }

  /** A call that neither proved nor disproved anything (e.g. abandoned) frees the probe slot. */
  release(probe: boolean): void {
    if (probe) this.probeInFlight = false;
  }

  private set(state: BreakerState): void {
    this.current = state;
    this.options.onChange?.(state);
  }
}
