// The shell (journey-machine.ts): the idle watchdog, display choices, the памятка, «Позвать волонтёра».
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PrintResult } from '../../device-bridge/contract';
import type { JourneyBridge } from './wire-bridge';
import { at, fakeBridge, ok, start, toSlots, toSpecialties, typePolicy, view, waitForView } from './journey-test-kit';

afterEach(() => {
  vi.useRealTimers();
});

describe('the session', () => {
  test('silence asks "more time?" first; a touch keeps the session, more silence ends it', async () => {
    vi.useFakeTimers();
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    typePolicy(actor, '6449');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view(actor).context.idleWarning).toBe(true);
    // A stray touch does not dismiss the question; only its answer does.
    actor.send({ type: 'ACTIVITY' });
    expect(view(actor).context.idleWarning).toBe(true);
    actor.send({ type: 'STILL_HERE' });
    expect(view(actor).context.idleWarning).toBe(false);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.policyDigits).toBe('6449');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view(actor).context.idleWarning).toBe(true);
    await vi.advanceTimersByTimeAsync(19_000);
    expect(at(view(actor), 'session.identify')).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(at(view(actor), 'attract')).toBe(true);
    expect(view(actor).context.policyDigits).toBe('');
    expect(view(actor).context.idleWarning).toBe(false);
    expect(bridge.calls).toContain('end:idle');
  });

  test('display choices last for the session only', async () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'SET_LANGUAGE', language: 'en' });
    actor.send({ type: 'START' });
    actor.send({ type: 'TOGGLE_LARGE_TEXT' });
    actor.send({ type: 'TOGGLE_HIGH_CONTRAST' });
    expect(view(actor).context).toMatchObject({ language: 'en', largeText: true, highContrast: true });
    actor.send({ type: 'HOME' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context).toMatchObject({ language: 'ru', largeText: false, highContrast: false });
  });
  test('«Начать» tapped while the last session is still being closed starts the next one, it is not lost', async () => {
    let closeSession: () => void = () => undefined;
    const bridge = fakeBridge({ endSession: () => new Promise<void>((resolve) => (closeSession = resolve)) });
    const actor = start(bridge);
    actor.send({ type: 'START' });
    actor.send({ type: 'HOME' });
    expect(at(view(actor), 'session.ending')).toBe(true);
    // The attract screen already shows; the next patient taps «Начать» before the bridge answered.
    actor.send({ type: 'START' });
    closeSession();
    await waitForView(actor, (v) => at(v, 'session.identify'));
    expect(view(actor).context.startQueued).toBe(false);
  });
});

describe('the памятка from the attract screen', () => {
  test('prints in the language on screen and says "take it" on the attract screen, keeping the language', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'SET_LANGUAGE', language: 'en' });
    actor.send({ type: 'PRINT_MEMO' });
    expect(at(view(actor), 'attract.printingMemo')).toBe(true);
    await waitForView(actor, (v) => at(v, 'attract.memoNotice'));
    expect(view(actor).context.memoResult).toEqual({ outcome: 'printed' });
    expect(view(actor).context.language).toBe('en');
    expect(bridge.calls).toContain('memo:en');
    actor.send({ type: 'DISMISS_MEMO' });
    expect(at(view(actor), 'attract.idle')).toBe(true);
    expect(view(actor).context.memoResult).toBeNull();
    expect(view(actor).context.language).toBe('en');
  });

  test('a printer without paper: the notice says it did not print, with the printer status', async () => {
    const failed: PrintResult = { outcome: 'failed', status: { state: 'paper-out' } };
    const actor = start(fakeBridge({ printMemo: async () => ok(failed) }));
    actor.send({ type: 'PRINT_MEMO' });
    await waitForView(actor, (v) => at(v, 'attract.memoNotice'));
    expect(view(actor).context.memoResult).toEqual(failed);
  });

  test('a refusal or a dead bridge reads as "did not print", never as printed', async () => {
    const refused = start(fakeBridge({ printMemo: async () => ({ ok: false, error: { kind: 'memo-disabled' } }) }));
    refused.send({ type: 'PRINT_MEMO' });
    await waitForView(refused, (v) => at(v, 'attract.memoNotice'));
    expect(view(refused).context.memoResult).toEqual({ outcome: 'failed', status: { state: 'unknown', reason: 'memo-disabled' } });

    const broken = start(fakeBridge({ printMemo: () => Promise.reject(new Error('boom')) }));
    broken.send({ type: 'PRINT_MEMO' });
    await waitForView(broken, (v) => at(v, 'attract.memoNotice'));
    expect(view(broken).context.memoResult?.outcome).toBe('failed');
  });

  test('the notice goes away by itself, and "start" from it begins a session without it', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge());
    actor.send({ type: 'PRINT_MEMO' });
    await vi.advanceTimersByTimeAsync(0);
    expect(at(view(actor), 'attract.memoNotice')).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(at(view(actor), 'attract.idle')).toBe(true);
    expect(view(actor).context.memoResult).toBeNull();

    actor.send({ type: 'PRINT_MEMO' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'START' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.memoResult).toBeNull();
  });
});

