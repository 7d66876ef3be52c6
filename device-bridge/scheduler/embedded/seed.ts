// Fills the embedded scheduler from the clinic definition. Safe to run on every
// start and by two bridges at once (one IMMEDIATE transaction): reference data
// is upserted, slots are `INSERT OR IGNORE` on (doctor_id, start), so the
// rolling window grows without duplicates and existing slots (with their holds
// and appointments) stay put. A slot the schedule no longer has (a new day
// off, changed hours) is deleted when nobody holds or booked it, and taken off
// the kiosk's offer when somebody did.
import type Database from 'better-sqlite3';
import type { LocalDate, LocalDateTime } from '../scheduler-port';
import { addDays, atTime, weekdayOf } from '../../domain/clinic-clock';
import { parseShift, specialtiesOf, type ClinicDefinition, type ClinicDoctor } from './clinic-definition';
import { normalizePolicyNumber } from '../../domain/oms-policy';
import { normalizeSnils } from '../snils';

export const DEFAULT_HORIZON_DAYS = 14;

export interface SeedReport {
  readonly specialties: number;
  readonly doctors: number;
  readonly patients: number;
  /** Slots added by this run (0 when the window was already filled). */
  readonly slotsAdded: number;
  /** Slots this run deleted or took off the kiosk's offer because the schedule changed. */
  readonly slotsWithdrawn: number;
  /** First and last calendar day of the window the slots now cover. */
  readonly from: LocalDate;
  readonly through: LocalDate;
}

export interface PlannedSlot {
  readonly doctorId: string;
  readonly start: LocalDateTime;
  readonly durationMinutes: number;
  /** Open to the kiosk (the clinic's or the doctor's kioskShare); the rest stay with the registry desk. */
  readonly kiosk: boolean;
}

/** The shifts a doctor works on a date: clinic closed days, then the latest matching exception, then the weekly hours. */
export function shiftsOn(clinic: ClinicDefinition, doctor: ClinicDoctor, date: LocalDate): readonly string[] {
  if (clinic.clinic.closedDays.includes(date)) return [];
  let shifts: readonly string[] = doctor.hours[weekdayOf(date)] ?? [];
  for (const e of doctor.exceptions) {
    if (date >= e.from && date <= (e.to ?? e.from)) shifts = e.hours;
  }
  return shifts;
}

/**
 * Which of `n` slots are open to the kiosk for a share: spread evenly through
 * the day (0.5 opens every second one), so the kiosk never gets only mornings.
 */
export function kioskOpen(index: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  return Math.floor((index + 1) * share + 1e-9) > Math.floor(index * share + 1e-9);
}

/** Every slot of every doctor for `days` days from `from`, in time order per doctor and day. */
export function plannedSlots(clinic: ClinicDefinition, from: LocalDate, days: number): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    for (const doctor of clinic.doctors) {
      const share = doctor.kioskShare ?? clinic.clinic.kioskShare;
      const starts: number[] = [];
      for (const s of shiftsOn(clinic, doctor, date)) {
        const shift = parseShift(s);
        if (!shift) continue; // the schema has already rejected it
        for (let t = shift.from; t + doctor.slotMinutes <= shift.to; t += doctor.slotMinutes) starts.push(t);
      }
      starts.sort((a, b) => a - b);
      starts.forEach((t, k) =>
        out.push({ doctorId: doctor.id, start: atTime(date, t), durationMinutes: doctor.slotMinutes, kiosk: kioskOpen(k, share) }),
      );
    }
  }
  return out;
}

