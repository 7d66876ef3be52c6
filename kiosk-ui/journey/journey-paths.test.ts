// Path coverage: from the attract screen every state of the journey (the
// shell's and each part's) is reachable, and from every reachable state there
// is a way back to the attract screen (no dead ends for a patient, no stuck
// kiosk). The journey runs for real, wired to a bridge whose every call waits
// until the explorer answers it, with each answer the bridge can give.
import { describe, expect, test } from 'vitest';
import { createActor, type AnyStateNode } from 'xstate';
import type { ApiResult } from '../../device-bridge/contract';
import { appointmentsMachine } from './appointments-machine';
import { bookingMachine } from './booking-machine';
import { checkInMachine } from './check-in-machine';
import { identificationMachine } from './identification-machine';
import { journeyMachine } from './journey-machine';
import { journeyView, type JourneyView } from './journey-view';
import { requestMachine } from './request-machine';
import { serviceMachine } from './service-machine';
// Loaded before the walk, as the app preloads it: the service actors import it on first use.
import './service-mode';
import type { JourneyEvent } from './types';
import { journeyWithBridge, type JourneyBridge } from './wire-bridge';

const slot = {
  id: 'slot-1',
  start: '2026-11-24T09:30',
  durationMinutes: 20,
  doctor: { id: 'd1', fullName: 'Петрова Анна Сергеевна', specialtyCode: 'ophthalmologist', room: '214' },
  specialty: { code: 'ophthalmologist', name: 'Офтальмолог' },
};
const ok = <T,>(value: T): ApiResult<T> => ({ ok: true, value });
const fail = (kind: string): ApiResult<never> => ({ ok: false, error: { kind, cause: 'test' } as never });
const patient = { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' };

/** Every answer the bridge can give, success and failure, per call. */
const ANSWERS: Record<string, readonly unknown[]> = {
  startSessionWithPolicy: [ok({ sessionId: 's1', patient }), fail('patient-not-found'), fail('unavailable')],
  listSpecialties: [
    ok([
      { code: 'ophthalmologist', name: 'Офтальмолог', doctorCount: 1, nearestFree: slot.start },
      { code: 'surgeon', name: 'Хирург', doctorCount: 1, nearestFree: null },
    ]),
    fail('unavailable'),
  ],
  listSlots: [ok([slot]), fail('unavailable'), ok([])],
  listAppointments: [ok([{ appointmentId: 'a7', bookingNumber: 'A-7', slot, status: 'booked' }]), fail('unavailable')],
  cancelAppointment: [ok({ appointmentId: 'a7', bookingNumber: 'A-7', slot, status: 'cancelled' }), fail('unavailable')],
  reprintAppointment: [ok({ outcome: 'printed' })],
  joinWaitingList: [ok({ id: 'w1' }), fail('unavailable')],
  hold: [{ ok: false, error: { kind: 'rejected-by-rule', rule: 'active-booking-exists' } }, ok({ holdId: 'h1', slot, expiresAt: '2026-11-24T09:00:00Z' }), fail('slot-taken')],
  book: [ok({ appointmentId: 'a1', bookingNumber: 'A-1', slot, ticket: {} }), fail('hold-expired'), fail('unavailable')],
  printTicket: [ok({ outcome: 'printed' }), ok({ outcome: 'failed', status: { state: 'paper-out' } })],
  printerStatus: [ok({ state: 'ready' })],
  endSession: [undefined],
  printMemo: [ok({ outcome: 'printed' }), ok({ outcome: 'failed', status: { state: 'paper-out' } })],
  serviceLogin: [ok({ role: 'it', token: 't', expiresAt: '2026-11-23T09:00:00Z' }), ok({ role: 'volunteer', training: 'started' }), fail('wrong-pin')],
  serviceStatus: [ok({})],
  serviceJournal: [ok([])],
  serviceTestPrint: [ok({ print: { outcome: 'printed' } })],
  serviceLogout: [undefined],
  callAssistance: [undefined],
  outboxOptions: [ok({ accepting: true, specialties: [{ code: 'surgeon', name: 'Хирург' }] }), ok({ accepting: false, specialties: [] }), fail('unavailable')],
  leaveRequest: [ok({ reference: 'З-ABC-DEF', displayName: null, specialtyName: 'Хирург', print: { outcome: 'printed' } }), fail('outbox-unavailable')],
  checkIn: [
    ok({ outcome: 'arrived', already: false, slip: 'printed', appointment: { appointmentId: 'a1', bookingNumber: 'З-1', specialty: 'Офтальмолог', doctor: 'Петрова', room: '214', floor: null, start: slot.start } }),
    ok({ outcome: 'no-appointment-today' }),
    fail('ticket-forged'),
    fail('unavailable'),
  ],
};

/** The patient's (and clinic IT's) taps; the bridge's answers are steps of their own (`answer`). */
const EVENTS: JourneyEvent[] = [
  { type: 'START' },
  { type: 'START_CHECK_IN' },
  { type: 'TICKET_SCANNED', code: '73123410111213141516171819202122232425' },
  { type: 'PRINT_MEMO' },
  { type: 'DISMISS_MEMO' },
  { type: 'SUBMIT' },
  { type: 'CONFIRM_IDENTITY' },
  { type: 'REJECT_IDENTITY' },
  { type: 'EDIT_NUMBER' },
  { type: 'PICK_SPECIALTY', code: 'ophthalmologist' },
  { type: 'PICK_SLOT', slotId: 'slot-1' },
  { type: 'CONFIRM' },
  { type: 'BACK' },
  { type: 'HOME' },
  { type: 'FINISH' },
  { type: 'RETRY' },
  { type: 'BOOK_ANOTHER' },
  { type: 'PRINT_AGAIN' },
  { type: 'PICK_NEAREST', code: 'ophthalmologist' },
  { type: 'PICK_SPECIALTY', code: 'surgeon' },
  { type: 'PICK_DOCTOR', doctorId: null },
  { type: 'OPEN_APPOINTMENTS' },
  { type: 'CANCEL_APPOINTMENT', appointmentId: 'a7' },
  { type: 'CONFIRM_CANCEL' },
  { type: 'REPRINT', appointmentId: 'a7' },
  { type: 'JOIN_WAITING_LIST' },
  { type: 'LEAVE_REQUEST' },
  { type: 'PICK_REQUEST_SPECIALTY', code: 'surgeon' },
  { type: 'PICK_CLAIM', claim: 'no-slots' },
  { type: 'SEND_REQUEST' },
  { type: 'SERVICE_GESTURE' },
  ...'1234'.split('').map((digit) => ({ type: 'SERVICE_DIGIT', digit }) as JourneyEvent),
  { type: 'SERVICE_SUBMIT' },
  { type: 'SERVICE_ACTION', action: { kind: 'test-print' } },
  { type: 'SERVICE_REFRESH' },
  { type: 'SERVICE_EXIT' },
  { type: 'IDLE_TIMEOUT' },
];

const POLICY = '6449020886006380';
const MOBILE = '9161234567';
/** The walk's kiosk asks for the birth date after the number (kiosk info `identification`), so that step is walked too. */
const BIRTH_DIGITS = '13101979';
/** Typing stops where the kind's number is complete: an old-style one at its shortest (its maximum is a unit test's business). */
const TYPED_UP_TO: Record<string, number> = { enp: 16, temporary: 9, old: 7 };

type Step = { readonly event: JourneyEvent } | { readonly answer: string; readonly with: number };

// «Позвать волонтёра» is left out: it only opens a dialog over the current state and moves nothing (the machine
// tests check that closing it, and an idle reset, leave the journey where it was), while it would double every state here.
/** The keypad offers the next digit of a valid policy, so typing has one path, not 10^16. */
function stepsFrom(view: JourneyView, waiting: readonly string[]): Step[] {
  const { policyDigits, policyKind } = view.context;
  const steps: Step[] = EVENTS.map((event) => ({ event }));
  const next = policyDigits.length < (TYPED_UP_TO[policyKind] ?? 16) ? POLICY[policyDigits.length] : undefined;
  const nextBirth = view.state === 'session.birthDate' ? BIRTH_DIGITS[view.context.birthDigits.length] : undefined;
  if (nextBirth) steps.push({ event: { type: 'DIGIT', digit: nextBirth } });
  if (view.state === 'session.birthDate' && view.context.birthDigits === BIRTH_DIGITS) steps.push({ event: { type: 'BIRTH_DATE', date: '1979-10-13' } });
  else if (next) steps.push({ event: { type: 'DIGIT', digit: next } });
  // The phone keypad likewise offers the next digit of one mobile number, and one wrong first digit.
  const phone = view.context.requestForm.phone;
  if (view.state === 'session.requestPhone' && phone.length < 10) steps.push({ event: { type: 'PHONE_DIGIT', digit: MOBILE[phone.length]! } });
  if (view.state === 'session.requestPhone' && phone === '') steps.push({ event: { type: 'PHONE_DIGIT', digit: '4' } });
  if (policyDigits === '') {
    // The kind is chosen before typing; an old-style number starts with its series (one letter walks that path).
    for (const kind of ['temporary', 'old', 'enp'] as const) steps.push({ event: { type: 'PICK_POLICY_KIND', kind } });
    if (policyKind === 'old') steps.push({ event: { type: 'LETTER', letter: 'Я' } });
  }
  for (const call of new Set(waiting)) ANSWERS[call]!.forEach((_, i) => steps.push({ answer: call, with: i }));
  return steps;
}

/** The calls of the run in progress, each waiting until the explorer answers it. */
let waiting: { call: string; answer: (value: unknown) => void }[] = [];
const bridge = new Proxy({} as JourneyBridge, { get: (_, call: string) => () => new Promise((answer) => waiting.push({ call, answer })) });
/** Wired once: every run of the walk creates an actor of it. */
const journey = journeyWithBridge(bridge);

// Fake answers arrive in microtasks; these turns let every promise actor, and the parent it reports to, move on.
const settle = async () => {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
};

const answeredAtOnce = ({ call }: { call: string }) => call === 'printerStatus' || call === 'serviceJournal';

/** A fresh run of the journey, where the bridge answers nothing until told to. */
function journeyOnHold() {
  waiting = [];
  const actor = createActor(journey).start();
  return {
    view: () => journeyView(actor),
    waiting: () => waiting.map((w) => w.call),
    async take(step: Step) {
      if ('event' in step) actor.send(step.event);
      else {
        const index = waiting.findIndex((w) => w.call === step.answer);
        waiting.splice(index, 1)[0]!.answer(ANSWERS[step.answer]![step.with]);
      }
      await settle();
      // The review screen's printer check and the service journal are no choice: they are answered at once.
      for (let i = waiting.findIndex(answeredAtOnce); i >= 0; i = waiting.findIndex(answeredAtOnce)) {
        const { call, answer } = waiting.splice(i, 1)[0]!;
        answer(ANSWERS[call]![0]);
        await settle();
      }
    },
    stop: () => actor.stop(),
  };
}

/** Where the journey is, with the kind of number while it is being typed and how much is typed. */
const keyOf = (view: JourneyView) => {
  const kind = view.state === 'session.identify' ? view.context.policyKind : '';
  // Whether a request can be left from here (a failure after a typed number, not after a scanned ticket) is part of where the journey is.
  const canRequest = view.context.sessionId !== null || view.context.requestStart?.policy != null;
  // A done screen whose ticket did not print is another place than a printed one: it offers «Напечатать ещё раз».
  return `${view.state}|${kind}:${view.context.policyDigits.length}|${view.context.birthDigits.length}|${view.context.servicePin.length}|${view.context.requestForm.phone.length}|${canRequest}|${view.context.printResult?.outcome ?? ''}`;
};

async function explore() {
  const paths = new Map<string, Step[]>();
  const edges = new Map<string, Set<string>>();
  const replay = async (path: readonly Step[]) => {
    const journey = journeyOnHold();
    await journey.take({ event: { type: 'KIOSK_INFO', kiosk: {
        session: { idleSeconds: 60, doneSeconds: 15 },
        training: { active: false },
        clinic: { timeZone: 'Europe/Moscow' },
        identification: { needsBirthDate: true },
      } as never } });
    for (const step of path) await journey.take(step);
    return journey;
  };
  const start = await replay([]);
  paths.set(keyOf(start.view()), []);
  start.stop();
  const queue = [keyOf(start.view())];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const path = paths.get(from)!;
    const here = await replay(path);
    const steps = stepsFrom(here.view(), here.waiting());
    here.stop();
    for (const step of steps) {
      const there = await replay([...path, step]);
      const to = keyOf(there.view());
      there.stop();
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
      if (!paths.has(to)) {
        paths.set(to, [...path, step]);
        queue.push(to);
      }
    }
  }
  return { reached: [...paths.keys()], edges };
}

