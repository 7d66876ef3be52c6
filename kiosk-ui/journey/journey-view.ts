// The journey as the screens see it: one state path and one context, whatever
// child machine holds them. The shell (journey-machine.ts) keeps what lasts
// the whole visit; the part that runs (identification, booking, appointments,
// service) keeps its own. This is the one place that puts them together.
import type { Actor, AnyActorRef, Subscription } from 'xstate';
import { NO_APPOINTMENTS, type AppointmentsContext } from './appointments-machine';
import { NO_BOOKING, type BookingContext } from './booking-machine';
import { NO_CHECK_IN, type CheckInContext } from './check-in-machine';
import { NOBODY_YET, type IdentificationContext } from './identification-machine';
import { NO_REQUEST_FORM, type RequestContext } from './request-machine';
import type { JourneyMachine, ShellContext } from './journey-machine';
import { SERVICE_CLOSED, type ServiceContext } from './service-machine';

/** Everything a screen may read; the parts that are not running show their empty state. */
export type JourneyContext = ShellContext &
  Omit<IdentificationContext, 'sessionId' | 'patient' | 'training'> &
  Omit<BookingContext, 'sessionId' | 'doneSeconds' | 'helpCalled'> &
  Omit<AppointmentsContext, 'sessionId'> &
  Pick<RequestContext, 'requestForm'> &
  CheckInContext &
  ServiceContext;

export interface JourneyView {
  /**
   * Where the journey is, as one path: `attract.idle`, `attract.printingMemo`, `service.verifying`,
   * `session.identify`, `session.slot`, `session.failed`, … (a part's state under the shell's).
   * `session.busy` while a part has just ended and the shell moves on.
   */
  readonly state: string;
  readonly context: JourneyContext;
}

export type JourneyActor = Actor<JourneyMachine>;

const EMPTY_PARTS = { ...NOBODY_YET, ...NO_BOOKING, ...NO_APPOINTMENTS, ...NO_CHECK_IN, ...SERVICE_CLOSED, requestForm: NO_REQUEST_FORM };
const PART_OF: Record<string, string> = { identification: 'identification', booking: 'booking', appointments: 'appointments', checkIn: 'checkIn', request: 'request' };

/** Is the journey at `path` or inside it (`at(view, 'session')`, `at(view, 'session.slot')`)? */
export const at = (view: JourneyView, path: string): boolean => view.state === path || view.state.startsWith(`${path}.`);

let last: { shell: object; part: object | undefined; view: JourneyView } | null = null;

/**
 * The view of the journey now. The same object while neither the state nor a context changed (a touch that
 * only restarts the idle timer renders nothing again); use-journey.ts relies on that.
 */
export function journeyView(actor: JourneyActor): JourneyView {
  const shell = actor.getSnapshot();
  const top = typeof shell.value === 'string' ? shell.value : Object.keys(shell.value)[0]!;
  const inner = typeof shell.value === 'string' ? null : String(Object.values(shell.value)[0]);
  const partId = top === 'service' ? 'service' : top === 'session' && inner ? PART_OF[inner] : undefined;
  const ref = partId ? (shell.children as Record<string, AnyActorRef | undefined>)[partId] : undefined;
  const part = ref?.getSnapshot() as { status: string; value: unknown; context: object } | undefined;

  let state: string;
  if (part) state = part.status === 'active' ? `${top}.${String(part.value)}` : `${top}.busy`;
  else state = inner ? `${top}.${inner}` : top;
  if (last && last.view.state === state && last.shell === shell.context && last.part === part?.context) return last.view;
  // The parts that do not run read as empty (no typed digits, no slots); the shell's session and patient win.
  const context = { ...EMPTY_PARTS, ...(part?.context ?? {}), ...shell.context } as JourneyContext;
  const view: JourneyView = { state, context };
  last = { shell: shell.context, part: part?.context, view };
  return view;
}

/** Calls `onChange` whenever the shell or any part moves (a part's step does not change the shell's snapshot). */
export function watchJourney(actor: JourneyActor, onChange: () => void): Subscription {
  return actor.system.inspect((event) => {
    if (event.type === '@xstate.snapshot') onChange();
  });
}

/** Resolves with the first view that satisfies `predicate` (tests, and anything that waits for a screen). */
export function waitForView(actor: JourneyActor, predicate: (view: JourneyView) => boolean, timeoutMs = 5000): Promise<JourneyView> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const view = journeyView(actor);
      if (!predicate(view)) return false;
      subscription?.unsubscribe();
      clearTimeout(timer);
      resolve(view);
      return true;
    };
    let subscription: Subscription | undefined;
    const timer = setTimeout(() => {
      subscription?.unsubscribe();
      reject(new Error(`journey never got there; it is at ${journeyView(actor).state}`));
    }, timeoutMs);
    if (check()) return;
    subscription = watchJourney(actor, () => void check());
  });
}
