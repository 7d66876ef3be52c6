// The sandbox one training period books in: the demo clinic loaded into an
// in-memory embedded scheduler and an in-memory print journal, under the same
// booking stack as patients get (booking-stack.ts, built by main.ts) with
// training counters. Tickets come out marked «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН» top
// and bottom, with the clinic's name and nothing else of it.
import { shortName } from '../booking/booking-ticket';
import type { DemoCardKind } from '../contract/kiosk';
import type { BookingStack } from '../booking-stack';
import { openPrintJournal, type PrintJournal } from '../journal/print-journal';
import { err, ok, type Result } from '../contract/result';
import { formatClinicDefinitionIssues, loadClinicDefinition } from '../scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../scheduler/embedded/embedded-scheduler';
import { ageOn } from '../scheduler/local-time';
import { toLocalDateTime } from '../domain/clinic-clock';
import type { Patient, Scheduler } from '../scheduler/scheduler-port';
import type { TrainingSandbox } from './training-mode';

/**
 * One on-screen card per kind of patient a volunteer shows (the first of each kind in the clinic file): an adult
 * with the 16-digit ЕНП, a child (the children's doctors), a temporary certificate, an old-style policy.
 */
const DEMO_KINDS: readonly DemoCardKind[] = ['adult', 'child', 'temporary', 'old-style'];

/** Which kind of demo card a patient of the clinic file makes. */
export function demoKindOf(patient: Pick<Patient, 'policyNumber' | 'birthDate'>, today: string, adultAge: number): DemoCardKind {
  if (/^\d{9}$/.test(patient.policyNumber)) return 'temporary';
  if (!/^\d{16}$/.test(patient.policyNumber)) return 'old-style';
  return ageOn(patient.birthDate, today) < adultAge ? 'child' : 'adult';
}

export interface TrainingSandboxOptions {
  /** The demo clinic file (absolute path). */
  readonly clinicFile: string;
  readonly timeZone: string;
  readonly horizonDays: number;
  /** booking.adultAge: who counts as a child on the demo cards. */
  readonly adultAge: number;
  /** The booking stack over the sandbox's scheduler and journal, as main.ts builds it for a training period. */
  readonly openStack: (parts: { readonly scheduler: Scheduler; readonly journal: PrintJournal }) => BookingStack;
  readonly now: () => Date;
}

export function openTrainingSandbox(options: TrainingSandboxOptions): Result<TrainingSandbox, string> {
  const clinic = loadClinicDefinition(options.clinicFile);
  if (!clinic.ok) return err(`training.clinicFile (${options.clinicFile}):\n${formatClinicDefinitionIssues(clinic.error)}`);
  const scheduler = openEmbeddedScheduler({
    dbPath: ':memory:',
    clinic: clinic.value,
    timeZone: options.timeZone,
    horizonDays: options.horizonDays,
    now: options.now,
  });
  const journal = openPrintJournal({ file: ':memory:', now: options.now });
  const stack = options.openStack({ scheduler, journal });
  const today = toLocalDateTime(options.now(), options.timeZone).slice(0, 10);
  const attached = clinic.value.patients.filter((p) => p.attached);
  const cards = DEMO_KINDS.flatMap((kind) => {
    const first = attached.find((p) => demoKindOf(p, today, options.adultAge) === kind);
    return first ? [{ patient: first, kind }] : [];
  });
  return ok({
    ...stack,
    demoPatients: cards.map(({ patient, kind }) => ({ displayName: shortName(patient), kind })),
    policyOf: (index) => cards[index]?.patient.policyNumber ?? null,
    close() {
      journal.close();
      scheduler.close();
    },
  });
}
