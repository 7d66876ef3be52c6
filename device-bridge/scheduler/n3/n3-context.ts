// What the n3 adapter's parts share: the hub client, the bridge's book, the
// clinic's id and clock, and the hub's answers as the kiosk's typed errors.
import { err, type Result } from '../../contract/result';
import type { LocalDateTime, SchedulerError } from '../scheduler-port';
import type { HubClient } from './hub-client';
import { refusalOf } from './hub-errors';
import type { N3Book } from './n3-book';
import { arg, type HubFailure } from './soap-envelope';
import type { XmlElement } from './xml/xml-reader';
import type { XmlNode } from './xml/xml-writer';

export type Outcome<T> = Result<T, SchedulerError>;

export interface N3Context {
  readonly hub: HubClient;
  readonly book: N3Book;
  readonly lpuId: number;
  readonly nowMs: () => number;
  readonly nowLocal: () => LocalDateTime;
}

/** A hub failure as the kiosk's error: refusals by their meaning, everything else `unavailable`. */
export function schedulerError(failure: HubFailure): SchedulerError {
  return failure.kind === 'unavailable' ? { kind: 'unavailable', cause: failure.cause } : refusalOf(failure.errors);
}

/** Calls an operation (arguments in the hub's order: WCF reads them in order), failures as the kiosk's errors. */
export async function hubCall(ctx: N3Context, operation: string, args: readonly XmlNode[]): Promise<Result<XmlElement, SchedulerError>> {
  const answer = await ctx.hub.call(operation, args);
  return answer.ok ? answer : err(schedulerError(answer.error));
}

/** The `idLpu` argument. */
export const lpu = (ctx: N3Context) => arg('idLpu', ctx.lpuId);

/** `2026-11-23T10:15` → `2026-11-23T10:15:00`, the hub's dateTime. */
export const hubDateTime = (local: LocalDateTime) => `${local}:00`;
