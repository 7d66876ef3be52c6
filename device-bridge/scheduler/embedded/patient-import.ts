// The patients registry of a small clinic, imported from a CSV file (what the
// registry desk can export from a spreadsheet): one patient a line, with the
// district (участок) of attachment. The whole file is checked first and every
// problem reported with its line; a file with any problem imports nothing.
//
//   policy;surname;given_name;patronymic;birth_date;sex;district;attached;phone
//   6449020886006380;Иванова;Татьяна;Алексеевна;13.10.1979;Ж;1;да;+7 912 345-67-89
//
// Russian headers work too (полис;фамилия;имя;отчество;дата рождения;пол;участок;прикреплён;телефон).
// The phone column is optional: without it, a patient's phone already on file stays; an empty cell clears it.
// The separator is `;` or `,` (taken from the header line); fields may be quoted.
import type Database from 'better-sqlite3';
import { classifyPolicyNumber, isValidEnp, normalizePolicyNumber, typedPolicyState } from '../../domain/oms-policy';
import { isLocalDate } from '../../domain/clinic-clock';
import { err, ok, type Result } from '../../contract/result';
import type { Sex } from '../scheduler-port';
import { nationalDigits } from '../../domain/phone';

export interface ImportedPatient {
  readonly policyNumber: string;
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly district: string | null;
  readonly attached: boolean;
  /** +7 and 10 digits, null for an empty cell; absent when the file has no phone column (the phone on file stays). */
  readonly phone?: string | null;
}

export interface ImportProblem {
  /** 1-based line of the file (the header is line 1). */
  readonly line: number;
  readonly message: string;
}

export interface ImportReport {
  readonly added: number;
  readonly updated: number;
}

type Column = 'policy' | 'surname' | 'givenName' | 'patronymic' | 'birthDate' | 'sex' | 'district' | 'attached' | 'phone';

const HEADER_NAMES: Readonly<Record<string, Column>> = {
  policy: 'policy', policy_number: 'policy', enp: 'policy', полис: 'policy', енп: 'policy', 'номер полиса': 'policy',
  surname: 'surname', last_name: 'surname', фамилия: 'surname',
  given_name: 'givenName', first_name: 'givenName', name: 'givenName', имя: 'givenName',
  patronymic: 'patronymic', middle_name: 'patronymic', отчество: 'patronymic',
  birth_date: 'birthDate', birthdate: 'birthDate', 'дата рождения': 'birthDate', дата_рождения: 'birthDate',
  sex: 'sex', gender: 'sex', пол: 'sex',
  district: 'district', участок: 'district',
  attached: 'attached', прикреплён: 'attached', прикреплен: 'attached',
  phone: 'phone', telephone: 'phone', mobile: 'phone', телефон: 'phone', 'мобильный телефон': 'phone',
};
const REQUIRED: readonly Column[] = ['policy', 'surname', 'givenName', 'birthDate', 'sex'];

/** Splits CSV text into records of fields (RFC 4180 quoting; `\r\n` or `\n`). */
export function parseCsv(text: string, separator: ',' | ';'): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

function parseDate(s: string): string | null {
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  const iso = ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : s;
  return isLocalDate(iso) ? iso : null;
}

function parseSex(s: string): Sex | null {
  const v = s.toLowerCase();
  if (['male', 'm', 'м', 'муж', 'мужской'].includes(v)) return 'male';
  if (['female', 'f', 'ж', 'жен', 'женский'].includes(v)) return 'female';
  return null;
}

function parseYesNo(s: string): boolean | null {
  const v = s.toLowerCase();
  if (v === '' || ['1', 'yes', 'true', 'да', 'д', 'y'].includes(v)) return true;
  if (['0', 'no', 'false', 'нет', 'н', 'n'].includes(v)) return false;
  return null;
}

/**
 * Reads and checks the whole file. `districts`, when given, are the clinic's
 * district codes: a patient in an unknown district is a problem, not a guess.
 */
