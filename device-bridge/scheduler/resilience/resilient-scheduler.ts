// Wraps any scheduler adapter so the kiosk never waits on a sick backend:
// - every port call answers within `timeoutMs` (default 3 s), as a typed
//   `unavailable` when the backend does not;
// - calls that are idempotent (reads, confirm on its client key, cancel,
//   release, waiting list) are retried once when there is time left; a hold is not;
// - a circuit breaker opens after a few failures in a row, so a dead scheduler
//   is reported at once, and a background probe closes it when the backend is
//   back (no restart needed);
// - reference data (specialties, doctors) is cached with a staleness bound and
//   refreshed in the background, so the first screens answer instantly.
// Slots are never cached: every search goes to the backend.
import type { Logger } from 'pino';
import { err, ok, type Result } from '../../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  FreeSlotCount,
  Hold,
  LocalDate,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  WaitingListEntry,
  WaitingListRequest,
  KeyedBooking,
} from '../scheduler-port';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';

export interface ResilienceSettings {
  /** Longest a port call may take, retries included. */
  readonly timeoutMs: number;
  /** Failures in a row that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before a probe. */
  readonly cooldownMs: number;
  /** Reference data older than this is refreshed in the background (the cached copy is served meanwhile). */
  readonly directoryRefreshMs: number;
  /** Reference data older than this is not served at all. */
  readonly directoryMaxStaleMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 3000,
  failureThreshold: 3,
  cooldownMs: 10_000,
  directoryRefreshMs: 5 * 60_000,
  directoryMaxStaleMs: 24 * 60 * 60_000,
};

/** A retry is only worth it with at least this much of the deadline left. */
const MIN_RETRY_BUDGET_MS = 250;

type Outcome<T> = Result<T, SchedulerError>;

export interface ResilientSchedulerOptions {
  readonly settings?: Partial<ResilienceSettings>;
  readonly logger?: Logger;
  /** Monotonic ms for the cache and the breaker (tests inject one). */
  readonly monotonicNow?: () => number;
}