describe('«Позвать волонтёра»', () => {
  async function toFailed(bridge: ReturnType<typeof fakeBridge>) {
    const actor = start(bridge);
    await toSpecialties(actor);
    actor.send({ type: 'OPEN_APPOINTMENTS' });
    await waitForView(actor, (v) => at(v, 'session.failed'));
    return actor;
  }
  const downBridge = (overrides: Partial<JourneyBridge> = {}) =>
    fakeBridge({ listAppointments: async () => ({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }), ...overrides });

  test('on a dead end: the dialog opens over the same screen, the bridge hears the screen name only, closing returns there', async () => {
    const bridge = downBridge();
    const actor = await toFailed(bridge);
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'failed' });
    expect(view(actor).context.assistanceScreen).toBe('failed');
    expect(at(view(actor), 'session.failed')).toBe(true);
    await vi.waitFor(() => expect(bridge.calls).toContain('assistance:failed'));
    // A second press while help is on its way does not call again.
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'failed' });
    expect(bridge.calls.filter((c) => c.startsWith('assistance:'))).toHaveLength(1);
    actor.send({ type: 'CLOSE_ASSISTANCE' });
    expect(view(actor).context.assistanceScreen).toBeNull();
    expect(at(view(actor), 'session.failed')).toBe(true);
    expect(view(actor).context.patient?.displayName).toBe('Иванова Т. А.');
  });

  test('a bridge that cannot take the call does not break the session', async () => {
    const refused = Promise.reject(new Error('bridge down'));
    refused.catch(() => undefined);
    const actor = await toFailed(downBridge({ callAssistance: () => refused }));
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'failed' });
    // The refusal has been handled once the event loop has drained its promise jobs (no wall-clock wait).
    await new Promise((resolve) => setImmediate(resolve));
    expect(actor.getSnapshot().status).toBe('active');
    expect(at(view(actor), 'session.failed')).toBe(true);
    expect(view(actor).context.assistanceScreen).toBe('failed');
  });

  test('an idle reset clears the call with the patient', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    typePolicy(actor, '6449');
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'identify' });
    await vi.advanceTimersByTimeAsync(80_000);
    expect(at(view(actor), 'attract')).toBe(true);
    expect(view(actor).context).toMatchObject({ assistanceScreen: null, policyDigits: '' });
  });

  test('a call from the attract screen closes by itself after the idle time and its countdown, not before', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge());
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'attract' });
    await vi.advanceTimersByTimeAsync(79_000);
    expect(view(actor).context.assistanceScreen).toBe('attract');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view(actor).context.assistanceScreen).toBeNull();
  });

  test('a call closed on the attract screen does not close the next one early', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge());
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'attract' });
    await vi.advanceTimersByTimeAsync(30_000);
    actor.send({ type: 'CLOSE_ASSISTANCE' });
    actor.send({ type: 'START' });
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'identify' });
    // The attract call's timer was cancelled; the session's own idle reset (80 s) is what ends this one.
    await vi.advanceTimersByTimeAsync(55_000);
    expect(view(actor).context.assistanceScreen).toBe('identify');
  });

  test('on the done screen (ticket printed, help asked from «Помощь») a call holds the return to the start; closing the dialog counts again', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge({ printTicket: async () => ok<PrintResult>({ outcome: 'printed' }) }));
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'CONFIRM' });
    await vi.advanceTimersByTimeAsync(0);
    expect(at(view(actor), 'session.done')).toBe(true);
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'done' });
    await vi.advanceTimersByTimeAsync(16_000);
    expect(at(view(actor), 'session.done')).toBe(true);
    actor.send({ type: 'CLOSE_ASSISTANCE' });
    await vi.advanceTimersByTimeAsync(14_000);
    expect(at(view(actor), 'session.done')).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(at(view(actor), 'attract')).toBe(true);
  });

  test('service mode is for clinic IT: no volunteer call from there', () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'SERVICE_GESTURE' });
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'serviceLogin' });
    expect(view(actor).context.assistanceScreen).toBeNull();
  });
});
