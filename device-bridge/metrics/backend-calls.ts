// Counts the calls that reach the scheduler backend (the adapter itself, below
// the resilience wrapper: a retry is a second call, a cached directory is
// none), by port operation and by why they were made: the patient's tap, a
// read ahead of it (scheduler/prefetch/), or the kiosk's own background work
// (reference data refresh, health probes). With kiosk_bookings_total this
// gives backend calls per booking. Labels are operation names only.
import { Counter, type Registry } from 'prom-client';
import { SCHEDULER_OPERATIONS, type Scheduler } from '../scheduler/scheduler-port';
import { currentReadScope } from '../scheduler/prefetch/read-scope';

export type CallPurpose = 'patient' | 'prefetch' | 'background';

export type OnBackendCall = (operation: string, purpose: CallPurpose) => void;


/** Why the call being made now is made. Calls of the booking flow outside a read scope (training, the CLI) count as the patient's. */
function purposeNow(operation: string): CallPurpose {
  const scope = currentReadScope();
  if (scope) return scope.purpose;
  return operation === 'listDirectory' || operation === 'status' ? 'background' : 'patient';
}

/** The same scheduler, with every call counted before it is made. */
export function countBackendCalls<S extends Scheduler>(inner: S, onCall: OnBackendCall): S {
  return new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!SCHEDULER_OPERATIONS.has(property)) return method.bind(target);
      const operation = String(property);
      return (...args: unknown[]) => {
        onCall(operation, purposeNow(operation));
        return method.apply(target, args);
      };
    },
  });
}

/** `kiosk_scheduler_calls_total{operation,purpose}` on the kiosk's registry. */
export function backendCallCounter(registry: Registry): OnBackendCall {
  const calls = new Counter({
    name: 'kiosk_scheduler_calls_total',
    help: 'Calls that reached the scheduler backend, by port operation and purpose (patient: a tap; prefetch: read ahead of the patient; background: reference data, probes)',
    labelNames: ['operation', 'purpose'],
    registers: [registry],
  });
  return (operation, purpose) => calls.inc({ operation, purpose });
}

/** `kiosk_prefetch_reads_total{outcome}`: how the patient's reads in a session were answered (hit, shared with a call in flight, miss). */
export function prefetchReadCounter(registry: Registry): (outcome: 'hit' | 'shared' | 'miss') => void {
  const reads = new Counter({
    name: 'kiosk_prefetch_reads_total',
    help: "The patient's slot and appointment reads: hit (read ahead and kept), shared (joined a call in flight), miss (asked the backend)",
    labelNames: ['outcome'],
    registers: [registry],
  });
  return (outcome) => reads.inc({ outcome });
}
