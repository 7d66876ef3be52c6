// /healthz answers at once: a monitor (or systemd's watchdog script) must not
// wait out the scheduler's 3 s deadline because the FHIR server hangs. Every
// request starts a probe (healthReport in device-bridge/health/health-report.ts;
// callers at the same time share one) and waits for it a short while: a healthy
// kiosk answers with what it sees now (a printer that just ran out of paper, a
// FHIR server that just refused). A probe that takes longer goes on in the
// background and the answer is the last known state, with `checkedAt` saying
// when that was.
import type { Health } from '../contract/kiosk';

/** What a probe finds; the cache adds when it found it. */
export type HealthProbe = Omit<Health, 'checkedAt'>;

export interface HealthCache {
  /** The freshest state available within `freshWaitMs`. */
  report(): Promise<Health>;
  /** Settles when no probe is running (for shutdown and tests). */
  idle(): Promise<void>;
}

export interface HealthCacheOptions {
  readonly probe: () => Promise<HealthProbe>;
  /** Named in an answer given before any probe came back. */
  readonly kiosk: () => Pick<Health, 'kioskId' | 'version'>;
  /** How long a request waits for a fresh probe before answering the last known state. */
  readonly freshWaitMs?: number;
  readonly now?: () => Date;
}

/** Long enough for a local probe (SQLite, the printer on USB or loopback), far below the scheduler's 3 s deadline. */
export const HEALTH_FRESH_WAIT_MS = 250;

export function createHealthCache(options: HealthCacheOptions): HealthCache {
  const freshWaitMs = options.freshWaitMs ?? HEALTH_FRESH_WAIT_MS;
  const now = options.now ?? (() => new Date());
  let last: Health | null = null;
  let inFlight: Promise<Health> | null = null;

  function probe(): Promise<Health> {
    if (inFlight) return inFlight;
    const startedAt = now().toISOString();
    const running = options
      .probe()
      .then(
        (found): Health => ({ ...found, checkedAt: startedAt }),
        // A probe that throws is a bug, but /healthz must still answer: the kiosk is down until it is fixed.
        (cause: unknown): Health => {
          const before = last ?? notCheckedYet(options.kiosk(), startedAt);
          return { ...before, status: 'down', checkedAt: startedAt, components: { ...before.components, scheduler: { state: 'down', detail: `health probe failed: ${String(cause)}`, adapter: 'unknown' } } };
        },
      )
      .then((health) => {
        last = health;
        return health;
      })
      .finally(() => {
        inFlight = null;
      });
    inFlight = running;
    return running;
  }

  return {
    async report() {
      const fresh = probe();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), freshWaitMs);
        timer.unref?.();
      });
      try {
        return (await Promise.race([fresh, waited])) ?? last ?? notCheckedYet(options.kiosk(), now().toISOString());
      } finally {
        clearTimeout(timer);
      }
    },
    async idle() {
      while (inFlight) await inFlight;
    },
  };
}

/** The very first probe is still running (a scheduler hanging from the start): down, and honest about it. */
function notCheckedYet(kiosk: Pick<Health, 'kioskId' | 'version'>, at: string): Health {
  return {
    status: 'down',
    ...kiosk,
    checkedAt: at,
    components: {
      scheduler: { state: 'down', detail: 'not checked yet', adapter: 'unknown' },
      printer: { state: 'down', detail: 'not checked yet', address: '', printerState: 'unknown' },
    },
  };
}
