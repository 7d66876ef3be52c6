import { describe, expect, it } from 'vitest';
import { sessionsToEvict } from './session-caps';

const sessionsOf = (...patients: string[]) => new Map(patients.map((p, i) => [`s${i}`, { patient: { id: p } }]));

describe('session caps', () => {
  it('keeps at most perPatient sessions of one patient, ending the oldest', () => {
    expect(sessionsToEvict(sessionsOf('a', 'b', 'a', 'a'), 'a', { perPatient: 3, overall: 200 })).toEqual(['s0']);
    expect(sessionsToEvict(sessionsOf('a', 'a', 'a', 'a', 'a'), 'a', { perPatient: 3, overall: 200 })).toEqual(['s0', 's1', 's2']);
    expect(sessionsToEvict(sessionsOf('a', 'b', 'a'), 'a', { perPatient: 3, overall: 200 })).toEqual([]);
  });

  it('keeps at most overall sessions, ending the oldest of anybody', () => {
    expect(sessionsToEvict(sessionsOf('a', 'b', 'c', 'd'), 'e', { perPatient: 3, overall: 4 })).toEqual(['s0']);
    expect(sessionsToEvict(sessionsOf('a', 'b', 'c', 'd'), 'e', { perPatient: 3, overall: 2 })).toEqual(['s0', 's1', 's2']);
  });

  it('counts a patient eviction towards the overall cap', () => {
    // Evicting the patient's own oldest session already makes room overall.
    expect(sessionsToEvict(sessionsOf('b', 'a', 'a', 'a'), 'a', { perPatient: 3, overall: 4 })).toEqual(['s1']);
  });
});