/** The states a patient (or clinic IT) can be in, as journey-view.ts names them: no final or passing-through states. */
function namedStates(prefix: string, root: AnyStateNode, skip: readonly string[] = []): string[] {
  return Object.entries(root.states)
    .filter(([name, node]) => node.type !== 'final' && !node.config.always && !skip.includes(name))
    .flatMap(([name, node]) => (Object.keys(node.states).length > 0 ? Object.keys(node.states).map((leaf) => `${prefix}${name}.${leaf}`) : [`${prefix}${name}`]));
}

describe('journey paths', async () => {
  const { reached, edges } = await explore();
  const states = new Set(reached.map((key) => key.split('|')[0]!));

  test('every state of the journey is reachable from the attract screen', () => {
    const all = [
      ...namedStates('', journeyMachine.root, ['service', 'session']),
      ...namedStates('session.', journeyMachine.root.states.session!, ['identification', 'booking', 'appointments', 'checkIn', 'request']),
      ...namedStates('session.', identificationMachine.root),
      ...namedStates('session.', bookingMachine.root),
      ...namedStates('session.', appointmentsMachine.root),
      ...namedStates('session.', requestMachine.root),
      ...namedStates('session.', checkInMachine.root),
      ...namedStates('service.', serviceMachine.root),
    ];
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((state) => !states.has(state))).toEqual([]);
  });

  test('from every reachable state the attract screen can be reached again', () => {
    const home = new Set(reached.filter((key) => key.startsWith('attract.')));
    let grew = true;
    while (grew) {
      grew = false;
      for (const [from, tos] of edges) if (!home.has(from) && [...tos].some((to) => home.has(to))) grew = home.add(from) !== null;
    }
    expect(reached.filter((key) => !home.has(key))).toEqual([]);
  });
});