/** Upserts specialties, doctors and the file's patients, then reconciles slots for `horizonDays` days from `today`. */
export function seed(db: Database.Database, clinic: ClinicDefinition, today: LocalDate, horizonDays = DEFAULT_HORIZON_DAYS): SeedReport {
  const upsertSpecialty = db.prepare(`
    INSERT INTO specialties (code, name, department_code, department_name, sort_order)
    VALUES (@code, @name, @departmentCode, @departmentName, @sortOrder)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, department_code = excluded.department_code,
      department_name = excluded.department_name, sort_order = excluded.sort_order`);
  const upsertDoctor = db.prepare(`
    INSERT INTO doctors (id, full_name, specialty_code, room, slot_minutes, active, snils, district, floor)
    VALUES (@id, @fullName, @specialty, @room, @slotMinutes, 1, @snils, @district, @floor)
    ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, specialty_code = excluded.specialty_code,
      room = excluded.room, slot_minutes = excluded.slot_minutes, active = 1, snils = excluded.snils, district = excluded.district,
      floor = excluded.floor`);
  const upsertPatient = db.prepare(`
    INSERT INTO patients (policy_number, surname, given_name, patronymic, birth_date, sex, district, attached, phone, source)
    VALUES (@policyNumber, @surname, @givenName, @patronymic, @birthDate, @sex, @district, @attached, @phone, 'clinic-file')
    ON CONFLICT (policy_number) DO UPDATE SET surname = excluded.surname, given_name = excluded.given_name,
      patronymic = excluded.patronymic, birth_date = excluded.birth_date, sex = excluded.sex,
      district = excluded.district, attached = excluded.attached, phone = excluded.phone`);
  const insertSlot = db.prepare(`INSERT OR IGNORE INTO slots (doctor_id, start, duration_minutes, kiosk) VALUES (?, ?, ?, ?)`);
  const setKiosk = db.prepare(`UPDATE slots SET kiosk = ? WHERE id = ?`);
  const deleteSlot = db.prepare(`DELETE FROM slots WHERE id = ?`);

  const through = addDays(today, horizonDays - 1);
  return db
    .transaction((): SeedReport => {
      const specialties = specialtiesOf(clinic);
      specialties.forEach((s, sortOrder) => upsertSpecialty.run({ ...s, sortOrder }));

      const ids = clinic.doctors.map((d) => d.id);
      db.prepare(`UPDATE doctors SET active = 0 WHERE id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
      for (const d of clinic.doctors) {
        upsertDoctor.run({
          id: d.id,
          fullName: d.fullName,
          specialty: d.specialty,
          room: d.room,
          slotMinutes: d.slotMinutes,
          snils: d.snils === undefined ? null : normalizeSnils(d.snils),
          district: d.district ?? null,
          floor: d.floor ?? null,
        });
      }

      for (const p of clinic.patients) {
        upsertPatient.run({
          policyNumber: normalizePolicyNumber(p.policyNumber),
          surname: p.surname,
          givenName: p.givenName,
          patronymic: p.patronymic,
          birthDate: p.birthDate,
          sex: p.sex,
          district: p.district ?? null,
          attached: p.attached ? 1 : 0,
          phone: p.phone ?? null,
        });
      }

      const planned = new Map<string, PlannedSlot>();
      for (const s of plannedSlots(clinic, today, horizonDays)) planned.set(`${s.doctorId}|${s.start}`, s);

      // What the window already holds: keep what is still planned, withdraw what is not.
      const existing = db
        .prepare<[string, string], { id: number; doctorId: string; start: string; kiosk: number; used: number }>(
          `SELECT s.id, s.doctor_id AS doctorId, s.start, s.kiosk,
                  (EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)
                   OR EXISTS (SELECT 1 FROM holds h WHERE h.slot_id = s.id)) AS used
           FROM slots s WHERE s.start >= ? AND s.start < ?`,
        )
        .all(`${today}T00:00`, `${addDays(through, 1)}T00:00`);
      let slotsWithdrawn = 0;
      for (const row of existing) {
        const key = `${row.doctorId}|${row.start}`;
        const plan = planned.get(key);
        planned.delete(key);
        if (!plan) {
          if (!row.used) deleteSlot.run(row.id);
          else if (row.kiosk === 1) setKiosk.run(0, row.id);
          else continue;
          slotsWithdrawn++;
        } else if ((row.kiosk === 1) !== plan.kiosk) {
          setKiosk.run(plan.kiosk ? 1 : 0, row.id);
        }
      }

      let slotsAdded = 0;
      for (const s of planned.values()) slotsAdded += insertSlot.run(s.doctorId, s.start, s.durationMinutes, s.kiosk ? 1 : 0).changes;

      return {
        specialties: specialties.length,
        doctors: clinic.doctors.length,
        patients: clinic.patients.length,
        slotsAdded,
        slotsWithdrawn,
        from: today,
        through,
      };
    })
    .immediate();
}
