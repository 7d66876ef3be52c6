// Booking, once the patient is known: specialty → time (or the waiting list)
// → review → book → print → done. Ends when the patient finishes, leaves, opens
// "my appointments", or the bridge fails. Printing happens after booking, and
// the done screen says "take your ticket" only when the printer confirmed it.
import { assertEvent, assign, fromPromise, sendParent, setup } from 'xstate';
import type {
  ApiResult, Booked, HoldView, PrinterStatus, PrintResult, Slot, SpecialtyAvailability, SpecialtyBlock, WaitingListEntry,
} from '../../device-bridge/contract';
import { errorIs, failedOutput, isOk, isRefusal, printedOrFailed, PRINT_CALL_FAILED, refusalOf, unwired, valueOf } from './bridge-answers';
import { bookable, dayToShow, fullyBooked, slotDay } from './selectors';
import type { EventOf, Notice, PartOutput } from './types';

export const BOOKING_EVENTS = [
  'PICK_SPECIALTY', 'PICK_NEAREST', 'OPEN_APPOINTMENTS', 'JOIN_WAITING_LIST', 'PICK_DAY', 'PICK_DOCTOR', 'PICK_SLOT',
  'CONFIRM', 'BACK', 'FINISH', 'BOOK_ANOTHER', 'CALL_ASSISTANCE', 'CLOSE_ASSISTANCE', 'KIOSK_INFO', 'LEAVE_REQUEST', 'PRINT_AGAIN',
] as const;
type BookingEvent = EventOf<(typeof BOOKING_EVENTS)[number]>;

export interface BookingContext {
  readonly sessionId: string;
  /** The done screen's wait before the start screen (KioskInfo's session.doneSeconds). */
  readonly doneSeconds: number;
  /** A volunteer was called and the dialog is open: the done screen waits for it to close. */
  readonly helpCalled: boolean;
  readonly specialties: readonly SpecialtyAvailability[];
  readonly specialty: SpecialtyAvailability | null;
  readonly slots: readonly Slot[];
  /** Doctor chosen on the time screen; null = any doctor (the nearest time). */
  readonly doctorId: string | null;
  readonly selectedDay: string | null;
  /** The slot the patient tapped (or the nearest one, for "book the nearest"). */
  readonly pendingSlotId: string | null;
  /** "Book the nearest": hold the first free slot as soon as the times arrive. */
  readonly autoPick: boolean;
  /** A booking rule that refused the last step, shown in plain words. */
  readonly refusal: SpecialtyBlock | null;
  readonly waitingListEntry: WaitingListEntry | null;
  readonly hold: HoldView | null;
  readonly clientKey: string | null;
  readonly booked: Booked | null;
  readonly printResult: PrintResult | null;
  readonly notice: Notice | null;
}

/** What a new booking in the same visit starts from: the patient stays, the last booking's choices go. */
const nextBooking = {
  specialty: null, slots: [], doctorId: null, selectedDay: null, pendingSlotId: null, autoPick: false, refusal: null,
  waitingListEntry: null, hold: null, clientKey: null, booked: null, printResult: null, notice: null,
} satisfies Partial<BookingContext>;

export const NO_BOOKING: BookingContext = { sessionId: '', doneSeconds: 0, helpCalled: false, specialties: [], ...nextBooking };

type Answer<T> = { output: ApiResult<T> };
const bySession = ({ context }: { context: BookingContext }) => ({ sessionId: context.sessionId });

