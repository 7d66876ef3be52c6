// Optimistic concurrency on a FHIR server: a resource is written back only if
// nobody changed it since we read it (`If-Match: W/"<versionId>"`); a 412 means
// somebody did, so we read it again and decide afresh. Holding, confirming,
// cancelling and freeing a slot all go through here, so the rule lives once.
import { err, type Result } from '../../contract/result';
import type { SchedulerError } from '../scheduler-port';
import type { Deadline, FhirAnswer, FhirHttp } from './fhir-http';

type Outcome<T> = Result<T, SchedulerError>;

/** A resource as read, with the version its ETag (or meta) named. */
export interface Versioned<R> {
  readonly resource: R;
  readonly version: string | null;
}

/** What to do with the resource as it is now: stop with an answer, or write this body back. */
export type Decision<T> = { readonly done: Outcome<T> } | { readonly write: object };

/** One conditional PUT. Without a known version the write is unconditional (servers without versioning). */
export async function putIfMatch(
  http: FhirHttp,
  d: Deadline,
  path: string,
  body: object,
  version: string | null,
): Promise<Result<FhirAnswer, Extract<SchedulerError, { kind: 'unavailable' }>>> {
  return http.request(d, 'PUT', path, { body, headers: version ? { 'if-match': `W/"${version}"` } : {} });
}

export interface ReadModifyWrite<R, T> {
  readonly path: string;
  /** Reads the resource again (null: it is gone). */
  readonly read: () => Promise<Outcome<Versioned<R> | null>>;
  /** The resource as already read by the caller, to save the first read. */
  readonly current?: Versioned<R> | null;
  /** Pure: from what the resource is now, the answer or the body to write. */
  readonly decide: (current: Versioned<R> | null) => Decision<T>;
  /** The answer once a write went through (any status but 412). */
  readonly written: (answer: FhirAnswer) => Outcome<T>;
  /** Writes lost to a concurrent change before giving up. */
  readonly attempts: number;
  /** The answer when every write lost and the resource still needs one. */
  readonly exhausted: () => Outcome<T>;
}

/**
 * Read → decide → conditional write, again after each lost race, `attempts` writes at most.
 * After the last lost race it reads and decides once more: the winner may have left the
 * resource as we wanted it (our own earlier attempt, a retried confirm).
 */
export async function readModifyWrite<R, T>(http: FhirHttp, d: Deadline, step: ReadModifyWrite<R, T>): Promise<Outcome<T>> {
  let current = step.current;
  for (let lost = 0; ; lost++) {
    if (current === undefined) {
      const read = await step.read();
      if (!read.ok) return read;
      current = read.value;
    }
    const decision = step.decide(current);
    if ('done' in decision) return decision.done;
    if (lost >= step.attempts) return step.exhausted();
    const put = await putIfMatch(http, d, step.path, decision.write, current?.version ?? null);
    if (!put.ok) return err(put.error);
    if (put.value.status !== 412) return step.written(put.value);
    current = undefined;
  }
}
