// A hub's `Success=false` ErrorList as the kiosk's typed refusals. The hub's
// numbers are not published: codes the project's emulator uses (and that a
// public REST façade reports) are matched first, then the hub's Russian text.
// Anything else is the hub's own rule: `backend-rule`, its text kept for the
// log (redacted), never shown to a patient as is.
import type { SchedulerError } from '../scheduler-port';
import type { HubError } from './soap-envelope';

/** The emulator's codes (device-bridge/scheduler/n3/emulator/hub-emulator.ts answers with them). */
export const HUB_ERROR = {
  patientNotFound: '10',
  notAttached: '11',
  appointmentNotFound: '12',
  noFreeTickets: '39',
  slotTaken: '40',
} as const;

type Refusal = Extract<SchedulerError, { kind: 'patient-not-found' | 'not-attached' | 'slot-taken' | 'appointment-not-found' | 'slot-not-found' }>['kind'];

const BY_TEXT: readonly [RegExp, Refusal][] = [
  [/не\s+прикреплен|не\s+прикреплён|прикрепл[её]н\s+к\s+друг/i, 'not-attached'],
  [/пациент\S*\s+не\s+найден|не\s+найден\S*\s+пациент/i, 'patient-not-found'],
  [/запис\S*\s+не\s+найден|талон\S*\s+не\s+найден/i, 'appointment-not-found'],
  [/занят|уже\s+запис|нет\s+свободн|недоступ/i, 'slot-taken'],
];

/** The hub's text for a log line: no digit runs (a policy, a date), no more than 200 characters. */
export function redactHubText(text: string): string {
  return text.replace(/\d[\d\s.-]{3,}\d/g, '…').replace(/\s+/g, ' ').slice(0, 200);
}

/** The refusal an ErrorList means; `backend-rule` when none of the known ones. */
export function refusalOf(errors: readonly HubError[]): SchedulerError {
  for (const e of errors) {
    if (e.id === HUB_ERROR.notAttached) return { kind: 'not-attached' };
    if (e.id === HUB_ERROR.patientNotFound) return { kind: 'patient-not-found' };
    if (e.id === HUB_ERROR.appointmentNotFound) return { kind: 'appointment-not-found' };
    if (e.id === HUB_ERROR.slotTaken || e.id === HUB_ERROR.noFreeTickets) return { kind: 'slot-taken' };
  }
  for (const e of errors) {
    for (const [re, kind] of BY_TEXT) if (re.test(e.description)) return { kind };
  }
  const message = errors.map((e) => `${e.id ?? '?'}: ${redactHubText(e.description)}`).join('; ') || 'refused without an error list';
  return { kind: 'rejected-by-rule', rule: 'backend-rule', message: `hub: ${message}` };
}
