// The journey without any UI: fake bridge actors injected with `.provide()`.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createActor } from 'xstate';
import type {
  ApiResult,
  AppointmentView,
  Booked,
  HoldView,
  KioskInfo,
  PrintResult,
  SessionStarted,
  Slot,
  SpecialtyAvailability,
  WaitingListEntry,
} from '../../device-bridge/api/contract';
import { at, journeyView as view, waitForView } from './journey-view';
import { journeyWithBridge, type JourneyBridge } from './wire-bridge';

const POLICY = '6449020886006380';

const kiosk: KioskInfo = {
  kioskId: 'test-01',
  version: '0.0.0',
  clinic: { name: 'Поликлиника', address: 'ул. Садовая, 1', phone: '+7 000', timeZone: 'Europe/Moscow' },
  session: { idleSeconds: 60, doneSeconds: 15 },
  minTouchPx: 76,
  training: { active: false, demoPatients: [] },
  memoEnabled: true,
};

const slot: Slot = {
  id: 'slot-1',
  start: '2026-11-24T09:30',
  durationMinutes: 20,
  doctor: { id: 'd1', fullName: 'Петрова Анна Сергеевна', specialtyCode: 'ophthalmologist', room: '214' } as Slot['doctor'],
  specialty: { code: 'ophthalmologist', name: 'Офтальмолог' },
};

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

function fakeBridge(overrides: Partial<JourneyBridge> = {}): JourneyBridge & { calls: string[] } {
  const calls: string[] = [];
  const bridge: JourneyBridge = {
    startSessionWithPolicy: async (policy, kind) => {
      calls.push(`startSession:${kind}:${policy}`);
      return policy === POLICY
        ? ok<SessionStarted>({ sessionId: 's1', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } })
        : { ok: false, error: { kind: 'patient-not-found' } };
    },
    callAssistance: async (screen) => void calls.push(`assistance:${screen}`),
    endSession: async (_id, reason) => void calls.push('endSession', `end:${reason}`),
    listSpecialties: async () =>
      ok<SpecialtyAvailability[]>([{ code: 'ophthalmologist', name: 'Офтальмолог', doctorCount: 1, nearestFree: slot.start }]),
    listSlots: async () => ok([slot]),
    hold: async () => ok<HoldView>({ holdId: 'h1', slot, expiresAt: '2026-11-23T10:00:00Z' }),
    book: async (_s, _h, clientKey) => {
      calls.push(`book:${clientKey}`);
      return ok<Booked>({
        appointmentId: 'a1',
        bookingNumber: 'A-2411-0001',
        slot,
        ticket: {} as Booked['ticket'],
      });
    },
    printTicket: async () => ok<PrintResult>({ outcome: 'printed' }),
    printerStatus: async () => ok({ state: 'ready' }),
    listAppointments: async () =>
      ok<AppointmentView[]>([{ appointmentId: 'a7', bookingNumber: 'A-2411-0007', slot, status: 'booked' as AppointmentView['status'] }]),
    cancelAppointment: async (_s, id) => {
      calls.push(`cancel:${id}`);
      return ok<AppointmentView>({ appointmentId: id, bookingNumber: 'A-2411-0007', slot, status: 'cancelled' as AppointmentView['status'] });
    },
    reprintAppointment: async () => ok<PrintResult>({ outcome: 'printed' }),
    joinWaitingList: async (_s, code) => {
      calls.push(`waitingList:${code}`);
      return ok({ id: 'w1', specialtyCode: code } as unknown as WaitingListEntry);
    },
    printMemo: async (language) => {
      calls.push(`memo:${language}`);
      return ok<PrintResult>({ outcome: 'printed' });
    },
    ...overrides,
  };
  return Object.assign(bridge, { calls });
}

function start(bridge: JourneyBridge) {
  const actor = createActor(journeyWithBridge(bridge)).start();
  actor.send({ type: 'KIOSK_INFO', kiosk });
  return actor;
}

function typePolicy(actor: ReturnType<typeof start>, digits = POLICY) {
  for (const digit of digits) actor.send({ type: 'DIGIT', digit });
}

/** Identifies the demo patient on the keypad and confirms it is them. */
async function toSpecialties(actor: ReturnType<typeof start>) {
  actor.send({ type: 'START' });
  typePolicy(actor);
  actor.send({ type: 'SUBMIT' });
  await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
  actor.send({ type: 'CONFIRM_IDENTITY' });
  await waitForView(actor, (v) => at(v, 'session.specialty'));
}

