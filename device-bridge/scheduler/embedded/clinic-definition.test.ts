import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyPolicyNumber, decodeEnpBirthInfo, isValidEnp } from '../../domain/oms-policy';
import { DEMO_CLINIC_PATH, loadClinicDefinition, parseClinicDefinition, specialtiesOf, type ClinicDefinition } from './clinic-definition';

function demo(): ClinicDefinition {
  const loaded = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
}

const demoJson = (): Record<string, unknown> => JSON.parse(readFileSync(DEMO_CLINIC_PATH, 'utf8')) as Record<string, unknown>;

describe('the demo clinic', () => {
  it('loads and names the clinic as the ticket prints it', () => {
    const clinic = demo();
    expect(clinic.clinic.name).toBe('ГБУЗ «Городская поликлиника № 3»');
    expect(clinic.clinic.address).not.toBe('');
    expect(clinic.clinic.phone).toMatch(/^\+7/);
    expect(clinic.clinic.timeZone).toBe('Europe/Moscow');
  });

  it('offers at least 7 of the self-bookable specialties, with 12+ doctors in numbered rooms', () => {
    const clinic = demo();
    const selfBookable = [
      'therapist-district', 'gp', 'pediatrician-district', 'surgeon', 'pediatric-surgeon', 'ophthalmologist',
      'otolaryngologist', 'obstetrician-gynecologist', 'dentist', 'dentist-therapist', 'pediatric-dentist',
      'psychiatrist-narcologist', 'pediatric-psychiatrist', 'phthisiatrician',
    ];
    const codes = specialtiesOf(clinic).map((s) => s.code);
    expect(codes.filter((c) => selfBookable.includes(c)).length).toBeGreaterThanOrEqual(7);
    expect(clinic.doctors.length).toBeGreaterThanOrEqual(12);
    for (const d of clinic.doctors) {
      expect(d.fullName.split(' '), d.id).toHaveLength(3);
      expect(d.room, d.id).toMatch(/^\d+/);
      expect(codes, d.id).toContain(d.specialty);
    }
    // every specialty has somebody to see
    for (const code of codes) expect(clinic.doctors.some((d) => d.specialty === code), code).toBe(true);
  });

  it('gives every demo ЕНП a valid check digit that encodes the birth date and sex, and has a temporary certificate and an old-style policy too', () => {
    const clinic = demo();
    expect(clinic.patients.length).toBeGreaterThanOrEqual(4);
    const enps = clinic.patients.filter((p) => classifyPolicyNumber(p.policyNumber).kind === 'enp');
    expect(enps.length).toBeGreaterThanOrEqual(4);
    for (const p of enps) {
      expect(isValidEnp(p.policyNumber), `${p.surname}: ${p.policyNumber}`).toBe(true);
      expect(decodeEnpBirthInfo(p.policyNumber), p.surname).toEqual({ birthDate: p.birthDate, sex: p.sex });
    }
    // README, demo patients: one of each of the other kinds a patient may present.
    expect(clinic.patients.find((p) => p.policyNumber === '570312840')).toMatchObject({ surname: 'Волкова', district: '2' });
    expect(clinic.patients.find((p) => p.policyNumber === 'ЯБ 5721436')).toMatchObject({ surname: 'Новиков', district: '3' });
    expect(clinic.patients.find((p) => p.policyNumber === '6449020886006380')).toMatchObject({
      surname: 'Иванова',
      givenName: 'Татьяна',
      patronymic: 'Алексеевна',
      birthDate: '1979-10-13',
    });
  });
});

describe('districts, doctors and the kiosk share in the demo clinic', () => {
  it('gives every district doctor and every demo patient a district of the clinic, and every doctor a valid SNILS', () => {
    const clinic = demo();
    const districts = clinic.districts.map((d) => d.code);
    for (const code of ['therapist-district', 'gp', 'pediatrician-district']) {
      for (const d of clinic.doctors.filter((x) => x.specialty === code)) expect(districts, d.id).toContain(d.district);
    }
    for (const p of clinic.patients) expect(districts, p.surname).toContain(p.district);
    expect(new Set(clinic.doctors.map((d) => d.snils)).size).toBe(clinic.doctors.length);
    // Иванова's district doctor is Петрова, who sees patients on weekday mornings
    const ivanova = clinic.patients.find((p) => p.policyNumber === '6449020886006380');
    expect(clinic.doctors.find((d) => d.specialty === 'therapist-district' && d.district === ivanova?.district)?.fullName).toBe('Петрова Анна Сергеевна');
  });
});

