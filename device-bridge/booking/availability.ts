// What a patient may book, read through the booking rules: the specialties with
// their nearest free time, the doctors, the days and the times. Reads need no
// session (clinic-wide rules only); with one, the patient's own rules apply
// (district, age, sex, the bookings they already have).
import type { ApiResult } from '../contract';
import type { DayAvailability, DoctorView } from '../contract';
import { addDays } from '../domain/clinic-clock';
import { err, ok } from '../contract/result';
import type { Appointment, ClinicDirectory, LocalDate, Patient, Scheduler, Slot, SpecialtyAvailability } from '../scheduler/scheduler-port';
import type { BookingClock } from './booking-clock';
import type { BookingPolicy } from './booking-policy';

export interface AvailabilityDeps {
  readonly scheduler: Scheduler;
  readonly policy: BookingPolicy;
  readonly clock: BookingClock;
  readonly directory: () => Promise<ApiResult<ClinicDirectory>>;
  readonly upcoming: (patient: Patient | null) => Promise<ApiResult<Appointment[]>>;
  /** The session's patient and how many bookings this visit made; null without a session; an error for an expired one. */
  readonly sessionOf: (sessionId: string | undefined) => ApiResult<{ readonly patient: Patient; readonly bookedCount: number } | null>;
}

export type Availability = ReturnType<typeof createAvailability>;