export function parsePatientsCsv(text: string, options: { districts?: readonly string[] } = {}): Result<ImportedPatient[], ImportProblem[]> {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') ? ';' : ',';
  const [header, ...rows] = parseCsv(body, separator);
  if (!header) return err([{ line: 1, message: 'the file is empty: expected a header line and one patient a line' }]);

  const problems: ImportProblem[] = [];
  const index = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const column = HEADER_NAMES[name.trim().toLowerCase().replace(/\s+/g, ' ')];
    if (column === undefined) problems.push({ line: 1, message: `unknown column "${name.trim()}"` });
    else if (index.has(column)) problems.push({ line: 1, message: `column "${name.trim()}" is given twice` });
    else index.set(column, i);
  });
  for (const column of REQUIRED) {
    if (!index.has(column)) problems.push({ line: 1, message: `missing column ${column}` });
  }
  if (problems.length > 0) return err(problems);

  const districts = options.districts ? new Set(options.districts) : null;
  const seen = new Map<string, number>();
  const patients: ImportedPatient[] = [];
  for (const row of rows) {
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (row.fields[i] ?? '').trim();
    };
    const problem = (message: string) => problems.push({ line: row.line, message });
    if (row.fields.length !== header.fields.length) {
      problem(`expected ${header.fields.length} fields, got ${row.fields.length}`);
      continue;
    }
    const before = problems.length;

    const rawPolicy = get('policy');
    const kind = classifyPolicyNumber(rawPolicy).kind;
    const policyNumber = normalizePolicyNumber(rawPolicy);
    if (policyNumber === '') problem('policy: empty');
    else if (kind === 'enp' && !isValidEnp(policyNumber)) problem('policy: not a valid ЕНП (the check digit does not match)');
    // The same rule as the clinic file and the keypad: a number no patient could type is refused here, not at the kiosk.
    else if (kind === 'old' && typedPolicyState('old', rawPolicy).state !== 'complete') {
      problem('policy: expected a 16-digit ЕНП, a 9-digit temporary certificate or an old-style series and number (6 to 20 letters and digits, at least one digit)');
    }
    const earlier = seen.get(policyNumber);
    if (policyNumber !== '' && earlier !== undefined) problem(`policy: the same policy as line ${earlier}`);
    seen.set(policyNumber, row.line);

    const surname = get('surname');
    const givenName = get('givenName');
    if (surname === '') problem('surname: empty');
    if (givenName === '') problem('given name: empty');
    const birthDate = parseDate(get('birthDate'));
    if (birthDate === null) problem('birth date: expected YYYY-MM-DD or DD.MM.YYYY');
    const sex = parseSex(get('sex'));
    if (sex === null) problem(`sex: expected male/female or М/Ж, got "${get('sex')}"`);
    const district = get('district') === '' ? null : get('district');
    if (district !== null && districts && !districts.has(district)) problem(`district: the clinic has no district "${district}"`);
    const attached = parseYesNo(get('attached'));
    if (attached === null) problem(`attached: expected да/нет, got "${get('attached')}"`);
    const phoneDigits = get('phone') === '' ? null : nationalDigits(get('phone'));
    if (get('phone') !== '' && phoneDigits === null) problem(`phone: expected a Russian number (+7 and 10 digits), got "${get('phone')}"`);
    const phone = index.has('phone') ? { phone: phoneDigits === null ? null : `+7${phoneDigits}` } : {};

    if (problems.length === before && birthDate !== null && sex !== null && attached !== null) {
      patients.push({ policyNumber, surname, givenName, patronymic: get('patronymic'), birthDate, sex, district, attached, ...phone });
    }
  }
  if (problems.length > 0) return err(problems);
  if (patients.length === 0) return err([{ line: 2, message: 'no patients in the file' }]);
  return ok(patients);
}

/** Upserts the patients into the embedded scheduler's registry in one transaction. */
export function importPatients(db: Database.Database, patients: readonly ImportedPatient[]): ImportReport {
  const exists = db.prepare<[string], { id: number }>('SELECT id FROM patients WHERE policy_number = ?');
  const upsert = db.prepare(`
    INSERT INTO patients (policy_number, surname, given_name, patronymic, birth_date, sex, district, attached, phone, source)
    VALUES (@policyNumber, @surname, @givenName, @patronymic, @birthDate, @sex, @district, @attached, @phone, 'import')
    ON CONFLICT (policy_number) DO UPDATE SET surname = excluded.surname, given_name = excluded.given_name,
      patronymic = excluded.patronymic, birth_date = excluded.birth_date, sex = excluded.sex,
      district = excluded.district, attached = excluded.attached, source = 'import',
      phone = iif(@phoneGiven = 1, excluded.phone, patients.phone)`);
  return db
    .transaction((): ImportReport => {
      let added = 0;
      let updated = 0;
      for (const p of patients) {
        if (exists.get(p.policyNumber)) updated++;
        else added++;
        upsert.run({ ...p, attached: p.attached ? 1 : 0, phone: p.phone ?? null, phoneGiven: p.phone === undefined ? 0 : 1 });
      }
      return { added, updated };
    })
    .immediate();
}