export const bookingMachine = setup({
  types: {
    context: {} as BookingContext,
    events: {} as BookingEvent,
    input: {} as { sessionId: string; doneSeconds: number; helpCalled: boolean },
    output: {} as PartOutput,
  },
  actors: {
    listSpecialties: fromPromise<ApiResult<SpecialtyAvailability[]>, { sessionId: string }>(unwired('listSpecialties')),
    listSlots: fromPromise<ApiResult<Slot[]>, { sessionId: string; specialtyCode: string }>(unwired('listSlots')),
    joinWaitingList: fromPromise<ApiResult<WaitingListEntry>, { sessionId: string; specialtyCode: string; doctorId: string | null }>(
      unwired('joinWaitingList'),
    ),
    hold: fromPromise<ApiResult<HoldView>, { sessionId: string; slotId: string }>(unwired('hold')),
    book: fromPromise<ApiResult<Booked>, { sessionId: string; holdId: string; clientKey: string }>(unwired('book')),
    printTicket: fromPromise<ApiResult<PrintResult>, { sessionId: string; appointmentId: string }>(unwired('printTicket')),
    checkPrinter: fromPromise<ApiResult<PrinterStatus>, void>(unwired('checkPrinter')),
  },
  guards: {
    bookable: ({ context, event }) => (assertEvent(event, ['PICK_SPECIALTY', 'PICK_NEAREST']), bookable(context.specialties, event.code) !== undefined),
    fullyBooked: ({ context, event }) => (assertEvent(event, 'PICK_SPECIALTY'), fullyBooked(context.specialties, event.code) !== undefined),
    dayOffered: ({ context, event }) => (assertEvent(event, 'PICK_DAY'), context.slots.some((s) => s.start.startsWith(event.date))),
    doctorOffered: ({ context, event }) =>
      (assertEvent(event, 'PICK_DOCTOR'), event.doctorId === null || context.slots.some((s) => s.doctor.id === event.doctorId)),
    slotOffered: ({ context, event }) => (assertEvent(event, 'PICK_SLOT'), context.slots.some((s) => s.id === event.slotId)),
    helpGone: ({ context }) => !context.helpCalled,
    /** A ticket that did not print keeps the done screen: no countdown, only the shell's idle question. */
    returnsByItself: ({ context }) => !context.helpCalled && context.printResult?.outcome === 'printed',
    notPrinted: ({ context }) => context.printResult?.outcome !== 'printed',
  },
  actions: {
    pickSpecialty: assign(({ context, event }, autoPick: boolean) => {
      assertEvent(event, ['PICK_SPECIALTY', 'PICK_NEAREST']);
      return { specialty: bookable(context.specialties, event.code) ?? null, doctorId: null, selectedDay: null, autoPick, notice: null, refusal: null };
    }),
    pickFullyBooked: assign(({ context, event }) => {
      assertEvent(event, 'PICK_SPECIALTY');
      return { specialty: fullyBooked(context.specialties, event.code) ?? null, notice: null, refusal: null };
    }),
    pickDay: assign(({ event }) => (assertEvent(event, 'PICK_DAY'), { selectedDay: event.date, notice: null })),
    pickDoctor: assign(({ context, event }) => {
      assertEvent(event, 'PICK_DOCTOR');
      return { doctorId: event.doctorId, selectedDay: dayToShow(context.slots, event.doctorId, context.selectedDay), notice: null };
    }),
    pickSlot: assign(({ event }) => (assertEvent(event, 'PICK_SLOT'), { pendingSlotId: event.slotId })),
    startOver: assign(nextBooking),
    forgetNotice: assign({ notice: null }),
    refuse: assign((_, output: ApiResult<unknown>) => ({ refusal: refusalOf(output), autoPick: false })),
    // The review screen asks the printer now, not 5 s ago; the shell keeps the status for every screen.
    reportPrinter: sendParent((_, status: PrinterStatus) => ({ type: 'PRINTER_STATUS', status })),
    helpCalled: assign({ helpCalled: true }),
    helpClosed: assign({ helpCalled: false }),
    takeKioskInfo: assign(({ event }) => (assertEvent(event, 'KIOSK_INFO'), { doneSeconds: event.kiosk.session.doneSeconds })),
  },
  delays: {
    doneReturn: ({ context }) => context.doneSeconds * 1000,
  },
}).createMachine({
  id: 'booking',
  context: ({ input }) => ({ ...NO_BOOKING, ...input }),
  on: { CALL_ASSISTANCE: { actions: 'helpCalled' }, CLOSE_ASSISTANCE: { actions: 'helpClosed' }, KIOSK_INFO: { actions: 'takeKioskInfo' } },
  initial: 'loadingSpecialties',
  states: {
    loadingSpecialties: {
      invoke: {
        src: 'listSpecialties',
        input: bySession,
        onDone: [{ guard: isOk, target: 'specialty', actions: assign({ specialties: ({ event }) => valueOf(event.output) }) }, 'failed'],
        onError: 'failed',
      },
    },
    specialty: {
      on: {
        PICK_SPECIALTY: [
          { guard: 'bookable', target: 'loadingSlots', actions: { type: 'pickSpecialty', params: false } },
          // Nothing free: say so plainly and offer the waiting list.
          { guard: 'fullyBooked', target: 'noSlots', actions: 'pickFullyBooked' },
        ],
        PICK_NEAREST: { guard: 'bookable', target: 'loadingSlots', actions: { type: 'pickSpecialty', params: true } },
        OPEN_APPOINTMENTS: 'toAppointments',
        BACK: 'left',
      },
    },
    noSlots: {
      on: {
        JOIN_WAITING_LIST: 'joiningWaitingList',
        // «Оставить заявку»: the shell's request part takes the specialty (and doctor) chosen here.
        LEAVE_REQUEST: { guard: ({ context }) => context.specialty !== null, target: 'leavingRequest' },
        BACK: { target: 'specialty', actions: assign({ specialty: null }) },
      },
    },
    joiningWaitingList: {
      invoke: {
        src: 'joinWaitingList',
        input: ({ context }) => ({ sessionId: context.sessionId, specialtyCode: context.specialty?.code ?? '', doctorId: context.doctorId }),
        onDone: [
          { guard: isOk, target: 'waitingListJoined', actions: assign({ waitingListEntry: ({ event }) => valueOf(event.output) }) },
          { guard: isRefusal, target: 'noSlots', actions: assign({ refusal: ({ event }) => refusalOf(event.output) }) },
          'failed',
        ],
        onError: 'failed',
      },
    },
    waitingListJoined: {
      on: { FINISH: 'finished', BOOK_ANOTHER: { target: 'loadingSpecialties', actions: 'startOver' } },
    },
    loadingSlots: {
      invoke: {
        src: 'listSlots',
        input: ({ context }) => ({ sessionId: context.sessionId, specialtyCode: context.specialty?.code ?? '' }),
        onDone: [
          {
            // "Book the nearest": straight to holding the first free time.
            guard: ({ context, event }) => context.autoPick && event.output.ok && event.output.value.length > 0,
            target: 'holding',
            actions: assign(({ event }) => {
              const [first, ...rest] = valueOf(event.output);
              return { slots: [first!, ...rest], selectedDay: slotDay(first!), pendingSlotId: first!.id, autoPick: false, hold: null };
            }),
          },
          { guard: ({ event }) => event.output.ok && event.output.value.length === 0, target: 'noSlots', actions: assign({ slots: [], autoPick: false }) },
          {
            guard: isOk,
            target: 'slot',
            actions: assign(({ context, event }) => {
              const slots = valueOf(event.output);
              const doctorId = context.doctorId && slots.some((s) => s.doctor.id === context.doctorId) ? context.doctorId : null;
              return { slots, doctorId, selectedDay: dayToShow(slots, doctorId, context.selectedDay), hold: null, autoPick: false };
            }),
          },
          { guard: isRefusal, target: 'specialty', actions: { type: 'refuse', params: ({ event }: { event: Answer<Slot[]> }) => event.output } },
          'failed',
        ],
        onError: 'failed',
      },
    },
    slot: {
      on: {
        PICK_DAY: { guard: 'dayOffered', actions: 'pickDay' },
        PICK_DOCTOR: { guard: 'doctorOffered', actions: 'pickDoctor' },
        PICK_SLOT: { guard: 'slotOffered', target: 'holding', actions: 'pickSlot' },
        JOIN_WAITING_LIST: 'joiningWaitingList',
        BACK: { target: 'specialty', actions: 'forgetNotice' },
      },
    },
    holding: {
      invoke: {
        src: 'hold',
        input: ({ context }) => ({ sessionId: context.sessionId, slotId: context.pendingSlotId ?? '' }),
        onDone: [
          { guard: isOk, target: 'review', actions: assign({ hold: ({ event }) => valueOf(event.output), clientKey: () => crypto.randomUUID(), notice: null }) },
          { guard: errorIs('slot-taken', 'slot-not-found'), target: 'loadingSlots', actions: assign({ notice: 'slot-taken' }) },
          { guard: isRefusal, target: 'specialty', actions: { type: 'refuse', params: ({ event }: { event: Answer<HoldView> }) => event.output } },
          'failed',
        ],
        onError: 'failed',
      },
    },
    review: {
      // Ask the printer now, not 5 s ago: the patient decides with the real state in front of them.
      invoke: {
        src: 'checkPrinter',
        onDone: { guard: isOk, actions: { type: 'reportPrinter', params: ({ event }) => valueOf(event.output) } },
      },
      on: { CONFIRM: 'booking', BACK: 'loadingSlots' },
    },
    booking: {
      invoke: {
        src: 'book',
        input: ({ context }) => ({ sessionId: context.sessionId, holdId: context.hold?.holdId ?? '', clientKey: context.clientKey ?? '' }),
        onDone: [
          { guard: isOk, target: 'printing', actions: assign({ booked: ({ event }) => valueOf(event.output) }) },
          {
            guard: errorIs('slot-taken', 'hold-expired', 'hold-not-found'),
            target: 'loadingSlots',
            actions: assign({ notice: ({ event }) => (errorIs('slot-taken')({ event }) ? 'slot-taken' : 'hold-expired') }),
          },
          { guard: isRefusal, target: 'specialty', actions: { type: 'refuse', params: ({ event }: { event: Answer<Booked> }) => event.output } },
          'failed',
        ],
        onError: 'failed',
      },
    },
    printing: {
      invoke: {
        src: 'printTicket',
        input: ({ context }) => ({ sessionId: context.sessionId, appointmentId: context.booked?.appointmentId ?? '' }),
        // A failed call counts as a failed print: the patient must never be told to take a ticket that did not print.
        onDone: { target: 'done', actions: assign({ printResult: ({ event }) => printedOrFailed(event.output) }) },
        onError: { target: 'done', actions: assign({ printResult: PRINT_CALL_FAILED }) },
      },
    },
    done: {
      // Only a printed ticket returns to the start by itself (after doneSeconds; a volunteer's dialog holds it, closing it counts
      // again). A ticket that did not print stays on screen until the patient leaves or the shell's idle question goes unanswered.
      after: { doneReturn: { guard: 'returnsByItself', target: 'finished' } },
      on: {
        FINISH: 'finished',
        BOOK_ANOTHER: { target: 'loadingSpecialties', actions: 'startOver' },
        CLOSE_ASSISTANCE: { target: 'done', reenter: true, actions: 'helpClosed' },
        // «Напечатать ещё раз»: the same ticket again (the print journal counts it as a reprint).
        PRINT_AGAIN: { guard: 'notPrinted', target: 'printingAgain' },
      },
    },
    printingAgain: {
      invoke: {
        src: 'printTicket',
        input: ({ context }) => ({ sessionId: context.sessionId, appointmentId: context.booked?.appointmentId ?? '' }),
        onDone: { target: 'done', actions: assign({ printResult: ({ event }) => printedOrFailed(event.output) }) },
        onError: { target: 'done', actions: assign({ printResult: PRINT_CALL_FAILED }) },
      },
    },
    toAppointments: { type: 'final', output: { kind: 'open-appointments' } },
    finished: { type: 'final', output: { kind: 'finished' } },
    left: { type: 'final', output: { kind: 'left' } },
    failed: { type: 'final', output: failedOutput },
    leavingRequest: {
      type: 'final',
      output: ({ context }) => ({
        kind: 'leave-request' as const,
        specialty: { code: context.specialty?.code ?? '', name: context.specialty?.name ?? '' },
        doctorId: context.doctorId,
      }),
    },
  },
  output: ({ event }) => event.output as PartOutput,
});
