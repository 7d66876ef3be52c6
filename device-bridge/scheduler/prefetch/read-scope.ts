// Which patient session a scheduler call is made for, and why (the patient's
// tap or a read ahead of it). The scheduler port carries no session, and the
// booking service should not have to pass one through every call: the
// read-ahead wrapper (booking/read-ahead.ts) runs each of its calls inside a
// scope, and the scope travels with the call down to the prefetching
// scheduler (prefetching-scheduler.ts) and the backend call counter
// (metrics/backend-calls.ts). Outside any scope, nothing is memoised.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ReadPurpose, SessionReads } from './session-reads';

export interface ReadScope {
  /** The session's memo of backend reads. */
  readonly reads: SessionReads;
  readonly purpose: ReadPurpose;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `work` (and every call it makes, however deep) in `scope`. */
export function inReadScope<T>(scope: ReadScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The scope of the call being made, if any. */
export function currentReadScope(): ReadScope | undefined {
  return scopes.getStore();
}
