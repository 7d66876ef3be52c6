// What clinic IT counts across a fleet, in Prometheus text format (GET
// /metrics): bookings by specialty and channel, cancellations, waiting-list
// entries, print outcomes, paper state, scheduler latency and errors, sessions
// started / completed / abandoned, idle resets. One registry per running kiosk
// (never prom-client's global one), labelled with the kiosk id. Labels carry
// codes only (specialty, channel, reason), never personal data.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { assistanceScreenLabel } from '../contract/assistance-screens';
import { UI_SESSION_END_REASONS, type SessionChannel } from '../contract/booking';
import type { PaperState } from '../contract/service';
import type { PrinterStatus, PrintResult } from '../contract/printer';

/** Why a session ended, as the UI reports it (`DELETE /api/sessions/current?reason=`) or the bridge decides (`expired`). */
export type SessionEndReason = 'done' | 'home' | 'idle' | 'expired' | 'evicted' | 'unspecified';

/**
 * Ticket from the patient's journey, a reprint (the patient's own, or from the journal in service mode), a service test print,
 * or the памятка from the attract screen (not a ticket, but the same paper and printer: paper use and failures count alike).
 */
export type PrintKind = 'ticket' | 'reprint' | 'test' | 'memo' | 'training' | 'request-slip';

/**
 * Whose session: a patient's, or (issue 8) a volunteer's training walk. Every
 * session and booking counter has the label, so training never inflates the
 * clinic's numbers (training tickets count as print kind `training`).
 */
export type SessionMode = 'patient' | 'training';

/** The booking service's hooks (booking/booking-service.ts calls them). */
export interface BookingMetrics {
  sessionStarted(channel: SessionChannel): void;
  sessionEnded(reason: SessionEndReason): void;
  booked(specialty: string, channel: SessionChannel): void;
  cancelled(specialty: string): void;
  waitingListJoined(specialty: string, claim: string): void;
  ticketPrinted(kind: PrintKind, outcome: PrintResult): void;
}

export type SchedulerCallOutcome = 'ok' | 'refused' | 'unavailable' | 'error';

export interface KioskMetrics extends BookingMetrics {
  readonly registry: Registry;
  /** The UI reset the journey after the idle timeout (with or without an identified patient). */
  idleReset(withSession: boolean): void;
  printerStatus(status: PrinterStatus): void;
  schedulerCall(operation: string, seconds: number, outcome: SchedulerCallOutcome): void;
  serviceLogin(outcome: 'ok' | 'wrong-pin' | 'locked-out'): void;
  configReload(outcome: 'applied' | 'invalid'): void;
  /** The counters of the booking service of `mode`: the real one's are `patient`, the training sandbox's `training`. */
  forMode(mode: SessionMode): BookingMetrics;
  /** Training mode started, or ended (by the volunteer, by inactivity, by shutdown). */
  trainingPeriod(event: 'started' | 'volunteer' | 'idle' | 'session' | 'shutdown'): void;
  /** A patient pressed «Позвать волонтёра» on this screen (assistance/assistance-routes.ts). */
  assistanceCalled(screen: string): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ readonly contentType: string; readonly body: string }>;
}

const PRINTER_STATES: readonly PrinterStatus['state'][] = ['ready', 'paper-near-end', 'paper-out', 'cover-open', 'cutter-error', 'offline', 'unknown'];
const PAPER_STATES: readonly PaperState[] = ['ok', 'near-end', 'out', 'unknown'];

/** What the printer's status says about the paper (`unknown` when it cannot tell: offline, cover open). */
export function paperStateOf(status: PrinterStatus): PaperState {
  switch (status.state) {
    case 'ready':
    case 'cutter-error':
      return 'ok';
    case 'paper-near-end':
      return 'near-end';
    case 'paper-out':
      return 'out';
    default:
      return 'unknown';
  }
}

export interface KioskMetricsOptions {
  readonly kioskId: string;
  readonly version: string;
  /** Node's process metrics (CPU, memory, event loop): on for a real kiosk. */
  readonly processMetrics?: boolean;
}