describe('an invalid clinic definition', () => {
  it('is rejected whole, with the field path of every problem', () => {
    const json = demoJson();
    const doctors = json.doctors as Record<string, unknown>[];
    doctors[2] = { ...doctors[2], specialty: 'cardiologist', slotMinutes: 0, hours: { mon: ['14:00-08:00'], sun: ['8-12'] } };
    doctors[5] = { ...doctors[5], id: doctors[0]?.id };
    const result = parseClinicDefinition(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['doctors.2.slotMinutes', 'doctors.2.hours.mon.0', 'doctors.2.hours.sun.0']),
    );
    expect(result.error.find((i) => i.path === 'doctors.2.hours.mon.0')?.message).toMatch(/end after it starts/);
  });

  it('reports cross-references once the fields themselves are well formed', () => {
    const json = demoJson();
    const doctors = json.doctors as Record<string, unknown>[];
    doctors[2] = { ...doctors[2], specialty: 'cardiologist', hours: { tue: ['08:00-12:00', '11:00-14:00'] } };
    doctors[5] = { ...doctors[5], id: doctors[0]?.id };
    const result = parseClinicDefinition(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual(
      expect.arrayContaining([
        { path: 'doctors.2.specialty', message: 'no specialty cardiologist in departments' },
        { path: 'doctors.2.hours.tue.1', message: 'overlaps another shift on the same day' },
        { path: 'doctors.5.id', message: 'doctor id doc-01 is used twice' },
      ]),
    );
  });

  it('checks districts, SNILS and exceptions', () => {
    const json = demoJson();
    const doctors = json.doctors as Record<string, unknown>[];
    doctors[0] = { ...doctors[0], district: '42', snils: '123-456-789 65' };
    doctors[1] = { ...doctors[1], exceptions: [{ from: '2026-12-10', to: '2026-12-01', hours: [] }, { from: '2026-12-11', hours: ['09:00-12:00', '11:00-13:00'] }] };
    doctors[2] = { ...doctors[2], kioskShare: 1.5 };
    const patients = json.patients as Record<string, unknown>[];
    patients[0] = { ...patients[0], district: 'нет такого' };
    const result = parseClinicDefinition(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => i.path)).toEqual(
      expect.arrayContaining(['doctors.0.snils', 'doctors.1.exceptions.0.to', 'doctors.2.kioskShare', 'patients.0.district']),
    );
    const fixedSnils = demoJson();
    (fixedSnils.doctors as Record<string, unknown>[])[0]!.district = '42';
    (fixedSnils.doctors as Record<string, unknown>[])[1]!.exceptions = [{ from: '2026-12-11', hours: ['09:00-12:00', '11:00-13:00'] }];
    const crossRefs = parseClinicDefinition(fixedSnils);
    expect(crossRefs.ok).toBe(false);
    if (!crossRefs.ok) {
      expect(crossRefs.error).toEqual(expect.arrayContaining([
        { path: 'doctors.0.district', message: 'no district 42 in districts' },
        { path: 'doctors.1.exceptions.0.hours.1', message: 'overlaps another shift on the same day' },
      ]));
    }
  });

  it('refuses a patient the kiosk could never find: a mistyped ЕНП, a too short old-style number', () => {
    const json = demoJson();
    const patients = json.patients as Record<string, unknown>[];
    patients[0] = { ...patients[0], policyNumber: '6449020886006381' };
    patients[1] = { ...patients[1], policyNumber: 'ЯБ 12' };
    const result = parseClinicDefinition(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => i.path)).toEqual(expect.arrayContaining(['patients.0.policyNumber', 'patients.1.policyNumber']));
  });

  it('stores a patient\'s phone as +7 and 10 digits, and names a phone that is not Russian', () => {
    const json = demoJson();
    const patients = json.patients as Record<string, unknown>[];
    patients[2] = { ...patients[2], phone: '8 (912) 345-67-89' };
    const good = parseClinicDefinition(json);
    expect(good.ok && good.value.patients[2]!.phone).toBe('+79123456789');
    patients[2] = { ...patients[2], phone: '+44 20 7946 0958' };
    const bad = parseClinicDefinition(json);
    expect(!bad.ok && bad.error).toEqual([expect.objectContaining({ path: 'patients.2.phone', message: expect.stringMatching(/Russian phone number/) })]);
  });

  it('explains a file that is not JSON instead of throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-def-'));
    const file = join(dir, 'clinic.json');
    writeFileSync(file, '{ "clinic": ');
    const result = loadClinicDefinition(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.message).toMatch(/not valid JSON/);
    const missing = loadClinicDefinition(join(dir, 'nope.json'));
    expect(missing.ok).toBe(false);
  });
});
