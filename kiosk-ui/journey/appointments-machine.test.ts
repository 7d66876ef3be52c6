// «Мои записи» (appointments-machine.ts) inside the running journey.
import { describe, expect, test } from 'vitest';
import { at, fakeBridge, start, toSpecialties, view, waitForView } from './journey-test-kit';

describe('my appointments', () => {
  test('my appointments: cancel asks first, then cancels and shows the list again', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    await toSpecialties(actor);
    actor.send({ type: 'OPEN_APPOINTMENTS' });
    await waitForView(actor, (v) => at(v, 'session.appointments'));
    actor.send({ type: 'CANCEL_APPOINTMENT', appointmentId: 'a7' });
    expect(at(view(actor), 'session.confirmCancel')).toBe(true);
    expect(bridge.calls.some((c) => c.startsWith('cancel:'))).toBe(false);
    actor.send({ type: 'CONFIRM_CANCEL' });
    await waitForView(actor, (v) => at(v, 'session.appointments'));
    expect(bridge.calls).toContain('cancel:a7');
    expect(view(actor).context.notice).toBe('cancelled');
  });
});
