// Booking (booking-machine.ts) inside the running journey: from the specialties to the printed ticket.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SpecialtyAvailability } from '../../device-bridge/contract';
import { at, fakeBridge, ok, POLICY, start, toSlots, toSpecialties, typePolicy, view, waitForView } from './journey-test-kit';

afterEach(() => {
  vi.useRealTimers();
});

describe('booking', () => {
  test('attract → policy → specialty → slot → review → printing → done → attract, forgetting the patient', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    typePolicy(actor);
    expect(view(actor).context.policyDigits).toBe(POLICY);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    // The number left the UI's memory as soon as the bridge identified the patient.
    expect(view(actor).context.policyDigits).toBe('');
    expect(view(actor).context.patient?.displayName).toBe('Иванова Т. А.');
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));

    actor.send({ type: 'PICK_SPECIALTY', code: 'ophthalmologist' });
    await waitForView(actor, (v) => at(v, 'session.slot'));
    expect(view(actor).context.selectedDay).toBe('2026-11-24');

    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.review'));
    actor.send({ type: 'CONFIRM' });
    await waitForView(actor, (v) => at(v, 'session.done'));
    expect(view(actor).context.printResult).toEqual({ outcome: 'printed' });
    expect(view(actor).context.booked?.bookingNumber).toBe('A-2411-0001');

    actor.send({ type: 'FINISH' });
    await waitForView(actor, (v) => at(v, 'attract'));
    const context = view(actor).context;
    expect(context.patient).toBeNull();
    expect(context.sessionId).toBeNull();
    expect(context.booked).toBeNull();
    expect(JSON.stringify(context)).not.toContain('Иванова');
    expect(bridge.calls).toContain('end:done');
  });

  test('a slot taken meanwhile sends the patient back to the times of the same day', async () => {
    const actor = start(fakeBridge({ hold: async () => ({ ok: false, error: { kind: 'slot-taken' } }) }));
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.slot') && v.context.notice === 'slot-taken');
    expect(view(actor).context.selectedDay).toBe('2026-11-24');
  });

  test('a slot found taken only at confirm (a hub keeps no hold) sends the patient back to freshly asked times, with the same kind notice', async () => {
    let listed = 0;
    const bridge = fakeBridge({ book: async () => ({ ok: false, error: { kind: 'slot-taken' } }) });
    const listSlots = bridge.listSlots.bind(bridge);
    const actor = start({ ...bridge, listSlots: (...args) => (listed++, listSlots(...args)) });
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.review'));
    actor.send({ type: 'CONFIRM' });
    await waitForView(actor, (v) => at(v, 'session.slot') && v.context.notice === 'slot-taken');
    expect(listed).toBe(2);
    expect(view(actor).context.booked).toBeNull();
  });

  test('a failed print never reads as printed', async () => {
    const actor = start(fakeBridge({ printTicket: async () => ({ ok: true, value: { outcome: 'failed', status: { state: 'paper-out' } } }) }));
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.review'));
    actor.send({ type: 'CONFIRM' });
    await waitForView(actor, (v) => at(v, 'session.done'));
    expect(view(actor).context.printResult?.outcome).toBe('failed');
  });

  test('the scheduler being down is a dead end with a way back, not a crash', async () => {
    const actor = start(fakeBridge({ listSpecialties: async () => ({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }) }));
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await waitForView(actor, (v) => at(v, 'session.failed'));
    expect(view(actor).context.failure).toBe('scheduler-unavailable');
    actor.send({ type: 'RETRY' });
    await waitForView(actor, (v) => at(v, 'attract'));
  });

  test('"book another specialist" keeps the patient and starts a new booking', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.review'));
    actor.send({ type: 'CONFIRM' });
    await waitForView(actor, (v) => at(v, 'session.done'));
    actor.send({ type: 'BOOK_ANOTHER' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));
    expect(view(actor).context.patient?.displayName).toBe('Иванова Т. А.');
    expect(view(actor).context.booked).toBeNull();
    expect(bridge.calls).not.toContain('endSession');
  });

  test('the done screen returns to attract by itself', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'PICK_SPECIALTY', code: 'ophthalmologist' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'CONFIRM' });
    await vi.advanceTimersByTimeAsync(0);
    expect(at(view(actor), 'session.done')).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(at(view(actor), 'attract')).toBe(true);
  });

  test('a ticket that did not print stays on the done screen (no return after doneSeconds); «Напечатать ещё раз» prints it', async () => {
    vi.useFakeTimers();
    let paper = false;
    const prints: string[] = [];
    const actor = start(
      fakeBridge({
        printTicket: async (_s, appointmentId) => {
          prints.push(appointmentId);
          return ok(paper ? { outcome: 'printed' } : { outcome: 'failed', status: { state: 'paper-out' } });
        },
      }),
    );
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'PICK_SPECIALTY', code: 'ophthalmologist' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'CONFIRM' });
    await vi.advanceTimersByTimeAsync(0);
    expect(view(actor).context.printResult?.outcome).toBe('failed');
    await vi.advanceTimersByTimeAsync(16_000);
    expect(at(view(actor), 'session.done')).toBe(true);
    // The shell's idle question comes instead of a silent return.
    await vi.advanceTimersByTimeAsync(45_000);
    expect(view(actor).context.idleWarning).toBe(true);
    actor.send({ type: 'STILL_HERE' });

    paper = true;
    actor.send({ type: 'PRINT_AGAIN' });
    await vi.advanceTimersByTimeAsync(0);
    expect(prints).toEqual(['a1', 'a1']);
    expect(view(actor).context.printResult).toEqual({ outcome: 'printed' });
    // Printed: «Напечатать ещё раз» does nothing more, and the screen returns by itself as after any printed ticket.
    actor.send({ type: 'PRINT_AGAIN' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(prints).toHaveLength(2);
    expect(at(view(actor), 'attract')).toBe(true);
  });

  test('"book the nearest" holds the first free time and goes straight to review: two taps with confirm', async () => {
    const actor = start(fakeBridge());
    await toSpecialties(actor);
    actor.send({ type: 'PICK_NEAREST', code: 'ophthalmologist' });
    await waitForView(actor, (v) => at(v, 'session.review'));
    expect(view(actor).context.hold?.slot.id).toBe('slot-1');
  });

  test('a specialty with nothing free offers the waiting list', async () => {
    const bridge = fakeBridge({
      listSpecialties: async () => ok<SpecialtyAvailability[]>([{ code: 'surgeon', name: 'Хирург', doctorCount: 1, nearestFree: null }]),
    });
    const actor = start(bridge);
    await toSpecialties(actor);
    actor.send({ type: 'PICK_SPECIALTY', code: 'surgeon' });
    expect(at(view(actor), 'session.noSlots')).toBe(true);
    actor.send({ type: 'JOIN_WAITING_LIST' });
    await waitForView(actor, (v) => at(v, 'session.waitingListJoined'));
    expect(bridge.calls).toContain('waitingList:surgeon');
  });

  test('a booking rule refusal returns to the specialties with the reason', async () => {
    const actor = start(
      fakeBridge({ hold: async () => ({ ok: false, error: { kind: 'rejected-by-rule', rule: 'active-booking-exists', limit: 1 } }) }),
    );
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));
    expect(view(actor).context.refusal).toMatchObject({ rule: 'active-booking-exists' });
  });

  test('a card read mid-visit does not take over: its new bridge session is ended at once', async () => {
    const ended: string[] = [];
    const actor = start(fakeBridge({ endSession: async (id) => void ended.push(id ?? 'none') }));
    await toSlots(actor);
    actor.send({ type: 'IDENTIFIED', session: { sessionId: 'intruder', patient: { displayName: 'Смирнов А. В.', birthYear: 1958, policyLast4: '5276' } } });
    await vi.waitFor(() => expect(ended).toContain('intruder'));
    expect(at(view(actor), 'session.slot')).toBe(true);
    expect(view(actor).context.patient?.displayName).toBe('Иванова Т. А.');
  });
});
