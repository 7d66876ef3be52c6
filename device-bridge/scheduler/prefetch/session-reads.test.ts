// The session memo on a clock the test moves, with backend answers the test
// releases by hand: what is kept, for how long, what is shared, what a write
// forgets, and how much it may hold.
import { describe, expect, test } from 'vitest';
import { err, ok, type Result } from '../../contract/result';
import type { SchedulerError } from '../scheduler-port';
import { SessionReads, type ReadOutcome, type ReadPurpose, type ReadRequest, type SessionReadLimits } from './session-reads';

type Outcome = Result<string[], SchedulerError>;

/** A backend whose answers come when the test says, counting its calls. */
function backend() {
  const pending: ((answer: Outcome) => void)[] = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load: (): Promise<Outcome> => {
      calls++;
      return new Promise((resolve) => pending.push(resolve));
    },
    answer(answer: Outcome) {
      const next = pending.shift();
      if (!next) throw new Error('no call waiting');
      next(answer);
    },
  };
}

function memo(limits: Partial<SessionReadLimits> = {}) {
  const clock = { ms: 0 };
  const outcomes: ReadOutcome[] = [];
  const reads = new SessionReads({ ttlMs: 60_000, maxEntries: 8, maxItems: 100, ...limits }, () => clock.ms, (o) => outcomes.push(o));
  return { reads, clock, outcomes };
}

/** Free times from `from` on: an earlier window's answer serves, less what has passed. */
function slotsRead(load: () => Promise<Outcome>, from = '2026-11-23T10:00', purpose: ReadPurpose = 'patient', key = 'surgeon'): ReadRequest<string[]> {
  return {
    operation: 'listFreeSlots',
    kind: 'slots',
    key,
    from,
    purpose,
    load,
    derive: (slots) => slots.filter((s) => s >= from),
    size: (slots) => slots.length,
  };
}

const TIMES = ['2026-11-23T10:30', '2026-11-23T11:00', '2026-11-24T09:00'];

describe('a session memo of backend reads', () => {
  test('an answer serves again until the staleness bound, then the backend is asked anew', async () => {
    const { reads, clock, outcomes } = memo();
    const b = backend();
    const first = reads.read(slotsRead(b.load));
    b.answer(ok(TIMES));
    expect(await first).toEqual(ok(TIMES));

    clock.ms = 59_000;
    expect(await reads.read(slotsRead(b.load))).toEqual(ok(TIMES));
    expect(b.calls).toBe(1);

    clock.ms = 61_000;
    const fresh = reads.read(slotsRead(b.load));
    b.answer(ok(TIMES.slice(1)));
    expect(await fresh).toEqual(ok(TIMES.slice(1)));
    expect(b.calls).toBe(2);
    expect(outcomes).toEqual(['miss', 'hit', 'miss']);
  });

  test('reads of the same thing at the same time share one backend call', async () => {
    const { reads, outcomes } = memo();
    const b = backend();
    const ahead = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'prefetch'));
    const tap = reads.read(slotsRead(b.load));
    b.answer(ok(TIMES));
    expect(await ahead).toEqual(ok(TIMES));
    expect(await tap).toEqual(ok(TIMES));
    expect(b.calls).toBe(1);
    expect(outcomes).toEqual(['shared']);
  });

  test('a later window is answered from an earlier one without the times that have passed', async () => {
    const { reads } = memo();
    const b = backend();
    const first = reads.read(slotsRead(b.load, '2026-11-23T10:00'));
    b.answer(ok(TIMES));
    await first;
    expect(await reads.read(slotsRead(b.load, '2026-11-23T10:31'))).toEqual(ok(TIMES.slice(1)));
    expect(b.calls).toBe(1);
  });

  test('a failed read ahead is not the patient’s answer: the patient’s own call is made; a failure is never kept', async () => {
    const { reads } = memo();
    const b = backend();
    const ahead = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'prefetch'));
    const tap = reads.read(slotsRead(b.load));
    b.answer(err({ kind: 'unavailable', cause: 'timeout' }));
    expect(await ahead).toEqual(err({ kind: 'unavailable', cause: 'timeout' }));
    await Promise.resolve();
    b.answer(ok(TIMES));
    expect(await tap).toEqual(ok(TIMES));
    expect(b.calls).toBe(2);
    expect(reads.size.entries).toBe(1);
  });

  test('a read ahead that throws is not the patient’s either', async () => {
    const { reads } = memo();
    const b = backend();
    const ahead = reads.read(slotsRead(() => Promise.reject(new Error('bug in an adapter')), '2026-11-23T10:00', 'prefetch'));
    const tap = reads.read(slotsRead(b.load));
    await expect(ahead).rejects.toThrow('bug in an adapter');
    await Promise.resolve();
    b.answer(ok(TIMES));
    expect(await tap).toEqual(ok(TIMES));
  });

  test('a hold forgets the free slots (also those in flight) but not the appointments; a booking forgets both', async () => {
    const { reads } = memo();
    const b = backend();
    const appointmentsRead: ReadRequest<string[]> = { ...slotsRead(b.load), kind: 'appointments', key: 'mine' };
    const slots = reads.read(slotsRead(b.load));
    b.answer(ok(TIMES));
    await slots;
    const appointments = reads.read(appointmentsRead);
    b.answer(ok(['2026-11-30T09:00']));
    await appointments;
    const inFlight = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'prefetch', 'gp'));

    reads.invalidate('slots');
    b.answer(ok(TIMES));
    await inFlight;
    expect(reads.size.entries).toBe(1);
    expect(await reads.read(appointmentsRead)).toEqual(ok(['2026-11-30T09:00']));
    expect(b.calls).toBe(3);

    reads.invalidate('all');
    expect(reads.size.entries).toBe(0);
  });

  test('memory is bounded: so many reads, so many items, an oversized answer not kept at all', async () => {
    const { reads } = memo({ maxEntries: 3, maxItems: 7 });
    const b = backend();
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const read = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'patient', key));
      b.answer(ok(TIMES.slice(0, 2)));
      await read;
      await Promise.resolve();
    }
    expect(reads.size).toEqual({ entries: 3, items: 6 });

    const big = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'patient', 'big'));
    b.answer(ok(Array.from({ length: 8 }, (_, i) => `2026-11-25T${String(8 + i).padStart(2, '0')}:00`)));
    expect((await big).ok).toBe(true);
    await Promise.resolve();
    expect(reads.size.items).toBeLessThanOrEqual(7);
    expect(reads.size.entries).toBeLessThanOrEqual(3);
    const again = reads.read(slotsRead(b.load, '2026-11-23T10:00', 'patient', 'big'));
    b.answer(ok([]));
    await again;
    expect(b.calls).toBe(7);

    reads.clear();
    expect(reads.size).toEqual({ entries: 0, items: 0 });
  });
});
