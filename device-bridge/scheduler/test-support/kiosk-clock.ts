// The kiosk's timers on a clock the test moves (vitest fake timers), so that
// "answers within 3 s" and "answers at once" are statements about that clock,
// not about how busy the machine running the tests happens to be. Real I/O
// (sockets, SQLite) still runs in real time while the fake clock stands still.
import { vi } from 'vitest';

/** Captured before any test fakes it: waiting for real I/O must not move the fake clock. */
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;

/**
 * Stops the kiosk's clock: timers, and with `monotonic` also `performance.now()`
 * (what the deadlines, the breaker and the caches measure with), so time passes
 * only by `vi.advanceTimersByTimeAsync`. Undo with `vi.useRealTimers()`.
 */
export function stopTheClock(options: { monotonic: boolean }): void {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', ...(options.monotonic ? (['performance'] as const) : [])],
  });
}

export interface Tracked<T> {
  readonly settled: boolean;
  /** The answer; throws when asked before it came. */
  readonly value: T;
}

/** Watches a promise without awaiting it. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  let state: { settled: false } | { settled: true; value: T } = { settled: false };
  void promise.then((value) => {
    state = { settled: true, value };
  });
  return {
    get settled() {
      return state.settled;
    },
    get value(): T {
      if (!state.settled) throw new Error('no answer yet');
      return state.value;
    },
  };
}

/** One turn of the real event loop: every microtask and ready I/O callback runs; no timer fires. */
export function oneTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Waits in real time, the fake clock standing still, until `condition` holds (for events outside the kiosk, e.g. a server receiving). */
export async function untilReal(condition: () => boolean | Promise<boolean>, what: string, giveUpMs = 10_000): Promise<void> {
  const pauseMs = 5;
  for (let waited = 0; waited < giveUpMs; waited += pauseMs) {
    if (await condition()) return;
    await new Promise((resolve) => realSetTimeout(resolve, pauseMs));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Runs `call` with the clock stopped and gives its answer if it came with no
 * timer firing, i.e. without waiting for a timeout, a retry pause or a probe.
 */
export async function answerWithoutWaiting<T>(call: () => Promise<T>): Promise<Tracked<T>> {
  stopTheClock({ monotonic: false });
  try {
    const answer = track(call());
    await oneTurn();
    return answer;
  } finally {
    vi.useRealTimers();
  }
}
