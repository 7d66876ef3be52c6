// One patient session's memo of backend reads (free slots, counts, nearest
// times, the patient's appointments), so that what was fetched ahead of the
// patient's tap answers the tap at once. Short-lived and bounded: an answer
// serves again for `ttlMs` only, a write of the session (hold, confirm, cancel)
// forgets what it may have changed, the whole memo goes when the session ends.
// A failed read is never kept, and a failed read ahead never becomes the
// patient's answer: the patient's own call is made instead.
import type { Result } from '../../contract/result';
import type { SchedulerError } from '../scheduler-port';

/** Who asked: the patient's tap, or the kiosk reading ahead of it. */
export type ReadPurpose = 'patient' | 'prefetch';

/** What a write can change: free slots (a hold), or the patient's appointments too (a booking, a cancellation). */
export type ReadKind = 'slots' | 'appointments';

/** How a patient's read was answered (for /metrics): kept, shared with a call in flight, or asked anew. */
export type ReadOutcome = 'hit' | 'shared' | 'miss';

export interface SessionReadLimits {
  /** How long a read answers again. */
  readonly ttlMs: number;
  /** Reads kept per session; the oldest go first. */
  readonly maxEntries: number;
  /** Slots, counts and appointments kept per session in all (a month of a big specialty is thousands of slots). */
  readonly maxItems: number;
}

type Outcome<T> = Result<T, SchedulerError>;

/** One read: its operation and query (without the window's start), the window's start, and its answer. */
export interface ReadRequest<T> {
  readonly operation: string;
  readonly kind: ReadKind;
  /** The query without `from`: reads with the same key and an earlier `from` can answer it. */
  readonly key: string;
  readonly from: string;
  readonly purpose: ReadPurpose;
  readonly load: () => Promise<Outcome<T>>;
  /** This query's answer from an answer to the same key fetched with `fetchedFrom` (≤ `from`), or undefined when it cannot tell. */
  readonly derive: (answer: T, fetchedFrom: string) => T | undefined;
  /** Items in an answer (for the memory bound). */
  readonly size: (answer: T) => number;
}

interface Entry {
  readonly kind: ReadKind;
  readonly key: string;
  readonly from: string;
  readonly startedAt: number;
  readonly purpose: ReadPurpose;
  readonly answer: Promise<Outcome<unknown> | 'threw'>;
  settled: boolean;
  items: number;
}

export class SessionReads {
  private entries: Entry[] = [];
  /** Bumped by every write of what a read of that kind shows: an answer in flight across such a write is not kept. */
  private readonly generation: Record<ReadKind, number> = { slots: 0, appointments: 0 };

  constructor(
    private readonly limits: SessionReadLimits,
    private readonly now: () => number,
    private readonly onRead?: (outcome: ReadOutcome) => void,
  ) {}

  /** Reads kept (answered or in flight); for tests and the memory bound. */
  get size(): { readonly entries: number; readonly items: number } {
    return { entries: this.entries.length, items: this.entries.reduce((n, e) => n + e.items, 0) };
  }

  async read<T>(request: ReadRequest<T>): Promise<Outcome<T>> {
    this.sweep();
    const generation = this.generation[request.kind];
    // The nearest earlier window first: it holds the fewest slots that have since passed.
    const candidates = this.entries
      .filter((e) => e.key === request.key && e.from <= request.from)
      .sort((a, b) => b.from.localeCompare(a.from));
    for (const entry of candidates) {
      const settledBefore = entry.settled;
      const answer = await entry.answer;
      if (this.generation[request.kind] !== generation) break; // a write came in between: ask the backend
      if (answer === 'threw' || !answer.ok) {
        // Another patient call's failure is this call's failure too; a read ahead's is not the patient's.
        if (answer !== 'threw' && entry.purpose === 'patient' && request.purpose === 'patient') return answer as Outcome<T>;
        continue;
      }
      const derived = request.derive(answer.value as T, entry.from);
      if (derived === undefined) continue;
      if (request.purpose === 'patient') this.onRead?.(settledBefore ? 'hit' : 'shared');
      return { ok: true, value: derived };
    }
    if (request.purpose === 'patient') this.onRead?.('miss');
    return this.load(request, generation);
  }

  /**
   * A write of this session: reads of what it may change are forgotten, and those in flight will not be kept.
   * A hold changes free slots only; a booking or a cancellation changes the patient's appointments too.
   */
  invalidate(changed: 'slots' | 'all'): void {
    this.generation.slots++;
    if (changed === 'all') this.generation.appointments++;
    this.entries = changed === 'all' ? [] : this.entries.filter((e) => e.kind !== 'slots');
  }

  /** Forgets everything (the session ended). */
  clear(): void {
    this.generation.slots++;
    this.generation.appointments++;
    this.entries = [];
  }

  /** Drops the reads older than the staleness bound. */
  sweep(): void {
    const oldest = this.now() - this.limits.ttlMs;
    if (this.entries.some((e) => e.startedAt < oldest)) this.entries = this.entries.filter((e) => e.startedAt >= oldest);
  }

  private load<T>(request: ReadRequest<T>, generation: number): Promise<Outcome<T>> {
    const started = request.load();
    const entry: Entry = {
      kind: request.kind,
      key: request.key,
      from: request.from,
      startedAt: this.now(),
      purpose: request.purpose,
      answer: started.catch(() => 'threw' as const),
      settled: false,
      items: 0,
    };
    this.entries.push(entry);
    this.trim();
    void entry.answer.then((answer) => {
      entry.settled = true;
      const keep = answer !== 'threw' && answer.ok && this.generation[request.kind] === generation;
      entry.items = keep ? request.size(answer.value as T) : 0;
      if (!keep || entry.items > this.limits.maxItems) this.remove(entry);
      else this.trim();
    });
    // The caller gets its own call's answer (or exception) unchanged.
    return started;
  }

  private remove(entry: Entry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
  }

  /** Oldest first out, until both bounds hold. */
  private trim(): void {
    while (this.entries.length > this.limits.maxEntries) this.entries.shift();
    let items = this.entries.reduce((n, e) => n + e.items, 0);
    while (items > this.limits.maxItems && this.entries.length > 0) items -= this.entries.shift()!.items;
  }
}
