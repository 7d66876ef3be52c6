// `scheduler.prefetch`: reading ahead of the patient (booking/read-ahead.ts).
// On by default for backends across the network (FHIR, a regional hub), where
// every call costs the patient most of a second; off for the embedded
// scheduler, which answers in milliseconds and would only do the work twice.
import { z } from 'zod';

export interface ReadAheadSettings {
  /** How long a read made ahead (or by the patient) answers again: a slot taken since is refused at hold or confirm. */
  readonly ttlMs: number;
  /** Specialties whose free times are read as soon as the list of specialties is known (in the list's order). */
  readonly specialtiesAhead: number;
  /** Reads ahead in flight at once, per session. */
  readonly parallel: number;
  /** Reads kept per session. */
  readonly maxEntries: number;
  /** Slots, counts and appointments kept per session in all. */
  readonly maxItems: number;
  /** Sessions with a memo at once; the least recently used goes first. */
  readonly maxSessions: number;
}

export const DEFAULT_READ_AHEAD: ReadAheadSettings = {
  ttlMs: 60_000,
  specialtiesAhead: 20,
  parallel: 8,
  maxEntries: 64,
  maxItems: 50_000,
  maxSessions: 4,
};

export const prefetchConfig = z
  .object({
    /** Read ahead of the patient; default: on for fhir and n3, off for embedded. */
    enabled: z.boolean().optional(),
    /** Seconds a free-time list read ahead may be shown (a slot taken since is refused at hold or confirm, kindly). */
    slotsTtlSeconds: z.number().min(1).max(300).default(DEFAULT_READ_AHEAD.ttlMs / 1000),
    /** Specialties whose free times are read right after the specialties are listed. */
    specialtiesAhead: z.number().int().min(0).max(100).default(DEFAULT_READ_AHEAD.specialtiesAhead),
    /** Reads ahead in flight at once for one patient (the backend's load). */
    parallel: z.number().int().min(1).max(32).default(DEFAULT_READ_AHEAD.parallel),
  })
  .strict();

export type PrefetchConfig = z.infer<typeof prefetchConfig>;

/** The settings for this scheduler config, or null when reading ahead is off. */
export function readAheadSettingsOf(scheduler: { readonly adapter: string; readonly prefetch?: PrefetchConfig | undefined }): ReadAheadSettings | null {
  const p = scheduler.prefetch;
  if (!(p?.enabled ?? scheduler.adapter !== 'embedded')) return null;
  if (!p) return DEFAULT_READ_AHEAD;
  return { ...DEFAULT_READ_AHEAD, ttlMs: p.slotsTtlSeconds * 1000, specialtiesAhead: p.specialtiesAhead, parallel: p.parallel };
}
