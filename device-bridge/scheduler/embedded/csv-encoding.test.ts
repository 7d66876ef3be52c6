// A patients CSV as Excel on a Russian Windows saves it (Windows-1251, no BOM),
// as «CSV UTF-8» saves it (BOM) and as scripts write it (UTF-8, no BOM). The
// Windows-1251 bytes are made here from the code page's table, not by the
// decoder under test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from './clinic-definition';
import { decodeCsvBytes, parseCsvEncoding } from './csv-encoding';
import { openEmbeddedScheduler } from './embedded-scheduler';
import { patientsCommand } from './patients-command';

/** Windows-1251 for ASCII and Russian letters: А–я are 0xC0–0xFF in alphabet order, Ё 0xA8, ё 0xB8. */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no Windows-1251 byte for ${ch} in this test's table`);
    }),
  );
}

const CSV = 'полис;фамилия;имя;отчество;дата рождения;пол;участок;прикреплён\r\n' +
  '1234567890123452;Орлов;Пётр;Ильич;01.02.1980;М;1;да\r\n' +
  '"7700 1234 5678 9013";"Щёлкина";"Юлия";"Эдуардовна";22.03.1958;ж;1;\r\n';

describe('the bytes of a patients CSV', () => {
  it('are UTF-8 when they decode as UTF-8, with or without a BOM, and Windows-1251 otherwise', () => {
    expect(decodeCsvBytes(Buffer.from(CSV, 'utf8'))).toEqual({ ok: true, value: { text: CSV, encoding: 'utf-8', detected: true } });
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${CSV}`, 'utf8'))).toEqual({ ok: true, value: { text: CSV, encoding: 'utf-8', detected: true } });
    expect(decodeCsvBytes(windows1251(CSV))).toEqual({ ok: true, value: { text: CSV, encoding: 'windows-1251', detected: true } });
    // Plain ASCII is the same in both: UTF-8.
    expect(decodeCsvBytes(Buffer.from('policy;surname\r\n', 'ascii'))).toMatchObject({ ok: true, value: { encoding: 'utf-8' } });
  });

  it('follow --encoding, and say why when the bytes do not fit it', () => {
    expect(decodeCsvBytes(windows1251(CSV), 'windows-1251')).toEqual({ ok: true, value: { text: CSV, encoding: 'windows-1251', detected: false } });
    expect(decodeCsvBytes(Buffer.from(CSV, 'utf8'), 'utf-8')).toEqual({ ok: true, value: { text: CSV, encoding: 'utf-8', detected: false } });
    expect(decodeCsvBytes(windows1251(CSV), 'utf-8')).toEqual({ ok: false, error: expect.stringContaining('not valid UTF-8') });
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${CSV}`, 'utf8'), 'windows-1251')).toEqual({ ok: false, error: expect.stringContaining('byte order mark') });
    // A BOM promises UTF-8: broken UTF-8 after it is an error, not a guess.
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows1251(CSV)]))).toEqual({ ok: false, error: expect.stringContaining('not valid UTF-8') });
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${CSV}`, 'utf16le'))).toEqual({ ok: false, error: expect.stringContaining('UTF-16') });
  });

  it('--encoding takes utf-8 and windows-1251 (and utf8, cp1251), nothing else', () => {
    expect(['utf-8', 'UTF8', 'windows-1251', 'CP1251', 'koi8-r'].map(parseCsvEncoding)).toEqual(['utf-8', 'utf-8', 'windows-1251', 'windows-1251', null]);
  });
});

describe('kiosk patients import of an Excel CSV in Windows-1251', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function setUp(bytes: Buffer): { dir: string; csv: string; config: string } {
    const dir = mkdtempSync(join(tmpdir(), 'patients-1251-'));
    dirs.push(dir);
    const csv = join(dir, 'patients.csv');
    writeFileSync(csv, bytes);
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ scheduler: { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile: DEMO_CLINIC_PATH.pathname } }));
    return { dir, csv, config };
  }

  async function run(args: string[], baseDir: string) {
    const out: string[] = [];
    const error: string[] = [];
    const code = await patientsCommand(args, { baseDir, io: { out: (l) => out.push(l), error: (l) => error.push(l) } });
    return { code, out: out.join('\n'), error: error.join('\n') };
  }

  async function surnameOf(dir: string, policy: string): Promise<unknown> {
    const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
    if (!clinic.ok) throw new Error('demo clinic');
    const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 'scheduler.sqlite'), clinic: clinic.value });
    try {
      const found = await scheduler.findPatientByPolicy(policy);
      return found.ok ? found.value.surname : found.error.kind;
    } finally {
      scheduler.close();
    }
  }

  it('is recognised, said, and loads the names as written', async () => {
    const { dir, csv, config } = setUp(windows1251(CSV));
    const result = await run(['import', csv, '--config', config], dir);
    expect(result).toMatchObject({ code: 0, error: '' });
    expect(result.out).toContain('not UTF-8, read as Windows-1251');
    expect(result.out).toMatch(/2 patient\(s\) added, 0 updated/);
    expect(await surnameOf(dir, '1234567890123452')).toBe('Орлов');
    expect(await surnameOf(dir, '7700123456789013')).toBe('Щёлкина');
  });

  it('is read as said with --encoding windows-1251, refused with --encoding utf-8, and a wrong --encoding is a usage error', async () => {
    const forced = setUp(windows1251(CSV));
    const ok = await run(['import', forced.csv, '--config', forced.config, '--encoding', 'windows-1251'], forced.dir);
    expect(ok.code).toBe(0);
    expect(ok.out).not.toContain('read as Windows-1251');
    expect(await surnameOf(forced.dir, '7700123456789013')).toBe('Щёлкина');

    const refused = setUp(windows1251(CSV));
    const no = await run(['import', refused.csv, '--config', refused.config, '--encoding', 'utf-8'], refused.dir);
    expect(no.code).toBe(1);
    expect(no.error).toContain('nothing was imported: --encoding utf-8, but the file is not valid UTF-8');
    expect(await surnameOf(refused.dir, '1234567890123452')).toBe('patient-not-found');

    const usage = await run(['import', refused.csv, '--config', refused.config, '--encoding', 'koi8-r'], refused.dir);
    expect(usage.code).toBe(2);
    expect(usage.error).toContain('--encoding utf-8|windows-1251');
  });

  it('in UTF-8 with a BOM («CSV UTF-8») says nothing about the encoding', async () => {
    const { dir, csv, config } = setUp(Buffer.from(`\uFEFF${CSV}`, 'utf8'));
    const result = await run(['import', csv, '--config', config, '--dry-run'], dir);
    expect(result).toEqual({ code: 0, out: `${csv}: 2 patient(s) are valid (dry run, nothing imported)`, error: '' });
  });
});
