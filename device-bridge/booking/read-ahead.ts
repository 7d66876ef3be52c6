// Reads ahead of the patient, so a slow backend (a regional hub answering in
// 800 ms) does not make every tap wait: the booking service's next answer is
// worked out in the background while the patient is still reading the
// current screen, and the backend reads it makes are kept in the session's
// memo (scheduler/prefetch/) where the patient's own request finds them.
//   identified         → the specialties with their nearest free times (during «Это вы?»)
//   specialties listed → the free times of each bookable specialty
//   doctors listed     → the days; days listed → the first free day's times
// The answers themselves are always worked out again from the memo at the
// patient's request, so booking rules see the session as it is then. A read
// ahead that fails, throws or is late changes nothing: the patient's request
// makes its own call. The memo is the session's: gone when it ends.
import type { Logger } from 'pino';
import type { ApiResult, SpecialtyAvailability } from '../contract';
import { inReadScope } from '../scheduler/prefetch/read-scope';
import type { ReadAheadSettings } from '../scheduler/prefetch/read-ahead-settings';
import { SessionReads, type ReadOutcome } from '../scheduler/prefetch/session-reads';
import type { BookingService } from './booking-service';

export interface ReadAheadOptions {
  readonly settings: ReadAheadSettings;
  readonly logger: Logger;
  /** Monotonic ms (tests move it). */
  readonly now?: () => number;
  /** How each of the patient's reads was answered (metrics). */
  readonly onRead?: (outcome: ReadOutcome) => void;
}

interface SessionMemo {
  readonly reads: SessionReads;
  /** Reads ahead in flight (`slots:<code>` …): a screen shown twice while they run does not start them twice. */
  readonly ahead: Set<string>;
  /** A read ahead failed: the backend is struggling, so this session reads nothing more ahead (the patient's taps still ask). */
  stopped: boolean;
  lastUsed: number;
}

/** A bridge session memo nobody used for this long is dropped even if the session was never ended by the UI. */
const IDLE_SESSION_MS = 15 * 60_000;

/** The same booking service (same answers), reading ahead of the patient. */
export function withReadAhead(booking: BookingService, options: ReadAheadOptions): BookingService {
  return createReadAhead(booking, options).booking;
}