export function createAvailability(deps: AvailabilityDeps) {
  const { clock, policy, scheduler } = deps;

  async function listSpecialties(sessionId?: string): Promise<ApiResult<SpecialtyAvailability[]>> {
    const session = deps.sessionOf(sessionId);
    if (!session.ok) return session;
    const patient = session.value?.patient ?? null;
    const asked = deps.upcoming(patient);
    asked.catch(() => undefined);
    const dir = await deps.directory();
    if (!dir.ok) return dir;
    const window = clock.bookingWindow();
    const listed = dir.value.specialties.filter((s) => policy.isListed(patient, s.code, clock.today()));
    // The nearest times are asked together with the patient's appointments, not after them: a backend
    // that takes most of a second per call answers the screen in one round trip, not two.
    const nearest = new Map(listed.map((s) => {
      const ids = policy.bookableDoctors(patient, dir.value, s.code).map((d) => d.id);
      const asking = ids.length > 0 ? scheduler.firstFreeSlot({ ...window, doctorIds: ids }) : null;
      // A bug (an exception) still reaches the caller below; one not awaited (a blocked specialty) must not go unhandled.
      asking?.catch(() => undefined);
      return [s.code, asking] as const;
    }));
    const appointments = await asked;
    if (!appointments.ok) return appointments;
    const context = { today: clock.today(), appointments: appointments.value, bookedInSession: session.value?.bookedCount ?? 0 };
    const rows = await Promise.all(
      listed.map(async (s): Promise<ApiResult<SpecialtyAvailability>> => {
        const blockedBy = policy.specialtyBlock(patient, dir.value, s.code, context);
        const doctors = policy.bookableDoctors(patient, dir.value, s.code);
        if (blockedBy || doctors.length === 0) return ok({ code: s.code, name: s.name, doctorCount: doctors.length, nearestFree: null, blockedBy });
        const first = (await nearest.get(s.code))!;
        if (!first.ok) return first;
        // A district specialty offers only the patient's own district doctor: named on the specialty screen.
        const own = patient?.district ? doctors.filter((d) => d.district === patient.district) : [];
        const ownDoctor = own.length === 1 ? { fullName: own[0]!.fullName, room: own[0]!.room } : null;
        return ok({ code: s.code, name: s.name, doctorCount: doctors.length, nearestFree: first.value, blockedBy: null, ownDoctor });
      }),
    );
    const out: SpecialtyAvailability[] = [];
    for (const r of rows) {
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }

  /** The doctors of a specialty this patient may book, or why the specialty is not theirs. */
  async function bookableDoctorIds(patient: Patient | null, code: string, doctorId?: string): Promise<ApiResult<{ dir: ClinicDirectory; ids: string[] }>> {
    const refusal = policy.specialtyRule(patient, code, clock.today());
    if (refusal) return err(refusal);
    const dir = await deps.directory();
    if (!dir.ok) return dir;
    let doctors = policy.bookableDoctors(patient, dir.value, code);
    if (doctorId !== undefined) {
      const doctor = dir.value.doctors.find((d) => d.id === doctorId && d.specialtyCode === code);
      const doctorRefusal = doctor ? policy.doctorRule(patient, doctor) : null;
      if (doctorRefusal) return err(doctorRefusal);
      doctors = doctors.filter((d) => d.id === doctorId);
    }
    return ok({ dir: dir.value, ids: doctors.map((d) => d.id) });
  }

  /** Free times of a specialty over the whole horizon (the first booking screens' list). */
  async function listSlots(specialtyCode: string, sessionId?: string, doctorId?: string): Promise<ApiResult<Slot[]>> {
    const session = deps.sessionOf(sessionId);
    if (!session.ok) return session;
    const doctors = await bookableDoctorIds(session.value?.patient ?? null, specialtyCode, doctorId);
    if (!doctors.ok) return doctors;
    if (doctors.value.ids.length === 0) return ok([]);
    return scheduler.listFreeSlots({ specialtyCode, ...clock.bookingWindow(), doctorIds: doctors.value.ids });
  }

  async function listDoctors(specialtyCode: string, sessionId?: string): Promise<ApiResult<DoctorView[]>> {
    const session = deps.sessionOf(sessionId);
    if (!session.ok) return session;
    const patient = session.value?.patient ?? null;
    const doctors = await bookableDoctorIds(patient, specialtyCode);
    if (!doctors.ok) return doctors;
    const counts = doctors.value.ids.length
      ? await scheduler.countFreeSlots({ specialtyCode, ...clock.bookingWindow(), doctorIds: doctors.value.ids })
      : ok([]);
    if (!counts.ok) return counts;
    const all = doctors.value.dir.doctors.filter((d) => d.specialtyCode === specialtyCode);
    const views = all.map((d): DoctorView => {
      const mine = counts.value.filter((c) => c.doctorId === d.id);
      const blockedBy = policy.doctorRule(patient, d);
      return {
        ...d,
        district: d.district ?? null,
        nearestFree: blockedBy ? null : (mine.map((c) => c.first).sort()[0] ?? null),
        freeCount: blockedBy ? 0 : mine.reduce((n, c) => n + c.count, 0),
        blockedBy: patient?.attached === false ? { kind: 'not-attached' } : blockedBy,
      };
    });
    // The patient's own doctors first, then by the nearest free time.
    return ok(views.sort((a, b) => Number(a.blockedBy !== null) - Number(b.blockedBy !== null) || (a.nearestFree ?? '~').localeCompare(b.nearestFree ?? '~')));
  }

  async function listDays(specialtyCode: string, sessionId?: string, doctorId?: string): Promise<ApiResult<DayAvailability[]>> {
    const session = deps.sessionOf(sessionId);
    if (!session.ok) return session;
    const doctors = await bookableDoctorIds(session.value?.patient ?? null, specialtyCode, doctorId);
    if (!doctors.ok) return doctors;
    const counts = doctors.value.ids.length
      ? await scheduler.countFreeSlots({ specialtyCode, ...clock.bookingWindow(), doctorIds: doctors.value.ids })
      : ok([]);
    if (!counts.ok) return counts;
    const byDay = new Map<string, number>();
    for (const c of counts.value) byDay.set(c.date, (byDay.get(c.date) ?? 0) + c.count);
    const first = clock.today();
    return ok(Array.from({ length: policy.settings.horizonDays }, (_, i) => {
      const date = addDays(first, i);
      return { date, freeCount: byDay.get(date) ?? 0 };
    }));
  }

  async function listDaySlots(specialtyCode: string, date: LocalDate, sessionId?: string, doctorId?: string): Promise<ApiResult<Slot[]>> {
    const session = deps.sessionOf(sessionId);
    if (!session.ok) return session;
    if (date >= policy.horizonEnd(clock.today())) {
      return err({ kind: 'rejected-by-rule', rule: 'beyond-horizon', horizonDays: policy.settings.horizonDays });
    }
    if (date < clock.today()) return ok([]);
    const doctors = await bookableDoctorIds(session.value?.patient ?? null, specialtyCode, doctorId);
    if (!doctors.ok) return doctors;
    if (doctors.value.ids.length === 0) return ok([]);
    const earliest = clock.earliestLocal();
    const from = earliest > `${date}T00:00` ? earliest : `${date}T00:00`;
    return scheduler.listFreeSlots({ specialtyCode, from, to: `${addDays(date, 1)}T00:00`, doctorIds: doctors.value.ids });
  }

  return { listSpecialties, bookableDoctorIds, listSlots, listDoctors, listDays, listDaySlots };
}
