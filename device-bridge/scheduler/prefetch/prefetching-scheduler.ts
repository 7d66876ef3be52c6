// The scheduler port with a memory for one patient session: free slots,
// counts, nearest times and the patient's appointments read in a session's
// scope (read-scope.ts) are kept for a short while (session-reads.ts), so a
// read made ahead of the patient's tap answers the tap at once, and calls for
// the same thing at the same time share one backend call. A later window
// start is answered from an earlier one by leaving out what has passed.
// Writes go straight through and forget the reads they may change; a stale
// slot is then refused by the backend at hold or confirm (`slot-taken`).
// Outside a session's scope every call goes straight through, except that
// concurrent directory reads share one call (the resilience wrapper caches it).
import type { Result } from '../../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  FreeSlotCount,
  Hold,
  KeyedBooking,
  LocalDate,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  WaitingListEntry,
  WaitingListRequest,
} from '../scheduler-port';
import { currentReadScope } from './read-scope';
import type { ReadKind, ReadRequest } from './session-reads';

type Outcome<T> = Result<T, SchedulerError>;

/** The query without its window start, in a stable order (doctor ids sorted). */
function keyOf(operation: string, query: SlotQuery): string {
  const doctorIds = query.doctorIds ? [...query.doctorIds].sort() : null;
  return JSON.stringify([operation, query.to, query.specialtyCode ?? null, doctorIds]);
}

export class PrefetchingScheduler implements Scheduler {
  private directoryInFlight: Promise<Outcome<ClinicDirectory>> | null = null;

  constructor(private readonly inner: Scheduler) {}

  get needsBirthDate(): boolean {
    return this.inner.needsBirthDate === true;
  }

  findPatientByPolicy(policyNumber: string, birthDate?: LocalDate): Promise<Outcome<Patient>> {
    return this.inner.findPatientByPolicy(policyNumber, birthDate);
  }

  /** Reference data: cached with its staleness bound by the resilience wrapper; here concurrent reads share one call. */
  listDirectory(): Promise<Outcome<ClinicDirectory>> {
    if (!this.directoryInFlight) {
      this.directoryInFlight = this.inner.listDirectory().finally(() => {
        this.directoryInFlight = null;
      });
    }
    return this.directoryInFlight;
  }

  listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    return this.read('slots', query.from, {
      operation: 'listFreeSlots',
      key: keyOf('listFreeSlots', query),
      load: () => this.inner.listFreeSlots(query),
      derive: (slots) => slots.filter((s) => s.start >= query.from),
      size: (slots) => slots.length,
    });
  }

  countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    return this.read('slots', query.from, {
      operation: 'countFreeSlots',
      key: keyOf('countFreeSlots', query),
      load: () => this.inner.countFreeSlots(query),
      // A day's count includes the times that have passed since: only the same window answers.
      derive: (counts, fetchedFrom) => (fetchedFrom === query.from ? counts : undefined),
      size: (counts) => counts.length,
    });
  }

  firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    return this.read('slots', query.from, {
      operation: 'firstFreeSlot',
      key: keyOf('firstFreeSlot', query),
      load: () => this.inner.firstFreeSlot(query),
      // None from an earlier start means none from a later one; a first time that has passed tells nothing.
      derive: (first) => (first === null || first >= query.from ? first : undefined),
      size: () => 1,
    });
  }

  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    return this.read('appointments', query.from, {
      operation: 'listAppointments',
      key: JSON.stringify(['listAppointments', patientId]),
      load: () => this.inner.listAppointments(patientId, query),
      derive: (appointments) => appointments.filter((a) => a.slot.start >= query.from),
      size: (appointments) => appointments.length,
    });
  }

  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    return this.write('slots', () => this.inner.holdSlot(slotId, patientId, ttlSeconds));
  }

  confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    return this.write('all', () => this.inner.confirmHold(holdId, clientKey));
  }

  bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    return this.inner.bookingByClientKey(clientKey);
  }

  releaseHold(holdId: string): Promise<Outcome<void>> {
    return this.write('slots', () => this.inner.releaseHold(holdId));
  }

  cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.write('all', () => this.inner.cancelAppointment(appointmentId, patientId));
  }

  /** An arrival changes the patient's appointments (their status), not the free slots. */
  checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.write('all', () => this.inner.checkIn(appointmentId, patientId));
  }

  findAppointmentByNumber(number: string): Promise<Outcome<Appointment | null>> {
    return this.inner.findAppointmentByNumber(number);
  }

  /** Changes neither free slots nor appointments. */
  joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    return this.inner.joinWaitingList(request);
  }

  status(): Promise<SchedulerStatus> {
    return this.inner.status();
  }

  close(): void {
    this.inner.close();
  }

  private read<T>(kind: ReadKind, from: string, request: Omit<ReadRequest<T>, 'kind' | 'from' | 'purpose'>): Promise<Outcome<T>> {
    const scope = currentReadScope();
    if (!scope) return request.load();
    return scope.reads.read({ ...request, kind, from, purpose: scope.purpose });
  }

  /**
   * Forgets before (so no read starts from the old state) and after (so none in flight across the write is kept).
   * A booking or cancellation changes the patient's appointments only once it lands: until then, and when
   * refused for sure, only the free slots are forgotten; when it landed or nobody knows (`unavailable`), both.
   */
  private async write<T>(changes: 'slots' | 'all', work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const scope = currentReadScope();
    scope?.reads.invalidate('slots');
    let answer: Outcome<T> | undefined;
    try {
      answer = await work();
      return answer;
    } finally {
      const landed = answer === undefined || answer.ok || answer.error.kind === 'unavailable';
      scope?.reads.invalidate(changes === 'all' && landed ? 'all' : 'slots');
    }
  }
}