export class ResilientScheduler implements Scheduler {
  readonly settings: ResilienceSettings;
  private readonly breaker: CircuitBreaker;
  private readonly now: () => number;
  private readonly logger: Logger | undefined;
  private directory: { value: ClinicDirectory; fetchedAt: number } | null = null;
  private refreshing: Promise<unknown> | null = null;
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly inner: Scheduler,
    options: ResilientSchedulerOptions = {},
  ) {
    this.settings = { ...DEFAULT_RESILIENCE, ...options.settings };
    this.now = options.monotonicNow ?? (() => performance.now());
    const logger = options.logger;
    this.logger = logger;
    this.breaker = new CircuitBreaker({
      failureThreshold: this.settings.failureThreshold,
      cooldownMs: this.settings.cooldownMs,
      now: this.now,
      onChange: (state) => {
        logger?.[state.state === 'closed' ? 'info' : 'warn'](
          { event: 'scheduler-circuit', state: state.state, ...(state.state === 'closed' ? {} : { cause: state.cause }) },
          state.state === 'closed' ? 'scheduler reachable again' : 'scheduler unavailable: failing fast',
        );
        if (state.state === 'open') this.scheduleProbe();
      },
    });
    // Warm the reference data now, and keep it fresh without a patient waiting for it.
    this.refreshDirectoryInBackground();
    this.refreshTimer = setInterval(() => this.refreshDirectoryInBackground(), this.settings.directoryRefreshMs);
    this.refreshTimer.unref();
  }

  /** For health and tests. */
  get circuit(): BreakerState {
    return this.breaker.state;
  }

  findPatientByPolicy(policyNumber: string, birthDate?: LocalDate): Promise<Outcome<Patient>> {
    return this.call(() => this.inner.findPatientByPolicy(policyNumber, birthDate), { idempotent: true });
  }

  get needsBirthDate(): boolean {
    return this.inner.needsBirthDate === true;
  }

  async listDirectory(): Promise<Outcome<ClinicDirectory>> {
    const cached = this.directory;
    const age = cached ? this.now() - cached.fetchedAt : Number.POSITIVE_INFINITY;
    if (cached && age < this.settings.directoryRefreshMs) return ok(cached.value);
    if (cached && age < this.settings.directoryMaxStaleMs) {
      this.refreshDirectoryInBackground();
      return ok(cached.value);
    }
    return this.fetchDirectory();
  }

  listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    return this.call(() => this.inner.listFreeSlots(query), { idempotent: true });
  }

  countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    return this.call(() => this.inner.countFreeSlots(query), { idempotent: true });
  }

  firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    return this.call(() => this.inner.firstFreeSlot(query), { idempotent: true });
  }

  /** Not retried: a hold that reached the backend but whose answer was lost would hold a second slot. */
  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    return this.call(() => this.inner.holdSlot(slotId, patientId, ttlSeconds), { idempotent: false });
  }

  /** Idempotent on the client key: a retry can only ever return the same appointment. */
  confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    return this.call(() => this.inner.confirmHold(holdId, clientKey), { idempotent: true });
  }

  bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    return this.call(() => this.inner.bookingByClientKey(clientKey), { idempotent: true });
  }

  releaseHold(holdId: string): Promise<Outcome<void>> {
    return this.call(() => this.inner.releaseHold(holdId), { idempotent: true });
  }

  cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.call(() => this.inner.cancelAppointment(appointmentId, patientId), { idempotent: true });
  }

  /** Arriving twice answers the arrived appointment, so a retry is safe. */
  checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.call(() => this.inner.checkIn(appointmentId, patientId), { idempotent: true });
  }

  findAppointmentByNumber(number: string): Promise<Outcome<Appointment | null>> {
    return this.call(() => this.inner.findAppointmentByNumber(number), { idempotent: true });
  }

  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    return this.call(() => this.inner.listAppointments(patientId, query), { idempotent: true });
  }

  /** Joining again returns the open entry, so a retry is safe. */
  joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    return this.call(() => this.inner.joinWaitingList(request), { idempotent: true });
  }

  async status(): Promise<SchedulerStatus> {
    const circuit = this.breaker.state;
    const inner = await withDeadline(this.inner.status(), this.settings.timeoutMs, (cause): SchedulerStatus => ({
      state: 'unavailable',
      adapter: 'unknown',
      cause,
    }));
    if (circuit.state === 'open') return { state: 'unavailable', adapter: inner.adapter, cause: `circuit open: ${circuit.cause}` };
    return inner;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.refreshTimer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.inner.close();
  }

  private async fetchDirectory(): Promise<Outcome<ClinicDirectory>> {
    const fetched = await this.call(() => this.inner.listDirectory(), { idempotent: true });
    if (fetched.ok) this.directory = { value: fetched.value, fetchedAt: this.now() };
    return fetched;
  }

  private refreshDirectoryInBackground(): void {
    if (this.closed || this.refreshing) return;
    this.refreshing = this.fetchDirectory()
      .catch((bug: unknown) => this.logger?.error({ err: bug, event: 'scheduler-directory-refresh-failed' }, 'reference data refresh threw'))
      .finally(() => {
        this.refreshing = null;
      });
  }

  /** When the circuit opens, check the backend by ourselves after the cooldown, so recovery needs no patient. */
  private scheduleProbe(): void {
    if (this.closed || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, this.settings.cooldownMs);
    this.probeTimer.unref();
  }

  private async probe(): Promise<void> {
    if (this.closed) return;
    const gate = this.breaker.tryAcquire();
    if (!gate.ok || !gate.probe) {
      if (!gate.ok) this.scheduleProbe();
      else this.breaker.release(gate.probe);
      return;
    }
    let status: SchedulerStatus;
    try {
      status = await withDeadline(this.inner.status(), this.settings.timeoutMs, (cause): SchedulerStatus => ({
        state: 'unavailable',
        adapter: 'unknown',
        cause,
      }));
    } catch (bug) {
      this.logger?.error({ err: bug, event: 'scheduler-probe-failed' }, 'scheduler status threw');
      status = { state: 'unavailable', adapter: 'unknown', cause: 'status check failed' };
    }
    if (status.state === 'ready') {
      this.breaker.success(true);
      this.refreshDirectoryInBackground();
    } else {
      this.breaker.failure(status.cause, true);
    }
  }

  private async call<T>(fn: () => Promise<Outcome<T>>, options: { idempotent: boolean }): Promise<Outcome<T>> {
    if (this.closed) return err({ kind: 'unavailable', cause: 'closed' });
    const gate = this.breaker.tryAcquire();
    if (!gate.ok) return err({ kind: 'unavailable', cause: `circuit open: ${gate.cause}` });
    const deadline = this.now() + this.settings.timeoutMs;
    let result: Outcome<T>;
    try {
      for (let attempt = 0; ; attempt++) {
        result = await withDeadline(fn(), deadline - this.now(), (cause) => err({ kind: 'unavailable', cause }));
        if (result.ok || result.error.kind !== 'unavailable') break;
        const left = deadline - this.now();
        if (!options.idempotent || attempt >= 1 || left < MIN_RETRY_BUDGET_MS) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, left / 4)));
      }
    } catch (bug) {
      // An exception is a bug (DESIGN.md), not an outage: it neither opens nor closes the circuit.
      this.breaker.release(gate.probe);
      throw bug;
    }
    if (!result.ok && result.error.kind === 'unavailable') {
      // The cause names what failed (a timeout, a refusal, a record's field at fault), never a patient:
      // it is what clinic IT needs to see, here and on the service screen's recent warnings.
      this.logger?.warn({ event: 'scheduler-call-failed', cause: result.error.cause }, 'scheduler call failed');
      this.breaker.failure(result.error.cause, gate.probe);
    } else {
      this.breaker.success(gate.probe);
    }
    return result;
  }
}

/** Resolves with `work`, or with `late(cause)` when `ms` pass first (the work is abandoned, not awaited). */
async function withDeadline<T>(work: Promise<T>, ms: number, late: (cause: string) => T): Promise<T> {
  const budget = Math.max(0, Math.round(ms));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late(`timeout: no answer within ${budget} ms`)), budget);
  });
  // An abandoned call that fails later must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
