// The idle watchdog of a patient's session (journey-machine.ts) and of service
// mode (service-machine.ts).
import { fromCallback } from 'xstate';

/**
 * After `idleMs` of silence it asks "Нужно больше времени?" (IDLE_WARNING), and
 * `warningMs` later ends the session (IDLE_TIMEOUT). Any ACTIVITY starts the count again.
 */
export const idleTimer = fromCallback<{ type: 'ACTIVITY' }, { idleMs: number; warningMs: number }>(({ sendBack, receive, input }) => {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      sendBack({ type: 'IDLE_WARNING' });
      timer = setTimeout(() => sendBack({ type: 'IDLE_TIMEOUT' }), input.warningMs);
    }, input.idleMs);
  };
  arm();
  receive(arm);
  return () => clearTimeout(timer);
});
