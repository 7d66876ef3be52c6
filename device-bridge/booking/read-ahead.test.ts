// Reading ahead of the patient, over the embedded demo clinic on disk (its
// clock stands still at Monday 10:00), with every backend call counted: what
// the patient's taps still wait for, what a slot taken meanwhile does, that a
// failed read ahead is invisible, and that nothing stays after the session.
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { err, type Result } from '../contract/result';
import { countBackendCalls, type CallPurpose } from '../metrics/backend-calls';
import { closeAll, IVANOVA, setup, SMIRNOV, value } from '../scheduler/embedded/test-support/embedded-fixture';
import { PrefetchingScheduler } from '../scheduler/prefetch/prefetching-scheduler';
import { ResilientScheduler } from '../scheduler/resilience/resilient-scheduler';
import { DEFAULT_READ_AHEAD } from '../scheduler/prefetch/read-ahead-settings';
import { currentReadScope } from '../scheduler/prefetch/read-scope';
import type { Scheduler, SchedulerError } from '../scheduler/scheduler-port';
import { createBookingService } from './booking-service';
import { createReadAhead } from './read-ahead';

const silent = pino({ level: 'silent' });
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
  closeAll();
});

/** Answers reads made ahead of the patient with a failure (or an exception); the patient's own calls go through. */
function failingAhead(inner: Scheduler, how: 'fail' | 'throw'): Scheduler {
  const reads = new Set(['listFreeSlots', 'firstFreeSlot', 'countFreeSlots', 'listAppointments']);
  return new Proxy(inner, {
    get(target, property) {
      const method = Reflect.get(target, property, target) as unknown;
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        if (reads.has(String(property)) && currentReadScope()?.purpose === 'prefetch') {
          if (how === 'throw') return Promise.reject(new Error('adapter bug'));
          return Promise.resolve(err<SchedulerError>({ kind: 'unavailable', cause: 'timeout: no answer within 3000 ms' }));
        }
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function kiosk(options: { failAhead?: 'fail' | 'throw'; maxSessions?: number; askBirthDate?: boolean } = {}) {
  const { clock, openOne } = setup();
  const embedded = openOne({ holdOwner: 'kiosk-1' });
  const calls: { operation: string; purpose: CallPurpose }[] = [];
  const backend = options.failAhead ? failingAhead(embedded, options.failAhead) : embedded;
  // As the bridge builds it (scheduler/open-scheduler.ts): counted calls → resilience (caches the directory) → session memo.
  const counted = countBackendCalls(backend, (operation, purpose) => calls.push({ operation, purpose }));
  const scheduler = new PrefetchingScheduler(new ResilientScheduler(counted, { logger: silent }));
  closers.push(() => scheduler.close());
  const service = createBookingService({
    scheduler,
    clinic: { name: 'Поликлиника', address: 'Адрес', phone: '+7', timeZone: 'Europe/Moscow' },
    kioskId: 'kiosk-1',
    horizonDays: 14,
    holdSeconds: 300,
    sessionTtlMs: 15 * 60_000,
    logger: silent,
    now: () => new Date(clock.ms),
    ...(options.askBirthDate ? { askBirthDate: () => true } : {}),
  });
  const monotonic = { ms: 0 };
  const readAhead = createReadAhead(service, {
    settings: { ...DEFAULT_READ_AHEAD, maxSessions: options.maxSessions ?? DEFAULT_READ_AHEAD.maxSessions },
    logger: silent,
    now: () => monotonic.ms,
  });
  closers.push(() => readAhead.close());
  /** The backend calls the patient's own taps made since the last look. */
  const patientCalls = () => calls.splice(0).filter((c) => c.purpose === 'patient').map((c) => c.operation);
  /** Another kiosk of the same clinic, reading the same database. */
  const other = () => openOne({ holdOwner: 'kiosk-2' });
  return { ...readAhead, service, calls, patientCalls, other };
}

const ok = <T>(r: Result<T, unknown>): T => value(r as Result<T, SchedulerError>);

describe('reading ahead of the patient', () => {
  test('identification passes through whole: a kiosk that asks for the birth date gets it, and a wrong one is refused', async () => {
    const k = kiosk({ askBirthDate: true });
    expect(ok(await k.booking.startSession(IVANOVA, 'keypad', '1979-10-13')).patient.displayName).toBe('Иванова Т. А.');
    expect(await k.booking.startSession(IVANOVA, 'keypad', '1979-10-14')).toMatchObject({ ok: false, error: { kind: 'patient-not-found' } });
    expect(await k.booking.startSession(IVANOVA, 'keypad')).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'birthDate' } });
  });

  test('after identification, the specialties and each bookable specialty’s free times answer the taps without a backend call, as they would without reading ahead', async () => {
    const k = kiosk();
    const { sessionId } = ok(await k.booking.startSession(IVANOVA, 'keypad'));
    await k.settled();
    expect(k.calls.filter((c) => c.purpose === 'prefetch').map((c) => c.operation)).toContain('listFreeSlots');
    k.patientCalls();

    const specialties = ok(await k.booking.listSpecialties(sessionId));
    const surgeon = specialties.find((s) => s.code === 'surgeon');
    expect(surgeon?.nearestFree).not.toBeNull();
    const times = ok(await k.booking.listSlots('surgeon', sessionId));
    expect(k.patientCalls()).toEqual([]);

    // The same answers the booking service gives straight from the backend.
    expect(ok(await k.service.listSpecialties(sessionId))).toEqual(specialties);
    expect(ok(await k.service.listSlots('surgeon', sessionId))).toEqual(times);
  });

  test('taking a time waits for the hold only, and the booking waits for the backend once', async () => {
    const k = kiosk();
    const { sessionId } = ok(await k.booking.startSession(IVANOVA, 'keypad'));
    await k.settled();
    const [first] = ok(await k.booking.listSlots('surgeon', sessionId));
    k.patientCalls();

    const hold = ok(await k.booking.hold(sessionId, first!.id));
    expect(k.patientCalls()).toEqual(['holdSlot']);
    const booked = ok(await k.booking.book(sessionId, hold.holdId, 'key-1'));
    expect(booked.slot.id).toBe(first!.id);
    expect(k.patientCalls()).toEqual(['confirmHold']);
  });

  test('a time taken by another patient after it was read ahead is refused at the hold as taken, and the times shown next no longer offer it', async () => {
    const k = kiosk();
    const { sessionId } = ok(await k.booking.startSession(IVANOVA, 'keypad'));
    await k.settled();
    const [wanted] = ok(await k.booking.listSlots('ophthalmologist', sessionId));

    const elsewhere = k.other();
    const smirnov = ok(await elsewhere.findPatientByPolicy(SMIRNOV));
    const theirs = ok(await elsewhere.holdSlot(wanted!.id, smirnov.id, 300));
    ok(await elsewhere.confirmHold(theirs.id, 'call-centre-1'));

    expect(await k.booking.hold(sessionId, wanted!.id)).toEqual({ ok: false, error: { kind: 'slot-taken' } });
    const shownNext = ok(await k.booking.listSlots('ophthalmologist', sessionId));
    expect(shownNext.length).toBeGreaterThan(0);
    expect(shownNext.map((s) => s.id)).not.toContain(wanted!.id);
  });

  test.each([['fails', 'fail'], ['throws', 'throw']] as const)('a read ahead that %s never reaches the patient: the patient’s own calls are made and answer', async (_, how) => {
    const k = kiosk({ failAhead: how });
    const { sessionId } = ok(await k.booking.startSession(IVANOVA, 'keypad'));
    await k.settled();
    // A backend that fails is not pressed further: no free times were read ahead after the specialties failed.
    expect(k.calls.filter((c) => c.purpose === 'prefetch').map((c) => c.operation)).not.toContain('listFreeSlots');
    k.patientCalls();

    const specialties = ok(await k.booking.listSpecialties(sessionId));
    expect(specialties.find((s) => s.code === 'surgeon')?.nearestFree).not.toBeNull();
    expect(ok(await k.booking.listSlots('surgeon', sessionId)).length).toBeGreaterThan(0);
    expect(k.patientCalls()).toContain('listFreeSlots');
  });

  test('the session’s memo is gone when the session ends; beyond the bound, the least recently used session’s goes', async () => {
    const k = kiosk({ maxSessions: 1 });
    const { sessionId } = ok(await k.booking.startSession(IVANOVA, 'keypad'));
    await k.settled();
    expect(k.memoSizes().entries).toBeGreaterThan(0);
    await k.booking.endSession(sessionId, 'done');
    expect(k.memoSizes()).toEqual({ sessions: 0, entries: 0, items: 0 });

    ok(await k.booking.startSession(IVANOVA, 'keypad'));
    ok(await k.booking.startSession(SMIRNOV, 'keypad'));
    await k.settled();
    expect(k.memoSizes().sessions).toBe(1);
  });
});
