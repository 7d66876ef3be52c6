// `kiosk patients import FILE.csv`: loads a small clinic's patients registry
// (with districts) into the embedded scheduler's database. Prints counts and
// problems by line number, never a patient's data.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDurableDatabase } from '../../durable-sqlite';
import { formatConfigProblems, loadKioskConfig } from '../../config-loader';
import { formatClinicDefinitionIssues, loadClinicDefinition } from './clinic-definition';
import { decodeCsvBytes, parseCsvEncoding } from './csv-encoding';
import { importPatients, parsePatientsCsv } from './patient-import';
import { migrate } from './schema';

export const PATIENTS_USAGE = `  kiosk patients import FILE.csv [--config FILE]... [--dry-run] [--encoding utf-8|windows-1251]
                                              load patients (policy, name, birth date, sex, district)
                                              into the embedded scheduler; nothing is loaded if any line is wrong;
                                              UTF-8 or Windows-1251 (Excel's CSV) is recognised unless --encoding says`;

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
}

const consoleIo: CommandIo = { out: (l) => console.log(l), error: (l) => console.error(l) };

/** Runs `kiosk patients …`; returns the exit code. `baseDir` resolves relative paths in the config. */
export async function patientsCommand(args: readonly string[], options: { baseDir: string; io?: CommandIo }): Promise<number> {
  const io = options.io ?? consoleIo;
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    io.error(`Usage:\n${PATIENTS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: [...rest],
    allowPositionals: true,
    options: { config: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean', default: false }, encoding: { type: 'string' } },
  });
  const file = positionals[0];
  const encoding = values.encoding === undefined ? undefined : parseCsvEncoding(values.encoding);
  if (!file || positionals.length > 1 || encoding === null) {
    io.error(`Usage:\n${PATIENTS_USAGE}`);
    return 2;
  }

  const config = loadKioskConfig(values.config ?? (process.env.KIOSK_CONFIG ? [process.env.KIOSK_CONFIG] : []));
  if (!config.ok) {
    io.error(`The kiosk config is invalid; nothing was imported:\n${formatConfigProblems(config.error)}`);
    return 1;
  }
  const scheduler = config.value.scheduler;
  if (scheduler.adapter !== 'embedded') {
    io.error(`scheduler.adapter is "${scheduler.adapter}": patients live in that scheduler, not in the kiosk. Nothing was imported.`);
    return 1;
  }
  const clinic = loadClinicDefinition(resolve(options.baseDir, scheduler.clinicFile));
  if (!clinic.ok) {
    io.error(`scheduler.clinicFile (${scheduler.clinicFile}):\n${formatClinicDefinitionIssues(clinic.error)}`);
    return 1;
  }

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    io.error(`Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
    return 1;
  }
  const decoded = decodeCsvBytes(bytes, encoding);
  if (!decoded.ok) {
    io.error(`${file}: nothing was imported: ${decoded.error}`);
    return 1;
  }
  // Said, so that a file that was meant to be UTF-8 and came out as Windows-1251 is noticed.
  if (decoded.value.detected && decoded.value.encoding === 'windows-1251') io.out(`${file}: not UTF-8, read as Windows-1251 (Excel's CSV)`);
  const parsed = parsePatientsCsv(decoded.value.text, { districts: clinic.value.districts.map((d) => d.code) });
  if (!parsed.ok) {
    io.error(`${file}: nothing was imported, ${parsed.error.length} problem(s):`);
    for (const p of parsed.error) io.error(`  line ${p.line}: ${p.message}`);
    return 1;
  }
  if (values['dry-run']) {
    io.out(`${file}: ${parsed.value.length} patient(s) are valid (dry run, nothing imported)`);
    return 0;
  }

  const dbPath = resolve(options.baseDir, scheduler.database);
  const db = openDurableDatabase(dbPath, { busyTimeoutMs: 5000, createDir: true });
  try {
    migrate(db);
    const report = importPatients(db, parsed.value);
    io.out(`${file}: ${report.added} patient(s) added, ${report.updated} updated in ${scheduler.database}`);
    return 0;
  } finally {
    db.close();
  }
}
