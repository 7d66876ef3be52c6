// The resilience wrapper against a scheduler we control completely: one that
// hangs, fails, or answers, call by call. Deadlines and cooldowns run on the
// kiosk's clock (test-support/kiosk-clock.ts), moved by the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { err, ok, type Result } from '../../contract/result';
import type { ClinicDirectory, Scheduler, SchedulerError, SchedulerStatus } from '../scheduler-port';
import { stopTheClock, track } from '../test-support/kiosk-clock';
import { ResilientScheduler, type ResilienceSettings } from './resilient-scheduler';

type Behaviour = 'ok' | 'down' | 'hang';

const DIRECTORY: ClinicDirectory = { specialties: [{ code: 'surgeon', name: 'Хирург' }], doctors: [] };
const PATIENT = { id: '1', policyNumber: '6449020886006380', surname: 'Иванова', givenName: 'Татьяна', patronymic: '', birthDate: '1979-10-13', sex: 'female' as const };
const never = <T>() => new Promise<T>(() => undefined);

/** Answers by `behaviour`; counts every call per method. */
function fakeScheduler() {
  const calls: Record<string, number> = {};
  const state = { behaviour: 'ok' as Behaviour, directoryVersion: 1 };
  const answer = async <T>(method: string, value: () => T): Promise<Result<T, SchedulerError>> => {
    calls[method] = (calls[method] ?? 0) + 1;
    if (state.behaviour === 'hang') return never();
    if (state.behaviour === 'down') return err({ kind: 'unavailable', cause: 'ECONNREFUSED' });
    return ok(value());
  };
  const scheduler: Scheduler = {
    findPatientByPolicy: () => answer('findPatientByPolicy', () => PATIENT),
    listDirectory: () => answer('listDirectory', () => ({ ...DIRECTORY, specialties: [{ code: 'surgeon', name: `Хирург v${state.directoryVersion}` }] })),
    listFreeSlots: () => answer('listFreeSlots', () => []),
    countFreeSlots: () => answer('countFreeSlots', () => []),
    firstFreeSlot: () => answer('firstFreeSlot', () => null),
    holdSlot: () => answer('holdSlot', () => ({ id: 'h', slot: undefined as never, expiresAt: '' })),
    confirmHold: () => answer('confirmHold', () => undefined as never),
    bookingByClientKey: () => answer('bookingByClientKey', () => null),
    releaseHold: () => answer('releaseHold', () => undefined),
    cancelAppointment: () => answer('cancelAppointment', () => undefined as never),
    checkIn: () => answer('checkIn', () => undefined as never),
    findAppointmentByNumber: () => answer('findAppointmentByNumber', () => null),
    listAppointments: () => answer('listAppointments', () => []),
    joinWaitingList: () => answer('joinWaitingList', () => undefined as never),
    async status(): Promise<SchedulerStatus> {
      calls.status = (calls.status ?? 0) + 1;
      if (state.behaviour === 'hang') return never();
      return state.behaviour === 'down' ? { state: 'unavailable', adapter: 'fake', cause: 'ECONNREFUSED' } : { state: 'ready', adapter: 'fake' };
    },
    close: () => undefined,
  };
  return { scheduler, calls, state };
}

const open: ResilientScheduler[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  vi.useRealTimers();
});

function wrap(settings: Partial<ResilienceSettings> = {}, clock?: { ms: number }) {
  const fake = fakeScheduler();
  const wrapped = new ResilientScheduler(fake.scheduler, { settings: { timeoutMs: 200, cooldownMs: 60_000, ...settings }, ...(clock ? { monotonicNow: () => clock.ms } : {}) });
  open.push(wrapped);
  return { ...fake, wrapped };
}

