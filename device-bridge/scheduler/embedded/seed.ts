// Fills the embedded scheduler from the clinic definition. Safe to run on every
// start and by two bridges at once: reference data is upserted, slots are
// `INSERT OR IGNORE` on (doctor_id, start), so the rolling window grows without
// duplicates and existing slots (with their holds and appointments) stay put.
import type Database from 'better-sqlite3';
import type { LocalDate } from '../scheduler-port';
import { addDays, atTime, weekdayOf } from '../../domain/clinic-clock';
import { parseShift, specialtiesOf, type ClinicDefinition, type ClinicDoctor } from './clinic-definition';
import { normalizePolicyNumber } from '../../domain/oms-policy';

export const DEFAULT_HORIZON_DAYS = 14;

export interface SeedReport {
  readonly specialties: number;
  readonly doctors: number;
  readonly patients: number;
  /** Slots added by this run (0 when the window was already filled). */
  readonly slotsAdded: number;
  /** First and last calendar day of the window the slots now cover. */
  readonly from: LocalDate;
  readonly through: LocalDate;
}

/** Start times (minutes of the day) of a doctor's slots on one weekday. */
function slotStartsOn(doctor: ClinicDoctor, date: LocalDate): number[] {
  const starts: number[] = [];
  for (const s of doctor.hours[weekdayOf(date)] ?? []) {
    const shift = parseShift(s);
    if (!shift) continue; // the schema has already rejected it
    for (let t = shift.from; t + doctor.slotMinutes <= shift.to; t += doctor.slotMinutes) starts.push(t);
  }
  return starts;
}

/** Upserts specialties, doctors and demo patients, then fills slots for `horizonDays` days from `today`. */
export function seed(db: Database.Database, clinic: ClinicDefinition, today: LocalDate, horizonDays = DEFAULT_HORIZON_DAYS): SeedReport {
  const upsertSpecialty = db.prepare(`
    INSERT INTO specialties (code, name, department_code, department_name, sort_order)
    VALUES (@code, @name, @departmentCode, @departmentName, @sortOrder)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, department_code = excluded.department_code,
      department_name = excluded.department_name, sort_order = excluded.sort_order`);
  const upsertDoctor = db.prepare(`
    INSERT INTO doctors (id, full_name, specialty_code, room, slot_minutes, active)
    VALUES (@id, @fullName, @specialty, @room, @slotMinutes, 1)
    ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, specialty_code = excluded.specialty_code,
      room = excluded.room, slot_minutes = excluded.slot_minutes, active = 1`);
  const upsertPatient = db.prepare(`
    INSERT INTO patients (policy_number, surname, given_name, patronymic, birth_date, sex)
    VALUES (@policyNumber, @surname, @givenName, @patronymic, @birthDate, @sex)
    ON CONFLICT (policy_number) DO UPDATE SET surname = excluded.surname, given_name = excluded.given_name,
      patronymic = excluded.patronymic, birth_date = excluded.birth_date, sex = excluded.sex`);
  const insertSlot = db.prepare(`INSERT OR IGNORE INTO slots (doctor_id, start, duration_minutes) VALUES (?, ?, ?)`);

  const through = addDays(today, horizonDays - 1);
  return db
    .transaction((): SeedReport => {
      const specialties = specialtiesOf(clinic);
      specialties.forEach((s, sortOrder) => upsertSpecialty.run({ ...s, sortOrder }));

      const ids = clinic.doctors.map((d) => d.id);
      db.prepare(`UPDATE doctors SET active = 0 WHERE id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
      for (const d of clinic.doctors) {
        upsertDoctor.run({ id: d.id, fullName: d.fullName, specialty: d.specialty, room: d.room, slotMinutes: d.slotMinutes });
      }

      for (const p of clinic.patients) {
        upsertPatient.run({ ...p, policyNumber: normalizePolicyNumber(p.policyNumber) });
      }

      let slotsAdded = 0;
      for (let i = 0; i < horizonDays; i++) {
        const date = addDays(today, i);
        for (const d of clinic.doctors) {
          for (const start of slotStartsOn(d, date)) {
            slotsAdded += insertSlot.run(d.id, atTime(date, start), d.slotMinutes).changes;
          }
        }
      }
      return {
        specialties: specialties.length,
        doctors: clinic.doctors.length,
        patients: clinic.patients.length,
        slotsAdded,
        from: today,
        through,
      };
    })
    .immediate();
}
