// What every part of the FHIR adapter shares: the HTTP client, the clinic's
// time zone, the per-call budget, the specialty codes and the clock.
import { toLocalDateTime } from '../../domain/clinic-clock';
import { localToInstant } from '../local-time';
import type { LocalDateTime } from '../scheduler-port';
import { Deadline, type FhirHttp } from './fhir-http';
import type { SpecialtyCodes } from './fhir-mapping';

export interface FhirContext {
  readonly http: FhirHttp;
  readonly timeZone: string;
  /** Budget of one port call, all its requests together. */
  readonly timeoutMs: number;
  readonly codes: SpecialtyCodes;
  readonly now: () => Date;
}

/** A fresh budget for one port call. */
export function deadline(ctx: FhirContext): Deadline {
  return new Deadline(ctx.timeoutMs);
}

export function nowLocal(ctx: FhirContext): LocalDateTime {
  return toLocalDateTime(ctx.now(), ctx.timeZone);
}

/** A clinic wall-clock time as a FHIR instant, for search parameters. */
export function instant(ctx: FhirContext, local: LocalDateTime): string {
  return localToInstant(local, ctx.timeZone);
}