describe('the resilient scheduler', () => {
  it('answers "unavailable" when the backend does not answer in time, instead of hanging', async () => {
    stopTheClock({ monotonic: true });
    const { wrapped, state, calls } = wrap({ timeoutMs: 150 });
    state.behaviour = 'hang';
    const answer = track(wrapped.findPatientByPolicy('6449020886006380'));
    await vi.advanceTimersByTimeAsync(149);
    expect(answer.settled).toBe(false); // the backend still has its time
    await vi.advanceTimersByTimeAsync(1);
    expect(answer.value).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'timeout: no answer within 150 ms' } });
    expect(calls.findPatientByPolicy).toBe(1); // the whole budget went to one try: no retry after it
  });

  it('retries reads and idempotent writes once, never a hold', async () => {
    const { wrapped, state, calls } = wrap({ timeoutMs: 2000, failureThreshold: 100 });
    state.behaviour = 'down';
    await wrapped.findPatientByPolicy('x');
    await wrapped.confirmHold('h', 'key');
    await wrapped.cancelAppointment('a', 'p');
    await wrapped.holdSlot('s', 'p', 300);
    expect(calls).toMatchObject({ findPatientByPolicy: 2, confirmHold: 2, cancelAppointment: 2, holdSlot: 1 });
  });

  it('opens the circuit after a run of failures and then answers without calling the backend', async () => {
    const { wrapped, state, calls } = wrap({ failureThreshold: 3, timeoutMs: 100 });
    state.behaviour = 'down';
    for (let i = 0; i < 2; i++) await wrapped.holdSlot('s', 'p', 300);
    expect(wrapped.circuit.state).toBe('closed');
    await wrapped.holdSlot('s', 'p', 300);
    expect(wrapped.circuit.state).toBe('open');
    const before = calls.holdSlot;
    expect(await wrapped.holdSlot('s', 'p', 300)).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'circuit open: ECONNREFUSED' } });
    expect(calls.holdSlot).toBe(before);
    expect(await wrapped.status()).toMatchObject({ state: 'unavailable', cause: 'circuit open: ECONNREFUSED' });
  });

  it('a success in between resets the count: only failures in a row open it', async () => {
    const { wrapped, state } = wrap({ failureThreshold: 3 });
    for (let i = 0; i < 5; i++) {
      state.behaviour = 'down';
      await wrapped.holdSlot('s', 'p', 300);
      await wrapped.holdSlot('s', 'p', 300);
      state.behaviour = 'ok';
      await wrapped.holdSlot('s', 'p', 300);
    }
    expect(wrapped.circuit.state).toBe('closed');
  });

  it('probes the backend by itself after the cooldown and closes the circuit when it is back', async () => {
    stopTheClock({ monotonic: true });
    const { wrapped, state, calls } = wrap({ failureThreshold: 1, cooldownMs: 50 });
    state.behaviour = 'down';
    await wrapped.holdSlot('s', 'p', 300);
    expect(wrapped.circuit.state).toBe('open');
    state.behaviour = 'ok';
    const probes = calls.status ?? 0;
    await vi.advanceTimersByTimeAsync(50); // the cooldown is over: the bridge probes by itself, no patient needed
    expect(calls.status).toBe(probes + 1);
    expect(wrapped.circuit.state).toBe('closed');
    expect((await wrapped.findPatientByPolicy('x')).ok).toBe(true);
  });

  it('lets one probe through after the cooldown; a failed probe opens the circuit again', async () => {
    const clock = { ms: 0 };
    const { wrapped, state, calls } = wrap({ failureThreshold: 1, cooldownMs: 60_000 }, clock);
    state.behaviour = 'down';
    await wrapped.holdSlot('s', 'p', 300);
    clock.ms += 60_000;
    const probe = wrapped.holdSlot('s', 'p', 300); // half-open: this one goes through
    expect(await wrapped.holdSlot('s', 'p', 300)).toMatchObject({ error: { cause: expect.stringMatching(/^circuit open/) } });
    await probe;
    expect(calls.holdSlot).toBe(2);
    expect(wrapped.circuit.state).toBe('open');
  });

  it('serves reference data from its cache, refreshes it in the background, and stops at the staleness bound', async () => {
    const clock = { ms: 0 };
    const { wrapped, state, calls } = wrap({ directoryRefreshMs: 1000, directoryMaxStaleMs: 10_000, failureThreshold: 100 }, clock);
    const first = await wrapped.listDirectory();
    expect(first.ok && first.value.specialties[0]?.name).toBe('Хирург v1');
    const fetched = calls.listDirectory ?? 0;

    state.directoryVersion = 2;
    clock.ms = 500; // fresh: no call at all
    expect(await wrapped.listDirectory()).toEqual(first);
    expect(calls.listDirectory).toBe(fetched);

    clock.ms = 2000; // stale: the cached copy now, the new one fetched meanwhile
    expect(await wrapped.listDirectory()).toEqual(first);
    await expect.poll(async () => {
      const r = await wrapped.listDirectory();
      return r.ok && r.value.specialties[0]?.name;
    }).toBe('Хирург v2');

    state.behaviour = 'down';
    clock.ms = 9000; // backend down, still within the bound: the cached copy
    expect((await wrapped.listDirectory()).ok).toBe(true);
    clock.ms = 20_000; // beyond the bound: not served
    expect(await wrapped.listDirectory()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('an exception from the adapter is a bug: it is thrown, not turned into "unavailable"', async () => {
    const fake = fakeScheduler();
    const wrapped = new ResilientScheduler({ ...fake.scheduler, confirmHold: () => Promise.reject(new Error('clientKey reused')) });
    open.push(wrapped);
    await expect(wrapped.confirmHold('h', 'k')).rejects.toThrow('clientKey reused');
    expect(wrapped.circuit.state).toBe('closed');
  });
});
