// A slow backend for benchmarks and tests: any scheduler, answering each call
// after a set delay, half on the way in and half on the way out (a write lands
// in the middle, as on a real network). The per-operation profile says which
// calls cross the network: with a regional hub (N3 HubService) the hold is
// the bridge's own (the hub has none), so `hubLatency()` gives it no delay.
import type { Scheduler } from '../scheduler-port';

export type SchedulerOperation = Exclude<keyof Scheduler, 'close'>;

export interface LatencyProfile {
  /** Delay of every call not named below, in ms. */
  readonly defaultMs: number;
  readonly perOperation?: Partial<Record<SchedulerOperation, number>>;
}

/** A hub answering every call in `ms`, except the hold and its release, which a hub adapter keeps in the bridge. */
export function hubLatency(ms: number): LatencyProfile {
  return { defaultMs: ms, perOperation: { holdSlot: 0, releaseHold: 0 } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The same scheduler, slow as `profile` says. */
export function withLatency<S extends Scheduler>(inner: S, profile: LatencyProfile): S {
  return new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (property === 'close') return method.bind(target);
      const ms = profile.perOperation?.[property as SchedulerOperation] ?? profile.defaultMs;
      if (ms <= 0) return method.bind(target);
      return async (...args: unknown[]) => {
        await sleep(ms / 2);
        const answer = await method.apply(target, args);
        await sleep(ms / 2);
        return answer;
      };
    },
  });
}
