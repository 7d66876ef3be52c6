// «Отметиться о приходе» (check-in-machine.ts) inside the running journey.
import { describe, expect, test, vi } from 'vitest';
import { at, CHECK_IN_APPOINTMENT, CHECK_IN_CODE, fakeBridge, start, typePolicy, view, waitForView } from './journey-test-kit';

describe('check-in on arrival', () => {
  test('from the attract screen: identify on the keypad, «Это вы?», and the arrival is recorded without another tap', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'START_CHECK_IN' });
    await waitForView(actor, (v) => at(v, 'session.identify'));
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(bridge.calls.some((c) => c.startsWith('checkIn:'))).toBe(false);
    actor.send({ type: 'CONFIRM_IDENTITY' });
    const done = await waitForView(actor, (v) => at(v, 'session.checkedIn'));
    expect(bridge.calls).toContain('checkIn:session:s1');
    expect(done.context.checkIn).toEqual({ outcome: 'arrived', already: false, slip: 'printed', appointment: CHECK_IN_APPOINTMENT });
    actor.send({ type: 'FINISH' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context.checkIn).toBeNull();
    expect(bridge.calls).toContain('end:done');
  });

  test('a ticket QR scanned on the attract screen checks in by its code alone', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'TICKET_SCANNED', code: CHECK_IN_CODE });
    const done = await waitForView(actor, (v) => at(v, 'session.checkedIn'));
    expect(bridge.calls).toContain('checkIn:ticket:-');
    expect(done.context.checkIn).toMatchObject({ outcome: 'arrived' });
    expect(done.context.patient).toBeNull();
  });

  test('a forged ticket is told plainly, and the kiosk goes back to the start by itself after the done time', async () => {
    vi.useFakeTimers();
    try {
      const bridge = fakeBridge();
      const actor = start(bridge);
      actor.send({ type: 'TICKET_SCANNED', code: '73000010111213141516171819202122232425' });
      await vi.advanceTimersByTimeAsync(0);
      expect(at(view(actor), 'session.checkedIn')).toBe(true);
      expect(view(actor).context.checkIn).toEqual({ outcome: 'ticket-refused', reason: 'ticket-forged' });
      await vi.advanceTimersByTimeAsync(14_000);
      expect(at(view(actor), 'session.checkedIn')).toBe(true);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(at(view(actor), 'attract')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  test('the scheduler down: the dead end that offers a volunteer', async () => {
    const bridge = fakeBridge({ checkIn: async () => ({ ok: false, error: { kind: 'unavailable', cause: 'down' } }) });
    const actor = start(bridge);
    actor.send({ type: 'TICKET_SCANNED', code: CHECK_IN_CODE });
    const failed = await waitForView(actor, (v) => at(v, 'session.failed'));
    expect(failed.context.failure).toBe('scheduler-unavailable');
  });
});