/** Identifies the demo patient and opens the ophthalmologist's times. */
async function toSlots(actor: ReturnType<typeof start>) {
  await toSpecialties(actor);
  actor.send({ type: 'PICK_SPECIALTY', code: 'ophthalmologist' });
  await waitForView(actor, (v) => at(v, 'session.slot'));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('journey machine', () => {
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

  test('a number with a wrong check digit cannot be submitted', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    typePolicy(actor, '6449020886006381');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    actor.send({ type: 'DIGIT', digit: '5' });
    expect(view(actor).context.policyDigits).toHaveLength(16);
  });

  test('an unknown patient returns to the keypad with a notice', async () => {
    const actor = start(fakeBridge({ startSessionWithPolicy: async () => ({ ok: false, error: { kind: 'patient-not-found' } }) }));
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.identify') && v.context.notice !== null);
    expect(view(actor).context.notice).toBe('patient-not-found');
  });

  test('a slot taken meanwhile sends the patient back to the times of the same day', async () => {
    const actor = start(fakeBridge({ hold: async () => ({ ok: false, error: { kind: 'slot-taken' } }) }));
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.slot') && v.context.notice === 'slot-taken');
    expect(view(actor).context.selectedDay).toBe('2026-11-24');
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

  test('a card read at the attract screen goes straight to "is this you?"; "not me" ends the session', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'IDENTIFIED', session: { sessionId: 's9', patient: { displayName: 'Смирнов А. В.', birthYear: 1958, policyLast4: '5276' } } });
    expect(at(view(actor), 'session.confirmIdentity')).toBe(true);
    expect(view(actor).context.patient?.displayName).toBe('Смирнов А. В.');
    actor.send({ type: 'REJECT_IDENTITY' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context.patient).toBeNull();
    expect(bridge.calls).toContain('end:home');
  });

  test('an unreadable card opens the keypad with the reason', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'IDENTITY_ERROR', problem: { reason: 'card-unreadable', message: 'Вставьте полис другой стороной' } });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.identityProblem?.message).toBe('Вставьте полис другой стороной');
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

  test('a booking rule refusal returns to the specialties with the reason', async () => {
    const actor = start(
      fakeBridge({ hold: async () => ({ ok: false, error: { kind: 'rejected-by-rule', rule: 'active-booking-exists', limit: 1 } }) }),
    );
    await toSlots(actor);
    actor.send({ type: 'PICK_SLOT', slotId: 'slot-1' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));
    expect(view(actor).context.refusal).toMatchObject({ rule: 'active-booking-exists' });
  });

  test('a scanned digital policy starts identification in one gesture, as a barcode', async () => {
    const seen: string[] = [];
    const actor = start(fakeBridge({
      startSessionWithPolicy: async (policy, kind, channel) => {
        seen.push(`${kind}:${channel}`);
        return ok<SessionStarted>({ sessionId: 's3', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: policy.slice(-4) } });
      },
    }));
    actor.send({ type: 'SCANNED', policyNumber: POLICY });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(seen).toEqual(['enp:barcode']);
    expect(view(actor).context.policyDigits).toBe('');
  });

  test('a scan with a wrong check digit explains itself and leaves the keypad open', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'SCANNED', policyNumber: '6449020886006381' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.identityProblem?.reason).toBe('bad-barcode');
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

describe('other kinds of policy number on the keypad', () => {
  const TEMPORARY = '570312840';
  const OLD = 'ЯБ 5721436';
  const knowsEveryKind = () => {
    const bridge = fakeBridge({
      startSessionWithPolicy: async (policy, kind) => {
        bridge.calls.push(`startSession:${kind}:${policy}`);
        return (kind === 'temporary' && policy === TEMPORARY) || (kind === 'old' && policy === OLD)
          ? ok<SessionStarted>({ sessionId: `s-${kind}`, patient: { displayName: 'Волкова О. И.', birthYear: 1985, policyLast4: policy.slice(-4) } })
          : { ok: false, error: { kind: 'patient-not-found' } };
      },
    });
    return bridge;
  };

  test('the ЕНП is the default; a temporary certificate takes exactly 9 digits and the session goes on as with an ЕНП', async () => {
    const actor = start(knowsEveryKind());
    actor.send({ type: 'START' });
    expect(view(actor).context.policyKind).toBe('enp');
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'temporary' });
    typePolicy(actor, `${TEMPORARY}7`);
    // The tenth digit has no place: a temporary certificate has 9.
    expect(view(actor).context.policyDigits).toBe(TEMPORARY);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(view(actor).context.policyDigits).toBe('');
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));
  });

  test('an old-style policy: letters, digits and one space between groups; too short or without digits cannot be sent', async () => {
    const bridge = knowsEveryKind();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    // No leading space, no doubled space, no Latin letter, no lower case: the number reads as printed.
    actor.send({ type: 'SPACE' });
    for (const letter of ['Я', 'Б', 'b', 'я']) actor.send({ type: 'LETTER', letter });
    actor.send({ type: 'SPACE' });
    actor.send({ type: 'SPACE' });
    expect(view(actor).context.policyDigits).toBe('ЯБ ');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    typePolicy(actor, '572');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    typePolicy(actor, '1436');
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(bridge.calls).toContain(`startSession:old:${OLD}`);
  });

  test('letters only count on the old-style keypad, and switching the kind clears what was typed', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    actor.send({ type: 'LETTER', letter: 'Я' });
    actor.send({ type: 'SPACE' });
    typePolicy(actor, '644');
    expect(view(actor).context.policyDigits).toBe('644');
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    expect(view(actor).context).toMatchObject({ policyKind: 'old', policyDigits: '' });
    for (let i = 0; i < 25; i++) actor.send({ type: 'LETTER', letter: 'А' });
    expect(view(actor).context.policyDigits).toHaveLength(20);
  });

  test('a patient-not-found keeps the kind and the number, so one wrong digit is one tap to fix', async () => {
    const actor = start(knowsEveryKind());
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'temporary' });
    typePolicy(actor, '570312841');
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.identify') && v.context.notice === 'patient-not-found');
    expect(view(actor).context).toMatchObject({ policyKind: 'temporary', policyDigits: '570312841' });
  });

  test('a reset forgets the kind: the next patient starts on the ЕНП keypad', async () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    actor.send({ type: 'HOME' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context.policyKind).toBe('enp');
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
    const actor = await toFailed(downBridge({ callAssistance: () => Promise.reject(new Error('bridge down')) }));
    actor.send({ type: 'CALL_ASSISTANCE', screen: 'failed' });
    await new Promise((resolve) => setTimeout(resolve, 10));
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

  test('on the done screen (ticket not printed) a call holds the return to the start; closing the dialog counts again', async () => {
    vi.useFakeTimers();
    const actor = start(fakeBridge({ printTicket: async () => ok<PrintResult>({ outcome: 'failed', status: { state: 'paper-out' } }) }));
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