export function createKioskMetrics(options: KioskMetricsOptions): KioskMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ kiosk: options.kioskId });
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({ name: 'kiosk_info', help: 'Always 1; the bridge version as a label', labelNames: ['version'], registers }).set({ version: options.version }, 1);

  const sessionsStarted = new Counter({ name: 'kiosk_sessions_started_total', help: 'Patients identified (sessions started), by channel', labelNames: ['channel', 'mode'], registers });
  const sessionsCompleted = new Counter({ name: 'kiosk_sessions_completed_total', help: 'Sessions the patient finished (the UI ended them with reason=done)', labelNames: ['mode'], registers });
  const sessionsAbandoned = new Counter({
    name: 'kiosk_sessions_abandoned_total',
    help: 'Sessions left unfinished: home (В начало), idle (timeout), expired (the UI never ended it), unspecified (no reason given)',
    labelNames: ['reason', 'mode'],
    registers,
  });
  const idleResets = new Counter({ name: 'kiosk_idle_resets_total', help: 'Journeys reset by the idle timeout, with or without an identified patient', labelNames: ['with_session'], registers });
  const bookings = new Counter({ name: 'kiosk_bookings_total', help: 'Appointments booked at the kiosk, by specialty code and identification channel', labelNames: ['specialty', 'channel', 'mode'], registers });
  const cancellations = new Counter({ name: 'kiosk_cancellations_total', help: 'Appointments cancelled at the kiosk, by specialty code', labelNames: ['specialty', 'mode'], registers });
  const waitingList = new Counter({ name: 'kiosk_waiting_list_entries_total', help: 'Waiting-list entries made at the kiosk, by specialty code and claim', labelNames: ['specialty', 'claim', 'mode'], registers });
  const prints = new Counter({
    name: 'kiosk_ticket_prints_total',
    help: 'Print attempts by kind (ticket, reprint, test, memo) and outcome; printer_state is the printer status of a failed attempt (ready when printed)',
    labelNames: ['kind', 'outcome', 'printer_state'],
    registers,
  });
  const printerState = new Gauge({ name: 'kiosk_printer_state', help: 'The printer status: 1 for the current state, 0 for the others', labelNames: ['state'], registers });
  const paper = new Gauge({ name: 'kiosk_printer_paper', help: 'Paper: 1 for the current state (ok, near-end, out, unknown), 0 for the others', labelNames: ['state'], registers });
  const schedulerSeconds = new Histogram({
    name: 'kiosk_scheduler_call_duration_seconds',
    help: 'Scheduler calls as the kiosk sees them (timeouts, retries and the circuit breaker included), by operation and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers,
  });
  const schedulerErrors = new Counter({
    name: 'kiosk_scheduler_errors_total',
    help: 'Scheduler calls that failed (unavailable: timeout, network, circuit open; error: a bug), by operation',
    labelNames: ['operation', 'kind'],
    registers,
  });
  const serviceLogins = new Counter({ name: 'kiosk_service_logins_total', help: 'Service-mode PIN attempts by outcome', labelNames: ['outcome'], registers });
  const configReloads = new Counter({ name: 'kiosk_config_reloads_total', help: 'Config reloads by outcome (an invalid one changes nothing)', labelNames: ['outcome'], registers });
  const assistanceCalls = new Counter({
    name: 'kiosk_assistance_calls_total',
    help: 'Patients who pressed «Позвать волонтёра», by the screen they were stuck on',
    labelNames: ['screen'],
    registers,
  });

  const trainingActive = new Gauge({ name: 'kiosk_training_active', help: '1 while the kiosk is in training mode (bookings go to a sandbox)', registers });
  const trainingPeriods = new Counter({
    name: 'kiosk_training_periods_total',
    help: 'Training mode periods: started, and ended by volunteer (PIN), idle (no touch), session (a demonstrated visit ended) or shutdown',
    labelNames: ['event'],
    registers,
  });
  trainingActive.set(0);

  for (const state of PRINTER_STATES) printerState.set({ state }, state === 'unknown' ? 1 : 0);
  for (const state of PAPER_STATES) paper.set({ state }, state === 'unknown' ? 1 : 0);

  const countPrint: BookingMetrics['ticketPrinted'] = (kind, outcome) =>
    prints.inc({ kind, outcome: outcome.outcome, printer_state: outcome.outcome === 'printed' ? 'ready' : outcome.status.state });
  const forMode = (mode: SessionMode): BookingMetrics => ({
    sessionStarted: (channel) => sessionsStarted.inc({ channel, mode }),
    sessionEnded(reason) {
      if (reason === 'done') sessionsCompleted.inc({ mode });
      else sessionsAbandoned.inc({ reason, mode });
    },
    booked: (specialty, channel) => bookings.inc({ specialty, channel, mode }),
    cancelled: (specialty) => cancellations.inc({ specialty, mode }),
    waitingListJoined: (specialty, claim) => waitingList.inc({ specialty, claim, mode }),
    // A sample ticket uses paper like any other, but must not pass for a patient's.
    ticketPrinted: (kind, outcome) => countPrint(mode === 'training' ? 'training' : kind, outcome),
  });

  return {
    registry,
    ...forMode('patient'),
    forMode,
    trainingPeriod(event) {
      trainingPeriods.inc({ event });
      trainingActive.set(event === 'started' ? 1 : 0);
    },
    idleReset: (withSession) => idleResets.inc({ with_session: String(withSession) }),
    printerStatus(status) {
      for (const state of PRINTER_STATES) printerState.set({ state }, state === status.state ? 1 : 0);
      const now = paperStateOf(status);
      for (const state of PAPER_STATES) paper.set({ state }, state === now ? 1 : 0);
    },
    schedulerCall(operation, seconds, outcome) {
      schedulerSeconds.observe({ operation, outcome }, seconds);
      if (outcome === 'unavailable' || outcome === 'error') schedulerErrors.inc({ operation, kind: outcome });
    },
    serviceLogin: (outcome) => serviceLogins.inc({ outcome }),
    configReload: (outcome) => configReloads.inc({ outcome }),
    // Known screens by name, anything else as `other`: a handful of series whatever callers send.
    assistanceCalled: (screen) => assistanceCalls.inc({ screen: assistanceScreenLabel(screen) }),
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** `?reason=` of `DELETE /api/sessions/current`; anything else is `unspecified` (ending a session is never refused). */
export function sessionEndReasonOf(query: unknown): SessionEndReason {
  const reason = typeof query === 'object' && query !== null ? (query as Record<string, unknown>).reason : undefined;
  return (UI_SESSION_END_REASONS as readonly unknown[]).includes(reason) ? (reason as SessionEndReason) : 'unspecified';
}
