// The journey without any UI, for the machine tests next to it: a fake bridge
// (each call recorded, any of them overridable), a kiosk, and the steps that
// bring a patient to a given screen. The journey runs wired as in the app
// (wire-bridge.ts), so each part is driven through its real actors.
import { createActor } from 'xstate';
import type { ApiResult, AppointmentView, Booked, HoldView, KioskInfo, PrintResult } from '../../device-bridge/contract';
import type { CheckInAppointment, CheckInOutcome, SessionStarted, Slot, SpecialtyAvailability, WaitingListEntry } from '../../device-bridge/contract';
import { at, journeyView as view, waitForView } from './journey-view';
import { journeyWithBridge, type JourneyBridge } from './wire-bridge';

export { at, view, waitForView };

export const POLICY = '6449020886006380';

export const kiosk: KioskInfo = {
  kioskId: 'test-01',
  version: '0.0.0',
  clinic: { name: 'Поликлиника', address: 'ул. Садовая, 1', phone: '+7 000', timeZone: 'Europe/Moscow' },
  session: { idleSeconds: 60, doneSeconds: 15 },
  minTouchPx: 76,
  training: { active: false, demoPatients: [] },
  memoEnabled: true,
};

export const slot: Slot = {
  id: 'slot-1',
  start: '2026-11-24T09:30',
  durationMinutes: 20,
  doctor: { id: 'd1', fullName: 'Петрова Анна Сергеевна', specialtyCode: 'ophthalmologist', room: '214' } as Slot['doctor'],
  specialty: { code: 'ophthalmologist', name: 'Офтальмолог' },
};

/** A ticket QR's check-in code the fake bridge accepts (any other is "forged"). */
export const CHECK_IN_CODE = '73123410111213141516171819202122232425';
export const CHECK_IN_APPOINTMENT: CheckInAppointment = {
  appointmentId: 'a1', bookingNumber: 'З-2611-0001', specialty: 'Офтальмолог', doctor: 'Смирнова Ольга Петровна', room: '310', floor: '3', start: '2026-11-23T10:00',
};

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

export function fakeBridge(overrides: Partial<JourneyBridge> = {}): JourneyBridge & { calls: string[] } {
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
    checkIn: async (sessionId, body) => {
      calls.push(`checkIn:${body.via}:${sessionId ?? '-'}`);
      if (body.via === 'ticket' && body.code !== CHECK_IN_CODE) return { ok: false, error: { kind: 'ticket-forged' } };
      return ok<CheckInOutcome>({ outcome: 'arrived', already: false, slip: 'printed', appointment: CHECK_IN_APPOINTMENT });
    },
    ...overrides,
  };
  return Object.assign(bridge, { calls });
}

export function start(bridge: JourneyBridge) {
  const actor = createActor(journeyWithBridge(bridge)).start();
  actor.send({ type: 'KIOSK_INFO', kiosk });
  return actor;
}

export function typePolicy(actor: ReturnType<typeof start>, digits = POLICY) {
  for (const digit of digits) actor.send({ type: 'DIGIT', digit });
}

/** Identifies the demo patient on the keypad and confirms it is them. */
export async function toSpecialties(actor: ReturnType<typeof start>) {
  actor.send({ type: 'START' });
  typePolicy(actor);
  actor.send({ type: 'SUBMIT' });
  await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
  actor.send({ type: 'CONFIRM_IDENTITY' });
  await waitForView(actor, (v) => at(v, 'session.specialty'));
}

/** Identifies the demo patient and opens the ophthalmologist's times. */
export async function toSlots(actor: ReturnType<typeof start>) {
  await toSpecialties(actor);
  actor.send({ type: 'PICK_SPECIALTY', code: 'ophthalmologist' });
  await waitForView(actor, (v) => at(v, 'session.slot'));
}

