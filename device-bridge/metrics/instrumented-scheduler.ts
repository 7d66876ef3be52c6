// Times every scheduler call as the kiosk experiences it (the resilience
// wrapper's timeouts, retries and open circuit included) and counts the
// failures, without changing a single answer. Wraps the outermost scheduler,
// like resilience/resilient-scheduler.ts wraps an adapter.
import type { Result } from '../contract/result';
import { SCHEDULER_OPERATIONS, type Scheduler, type SchedulerError, type SchedulerStatus } from '../scheduler/scheduler-port';
import type { SchedulerCallOutcome } from './kiosk-metrics';

type Observe = (operation: string, seconds: number, outcome: SchedulerCallOutcome) => void;


function outcomeOf(answer: unknown): SchedulerCallOutcome {
  if (typeof answer === 'object' && answer !== null && 'ok' in answer) {
    const result = answer as Result<unknown, SchedulerError>;
    if (result.ok) return 'ok';
    return result.error.kind === 'unavailable' ? 'unavailable' : 'refused';
  }
  const status = answer as SchedulerStatus;
  return status.state === 'ready' ? 'ok' : 'unavailable';
}

/** The same scheduler (same type, same answers), with every port call observed. */
export function instrumentScheduler<S extends Scheduler>(inner: S, observe: Observe, now: () => number = () => performance.now()): S {
  return new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!SCHEDULER_OPERATIONS.has(property)) return method.bind(target);
      const operation = String(property);
      return async (...args: unknown[]) => {
        const started = now();
        try {
          const answer = await method.apply(target, args);
          observe(operation, (now() - started) / 1000, outcomeOf(answer));
          return answer;
        } catch (cause) {
          observe(operation, (now() - started) / 1000, 'error');
          throw cause;
        }
      };
    },
  });
}
