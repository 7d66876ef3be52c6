import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from './clinic-definition';
import { openEmbeddedScheduler } from './embedded-scheduler';
import { parsePatientsCsv } from './patient-import';
import { patientsCommand } from './patients-command';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'patients-import-'));
  dirs.push(d);
  return d;
}

const RU_EXCEL = '\uFEFFполис;фамилия;имя;отчество;дата рождения;пол;участок;прикреплён\r\n' +
  '1234567890123452;Орлов;Пётр;Ильич;01.02.1980;М;2;да\r\n' +
  '"4556 1408 2701 5276";"Смирнов";"Алексей";"Викторович";22.03.1958;м;2;\r\n' +
  '123456789;Ли;Мин;;2015-06-01;Ж;П-1;нет\r\n';

describe('the patients CSV', () => {
  it('reads what a registry desk exports from a spreadsheet: Russian headers, ;, BOM, quotes, dd.mm.yyyy', () => {
    const parsed = parsePatientsCsv(RU_EXCEL, { districts: ['1', '2', 'П-1'] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual([
      { policyNumber: '1234567890123452', surname: 'Орлов', givenName: 'Пётр', patronymic: 'Ильич', birthDate: '1980-02-01', sex: 'male', district: '2', attached: true },
      { policyNumber: '4556140827015276', surname: 'Смирнов', givenName: 'Алексей', patronymic: 'Викторович', birthDate: '1958-03-22', sex: 'male', district: '2', attached: true },
      { policyNumber: '123456789', surname: 'Ли', givenName: 'Мин', patronymic: '', birthDate: '2015-06-01', sex: 'female', district: 'П-1', attached: false },
    ]);
  });

  it('reports every problem with its line and takes nothing from a file with any', () => {
    const csv = 'policy,surname,given_name,patronymic,birth_date,sex,district\n' +
      '1234567890123451,Орлов,Пётр,Ильич,1980-02-01,male,1\n' + // wrong check digit
      '4556140827015276,,Алексей,Викторович,1958-02-30,x,9\n' +
      '4556140827015276,Смирнов,Алексей,Викторович,1958-03-22,male\n';
    const parsed = parsePatientsCsv(csv, { districts: ['1', '2'] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      { line: 2, message: 'policy: not a valid ЕНП (the check digit does not match)' },
      { line: 3, message: 'surname: empty' },
      { line: 3, message: 'birth date: expected YYYY-MM-DD or DD.MM.YYYY' },
      { line: 3, message: 'sex: expected male/female or М/Ж, got "x"' },
      { line: 3, message: 'district: the clinic has no district "9"' },
      { line: 4, message: 'expected 7 fields, got 6' },
    ]);
    expect(JSON.stringify(parsed.error)).not.toContain('1958'); // birth dates are not echoed
  });

  it('refuses an old-style number no patient could type on the letter keypad, and takes one that can be', () => {
    const csv = 'policy,surname,given_name,patronymic,birth_date,sex,district\n' +
      'АБВГДЕЖ,Орлов,Пётр,Ильич,1980-02-01,male,1\n' + // letters only: no number
      'ЯБ 5721436,Новиков,Сергей,Петрович,1965-05-04,male,1\n';
    const parsed = parsePatientsCsv(csv, { districts: ['1'] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      { line: 2, message: 'policy: expected a 16-digit ЕНП, a 9-digit temporary certificate or an old-style series and number (6 to 20 letters and digits, at least one digit)' },
    ]);
  });

  it('reads the phone the registry calls back on, in the forms registries write, and refuses one that is not Russian', () => {
    const csv = 'полис;фамилия;имя;отчество;дата рождения;пол;телефон\n' +
      '1234567890123452;Орлов;Пётр;Ильич;01.02.1980;М;8 (912) 345-67-89\n' +
      '123456789;Ли;Мин;;2015-06-01;Ж;\n';
    const parsed = parsePatientsCsv(csv);
    expect(parsed.ok && parsed.value.map((p) => p.phone)).toEqual(['+79123456789', null]);
    const foreign = parsePatientsCsv(csv.replace('8 (912) 345-67-89', '+44 20 7946 0958'));
    expect(!foreign.ok && foreign.error).toEqual([{ line: 2, message: 'phone: expected a Russian number (+7 and 10 digits), got "+44 20 7946 0958"' }]);
  });

  it('names missing and unknown columns', () => {
    const parsed = parsePatientsCsv('policy;surname;shoe size\n1;2;3\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.map((p) => p.message)).toEqual(['unknown column "shoe size"', 'missing column givenName', 'missing column birthDate', 'missing column sex']);
  });
});

describe('kiosk patients import', () => {
  function configFor(dir: string): string {
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ scheduler: { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile: DEMO_CLINIC_PATH.pathname } }));
    return file;
  }
  const io = () => {
    const out: string[] = [];
    const error: string[] = [];
    return { out, error, io: { out: (l: string) => out.push(l), error: (l: string) => error.push(l) } };
  };

  it('loads the patients so the kiosk finds them with their district, and says how many', async () => {
    const dir = tempDir();
    const csv = join(dir, 'patients.csv');
    writeFileSync(csv, RU_EXCEL.replace(';2;да', ';1;да'));
    const run = io();
    expect(await patientsCommand(['import', csv, '--config', configFor(dir)], { baseDir: dir, io: run.io })).toBe(0);
    expect(run.out.join('\n')).toMatch(/3 patient\(s\) added, 0 updated/);
    expect(run.out.join('\n')).not.toContain('Орлов');

    const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
    if (!clinic.ok) throw new Error('demo clinic');
    const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 'scheduler.sqlite'), clinic: clinic.value });
    try {
      expect(await scheduler.findPatientByPolicy('1234567890123452')).toMatchObject({ ok: true, value: { surname: 'Орлов', district: '1', attached: true } });
      expect(await scheduler.findPatientByPolicy('123456789')).toMatchObject({ ok: true, value: { surname: 'Ли', attached: false } });
    } finally {
      scheduler.close();
    }
    // importing again updates instead of duplicating
    const again = io();
    expect(await patientsCommand(['import', csv, '--config', configFor(dir)], { baseDir: dir, io: again.io })).toBe(0);
    expect(again.out.join('\n')).toMatch(/0 patient\(s\) added, 3 updated/);
  });

  it('keeps a phone on file when a later file has no phone column, and the kiosk reads it', async () => {
    const dir = tempDir();
    const withPhone = join(dir, 'with-phone.csv');
    const without = join(dir, 'without.csv');
    writeFileSync(withPhone, 'policy;surname;given_name;patronymic;birth_date;sex;phone\n1234567890123452;Орлов;Пётр;Ильич;1980-02-01;male;+7 912 345-67-89\n');
    writeFileSync(without, 'policy;surname;given_name;patronymic;birth_date;sex\n1234567890123452;Орлов;Пётр;Ильич;1980-02-01;male\n');
    for (const file of [withPhone, without]) expect(await patientsCommand(['import', file, '--config', configFor(dir)], { baseDir: dir, io: io().io })).toBe(0);
    const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
    if (!clinic.ok) throw new Error('demo clinic');
    const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 'scheduler.sqlite'), clinic: clinic.value });
    try {
      expect(await scheduler.findPatientByPolicy('1234567890123452')).toMatchObject({ ok: true, value: { phone: '+79123456789' } });
    } finally {
      scheduler.close();
    }
  });

  it('imports nothing from a file with a problem, and exits non-zero', async () => {
    const dir = tempDir();
    const csv = join(dir, 'patients.csv');
    writeFileSync(csv, 'policy;surname;given_name;patronymic;birth_date;sex;district\n1234567890123452;Орлов;Пётр;Ильич;1980-02-01;male;1\n1234567890123451;Петров;Иван;;1980-02-01;male;1\n');
    const run = io();
    expect(await patientsCommand(['import', csv, '--config', configFor(dir)], { baseDir: dir, io: run.io })).toBe(1);
    expect(run.error.join('\n')).toMatch(/nothing was imported, 1 problem\(s\):\n {2}line 3: policy: not a valid ЕНП/);
    const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
    if (!clinic.ok) throw new Error('demo clinic');
    const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 'scheduler.sqlite'), clinic: clinic.value });
    try {
      expect(await scheduler.findPatientByPolicy('1234567890123452')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    } finally {
      scheduler.close();
    }
  });

  it('explains its usage', async () => {
    const run = io();
    expect(await patientsCommand(['export'], { baseDir: tempDir(), io: run.io })).toBe(2);
    expect(run.error.join('\n')).toContain('kiosk patients import FILE.csv');
  });
});
