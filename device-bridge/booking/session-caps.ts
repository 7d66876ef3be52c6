// How many patient sessions the bridge keeps in memory: a few per patient (a
// patient who identifies again without ending the last visit) and a bound
// overall, so a stuck or hostile client cannot grow the bridge without end
// (issue 18, item 4: one patient held 5,000 sessions, +22 MB). The oldest go
// first. Used by booking-service.ts when a session starts.

export interface SessionCaps {
  /** Live sessions of one patient (default 3). */
  readonly perPatient: number;
  /** Live sessions of all patients (default 200). */
  readonly overall: number;
}

export const DEFAULT_SESSION_CAPS: SessionCaps = { perPatient: 3, overall: 200 };

/**
 * The session ids to end so that one more session of `patientId` fits both caps,
 * oldest first. `sessions` iterates in creation order (a Map does).
 */
export function sessionsToEvict(sessions: ReadonlyMap<string, { readonly patient: { readonly id: string } }>, patientId: string, caps: SessionCaps): string[] {
  const evict = new Set<string>();
  const mine = [...sessions].filter(([, s]) => s.patient.id === patientId).map(([id]) => id);
  for (const id of mine.slice(0, Math.max(0, mine.length - (caps.perPatient - 1)))) evict.add(id);
  const overflow = sessions.size - evict.size - (caps.overall - 1);
  if (overflow > 0) {
    let n = 0;
    for (const id of sessions.keys()) {
      if (n >= overflow) break;
      if (!evict.has(id)) {
        evict.add(id);
        n++;
      }
    }
  }
  return [...evict];
}