/** `withReadAhead`, and what its memos hold (for tests and the memory bound). */
export function createReadAhead(booking: BookingService, options: ReadAheadOptions) {
  const { settings, logger } = options;
  const now = options.now ?? (() => performance.now());
  const memos = new Map<string, SessionMemo>();

  const sweeper = setInterval(() => {
    const idleSince = now() - IDLE_SESSION_MS;
    for (const [id, memo] of memos) {
      if (memo.lastUsed < idleSince) drop(id);
      else memo.reads.sweep();
    }
  }, Math.max(1000, settings.ttlMs));
  sweeper.unref();

  function open(sessionId: string): void {
    drop(sessionId);
    memos.set(sessionId, {
      reads: new SessionReads({ ttlMs: settings.ttlMs, maxEntries: settings.maxEntries, maxItems: settings.maxItems }, now, options.onRead),
      ahead: new Set(),
      stopped: false,
      lastUsed: now(),
    });
    // The least recently used sessions beyond the bound lose their memo (Map order is insertion order).
    for (const id of memos.keys()) {
      if (memos.size <= settings.maxSessions) break;
      drop(id);
    }
  }

  function drop(sessionId: string): void {
    memos.get(sessionId)?.reads.clear();
    memos.delete(sessionId);
  }

  function memoOf(sessionId: string | undefined): SessionMemo | undefined {
    const memo = sessionId === undefined ? undefined : memos.get(sessionId);
    if (memo && sessionId !== undefined) {
      memo.lastUsed = now();
      memos.delete(sessionId);
      memos.set(sessionId, memo);
    }
    return memo;
  }

  /** The patient's request, in the session's scope (its reads use the memo, its writes forget what they change). */
  function asPatient<T>(sessionId: string | undefined, work: () => Promise<T>): Promise<T> {
    const memo = memoOf(sessionId);
    return memo ? inReadScope({ reads: memo.reads, purpose: 'patient' }, work) : work();
  }

  /**
   * A read ahead: never failing, never surfacing; its answer only guides the next read ahead. While one is in
   * flight the same one is not started again (what it reads is in the memo afterwards, so a repeat costs no call).
   */
  async function ahead<T>(sessionId: string, what: string, work: () => Promise<ApiResult<T>>): Promise<T | null> {
    const memo = memos.get(sessionId);
    if (!memo || memo.stopped || memo.ahead.has(what)) return null;
    memo.ahead.add(what);
    try {
      const answer = await inReadScope({ reads: memo.reads, purpose: 'prefetch' }, work);
      if (answer.ok) return answer.value;
      // A refusal (a rule, a session that ended) says nothing about the backend; a failure does: ease off.
      if (answer.error.kind === 'unavailable') memo.stopped = true;
      logger.debug({ event: 'read-ahead-failed', what: what.split(':')[0], reason: answer.error.kind }, 'read ahead failed; the patient will ask anew');
    } catch (bug) {
      memo.stopped = true;
      logger.warn({ event: 'read-ahead-threw', what: what.split(':')[0], err: bug }, 'read ahead threw; the patient will ask anew');
    } finally {
      memo.ahead.delete(what);
    }
    return null;
  }

  /** Runs `jobs` with at most `settings.parallel` at once. */
  async function bounded(jobs: readonly (() => Promise<unknown>)[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) await jobs[next++]!();
    };
    await Promise.all(Array.from({ length: Math.min(settings.parallel, jobs.length) }, worker));
  }

  async function specialtiesAhead(sessionId: string): Promise<void> {
    const specialties = await ahead(sessionId, 'specialties', () => booking.listSpecialties(sessionId));
    if (specialties) await slotsAhead(sessionId, specialties);
  }

  async function slotsAhead(sessionId: string, specialties: readonly SpecialtyAvailability[]): Promise<void> {
    const bookable = specialties.filter((s) => s.nearestFree !== null && !s.blockedBy).slice(0, settings.specialtiesAhead);
    await bounded(bookable.map((s) => () => ahead(sessionId, `slots:${s.code}`, () => booking.listSlots(s.code, sessionId))));
  }

  async function daysAhead(sessionId: string, code: string, doctorId?: string): Promise<void> {
    const days = await ahead(sessionId, `days:${code}:${doctorId ?? ''}`, () => booking.listDays(code, sessionId, doctorId));
    if (days) await firstDayAhead(sessionId, code, days, doctorId);
  }

  async function firstDayAhead(sessionId: string, code: string, days: readonly { date: string; freeCount: number }[], doctorId?: string): Promise<void> {
    const first = days.find((d) => d.freeCount > 0);
    if (first) await ahead(sessionId, `day:${code}:${first.date}:${doctorId ?? ''}`, () => booking.listDaySlots(code, first.date, sessionId, doctorId));
  }

  const running = new Set<Promise<void>>();
  /** Starts reading ahead after the answer is back, without making the patient wait for it. */
  const later = (work: () => Promise<void>): void => {
    const run = work().finally(() => running.delete(run));
    running.add(run);
  };

  const wrapped: BookingService = {
    ...booking,
    // Every argument passes through: the birth date (a hub that identifies by it) and the card holder's name.
    async startSession(...identification) {
      const started = await booking.startSession(...identification);
      if (started.ok) {
        open(started.value.sessionId);
        later(() => specialtiesAhead(started.value.sessionId));
      }
      return started;
    },
    async endSession(sessionId, reason) {
      try {
        await asPatient(sessionId, () => booking.endSession(sessionId, reason));
      } finally {
        drop(sessionId);
      }
    },
    async listSpecialties(sessionId) {
      const answer = await asPatient(sessionId, () => booking.listSpecialties(sessionId));
      if (answer.ok && sessionId !== undefined && memos.has(sessionId)) later(() => slotsAhead(sessionId, answer.value));
      return answer;
    },
    listSlots: (code, sessionId, doctorId) => asPatient(sessionId, () => booking.listSlots(code, sessionId, doctorId)),
    async listDoctors(code, sessionId) {
      const answer = await asPatient(sessionId, () => booking.listDoctors(code, sessionId));
      if (answer.ok && sessionId !== undefined && memos.has(sessionId)) later(() => daysAhead(sessionId, code));
      return answer;
    },
    async listDays(code, sessionId, doctorId) {
      const answer = await asPatient(sessionId, () => booking.listDays(code, sessionId, doctorId));
      if (answer.ok && sessionId !== undefined && memos.has(sessionId)) later(() => firstDayAhead(sessionId, code, answer.value, doctorId));
      return answer;
    },
    listDaySlots: (code, date, sessionId, doctorId) => asPatient(sessionId, () => booking.listDaySlots(code, date, sessionId, doctorId)),
    hold: (sessionId, slotId) => asPatient(sessionId, () => booking.hold(sessionId, slotId)),
    book: (sessionId, holdId, clientKey) => asPatient(sessionId, () => booking.book(sessionId, holdId, clientKey)),
    listAppointments: (sessionId) => asPatient(sessionId, () => booking.listAppointments(sessionId)),
    cancelAppointment: (sessionId, appointmentId) => asPatient(sessionId, () => booking.cancelAppointment(sessionId, appointmentId)),
    joinWaitingList: (sessionId, request) => asPatient(sessionId, () => booking.joinWaitingList(sessionId, request)),
  };
  return {
    booking: wrapped,
    /** Resolves when no read ahead is running (tests). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.all(running);
    },
    /** Stops the sweeper (tests; on a kiosk it dies with the process). */
    close(): void {
      clearInterval(sweeper);
    },
    /** Sessions with a memo, and the reads and items they keep. */
    memoSizes() {
      const sizes = [...memos.values()].map((m) => m.reads.size);
      return { sessions: memos.size, entries: sizes.reduce((n, s) => n + s.entries, 0), items: sizes.reduce((n, s) => n + s.items, 0) };
    },
  };
}
