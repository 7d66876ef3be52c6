// The sandbox one training period books in: the demo clinic loaded into an
// in-memory embedded scheduler and an in-memory print journal, under the same
// booking stack as patients get (booking-stack.ts, built by main.ts) with
// training counters. Tickets come out marked «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН» top
// and bottom, with the clinic's name and nothing else of it.
import { shortName } from '../booking/booking-ticket';
import type { BookingStack } from '../booking-stack';
import { openPrintJournal, type PrintJournal } from '../journal/print-journal';
import { err, ok, type Result } from '../contract/result';
import { formatClinicDefinitionIssues, loadClinicDefinition } from '../scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../scheduler/embedded/embedded-scheduler';
import type { Scheduler } from '../scheduler/scheduler-port';
import type { TrainingSandbox } from './training-mode';

/** How many demo patients get an on-screen card button: enough to show the branches, few enough to read. */
const DEMO_CARDS = 4;

export interface TrainingSandboxOptions {
  /** The demo clinic file (absolute path). */
  readonly clinicFile: string;
  readonly timeZone: string;
  readonly horizonDays: number;
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
  const cards = clinic.value.patients.filter((p) => p.attached).slice(0, DEMO_CARDS);
  return ok({
    ...stack,
    demoPatients: cards.map((p) => ({ displayName: shortName(p) })),
    policyOf: (index) => cards[index]?.policyNumber ?? null,
    close() {
      journal.close();
      scheduler.close();
    },
  });
}
