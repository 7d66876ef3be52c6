// How a part of the journey reads a bridge call's answer. Every call is one
// `invoke` of a named actor whose Result is branched on with these guards; the
// last branch, and a call that threw, go to the part's final `failed` state,
// whose output (failedOutput) says which dead end the patient sees.
import type { ApiError, ApiResult, PrintResult, SpecialtyBlock } from '../../device-bridge/contract';
import type { FailureKind, PartOutput } from './types';

type Answered = { event: { output: ApiResult<unknown> } };

export const isOk = ({ event }: Answered): boolean => event.output.ok;
export const errorIs =
  (...kinds: ApiError['kind'][]) =>
  ({ event }: Answered): boolean =>
    !event.output.ok && kinds.includes(event.output.error.kind);

/** A booking rule's refusal (or "not attached"), to show in plain words where the patient is. */
export const refusalOf = (output: ApiResult<unknown>): SpecialtyBlock | null =>
  !output.ok && (output.error.kind === 'rejected-by-rule' || output.error.kind === 'not-attached') ? (output.error as SpecialtyBlock) : null;
export const isRefusal = ({ event }: Answered): boolean => refusalOf(event.output) !== null;

export const valueOf = <T>(output: ApiResult<T>): T => {
  if (!output.ok) throw new Error(`journey read the value of a failed result: ${output.error.kind}`);
  return output.value;
};

export const failureOf = (output: ApiResult<unknown>): FailureKind => {
  if (output.ok) return 'unexpected';
  if (output.error.kind === 'unavailable') return 'scheduler-unavailable';
  if (output.error.kind === 'session-expired') return 'session-expired';
  return 'unexpected';
};

/**
 * The output of a part's `failed` state, from the event that led there: a call's
 * answer that no branch took (its error kind says which dead end), or a call that threw.
 */
export const failedOutput = ({ event }: { event: { type: string; output?: unknown } }): PartOutput => ({
  kind: 'failed',
  failure: event.output !== undefined ? failureOf(event.output as ApiResult<unknown>) : 'unexpected',
});

/**
 * A print's answer as the screen tells it (tickets and the памятка alike): only a confirmed cut is
 * "printed"; a refusal or a failed call is a failed print, so nobody is told to take paper that is not there.
 */
export const printedOrFailed = (output: { ok: true; value: PrintResult } | { ok: false; error: { kind: string } }): PrintResult =>
  output.ok ? output.value : { outcome: 'failed', status: { state: 'unknown', reason: output.error.kind } };
export const PRINT_CALL_FAILED: PrintResult = { outcome: 'failed', status: { state: 'unknown', reason: 'bridge call failed' } };

/** The default of every bridge actor: the wiring (wire-bridge.ts) or a test provides the real one. */
export const unwired = (name: string) => () => Promise.reject(new Error(`journey actor "${name}" was not provided a bridge`));
