// `kiosk policy check` and `kiosk barcode decode`, run as IT staff run them:
// a child process, JSON on stdout, the exit code, one plain line on failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseHexPayload } from '../../device-bridge/domain/oms-barcode';
import { REPO_ROOT } from '../kiosk-harness';

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/oms-barcode-type2.hex');
const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));

/** Runs `kiosk …` as a child process (node bin/kiosk.mjs), optionally feeding stdin. */
function kiosk(args: string[], input?: Buffer | string): Promise<{ code: number | null; out: string; err: string; json: () => any }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kiosk.mjs', ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err, json: () => JSON.parse(out) }));
    child.stdin.end(input ?? '');
  });
}

describe('kiosk policy check', { timeout: 30_000 }, () => {
  test('a valid ЕНП: exit 0, with the birth date and sex it encodes', async () => {
    const run = await kiosk(['policy', 'check', '6449020886006380']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ kind: 'enp', valid: true, birthDate: '1979-10-13', sex: 'Ж' });
  });

  test('a mistyped ЕНП: exit 1, asking to check the digits', async () => {
    const run = await kiosk(['policy', 'check', '6449', '0208', '8600', '6381']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ kind: 'enp', valid: false, problem: 'checksum' });
    expect(run.json().message).toContain('проверьте цифры');
  });

  test('a temporary certificate and an old-style policy are valid kinds of their own', async () => {
    expect((await kiosk(['policy', 'check', '123456789'])).json()).toEqual({ kind: 'temporary', valid: true });
    const old = await kiosk(['policy', 'check', 'ЯА 1234567']);
    expect(old.code).toBe(0);
    expect(old.json()).toEqual({ kind: 'old', valid: true });
  });

  test('the bridge\'s and the import\'s rule: 1, 12, A1, 21 characters and non-ASCII digits are refused with its reason', async () => {
    for (const number of ['1', '12', 'A1', `ЯБ${'1'.repeat(19)}`, '١٢٣٤٥٦٧']) {
      const run = await kiosk(['policy', 'check', number]);
      expect(run.code, number).toBe(1);
      expect(run.json(), number).toMatchObject({ kind: 'old', valid: false, message: expect.stringMatching(/old-style policy.*6 to 20/) });
    }
  });

  test('nothing to check: a usage line, no stack trace', async () => {
    const run = await kiosk(['policy', 'check']);
    expect(run.code).toBe(2);
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('kiosk barcode decode', { timeout: 30_000 }, () => {
  test('the sample paper policy (type 02, hex file)', async () => {
    const run = await kiosk(['barcode', 'decode', FIXTURE]);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      type: '02',
      enp: '0000000910000206',
      enpChecksumValid: false,
      surname: 'ШМАТОВА',
      name: 'ТАТЬЯНА',
      patronymic: 'АНАТОЛЬЕВНА',
      sex: 'Ж',
      birthDate: '1992-06-18',
      expiry: null,
    });
  });

  test('raw bytes on stdin with the CR/LF a scanner appends', async () => {
    const raw = Buffer.concat([Buffer.from(parseHexPayload(readFileSync(FIXTURE, 'utf8'))!), Buffer.from('\r\n')]);
    const run = await kiosk(['barcode', 'decode', '-'], raw);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ type: '02', surname: 'ШМАТОВА', birthDate: '1992-06-18' });
  });

  test('a type 01 payload lists the insurer ОГРН and ОКАТО', async () => {
    // Built from the spec: reversed ФИО bytes, reversed words (see device-bridge/domain/oms-barcode.test.ts).
    const alphabet = ' .-‘0123456789АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ';
    const backwards = (word: string) => Array.from(word).reverse().join('');
    const fio = [backwards('АЛЕКСЕЕВНА'), backwards('ИВАНОВА'), backwards('ТАТЬЯНА')].join('|').padEnd(56, ' ');
    const bits = Array.from(fio, (c) => (c === '|' ? 63 : alphabet.indexOf(c)).toString(2).padStart(6, '0')).join('');
    const packed = Array.from({ length: 42 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2)).reverse();
    const payload = Buffer.alloc(130);
    payload[0] = 0x01;
    payload.writeBigUInt64BE(6449020886006380n, 1);
    Buffer.from(packed).copy(payload, 9);
    payload[51] = 2;
    payload.writeUInt16BE(29139, 52); // 1979-10-13: 29139 days after 1900-01-01
    payload.writeUIntBE(1027739008440, 56, 6);
    payload.writeUIntBE(45000, 62, 3);
    const file = join(dir, 'type01.bin');
    writeFileSync(file, payload);
    const run = await kiosk(['barcode', 'decode', file]);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      type: '01',
      enp: '6449020886006380',
      enpChecksumValid: true,
      surname: 'ИВАНОВА',
      name: 'ТАТЬЯНА',
      patronymic: 'АЛЕКСЕЕВНА',
      sex: 'Ж',
      birthDate: '1979-10-13',
      expiry: null,
      insurerOgrn: '1027739008440',
      okato: '45000',
    });
  });

  test('bad input: a non-zero exit and one plain line, never a stack trace', async () => {
    const short = join(dir, 'short.hex');
    writeFileSync(short, '0200000000');
    const cases = await Promise.all([
      kiosk(['barcode', 'decode', short]),
      kiosk(['barcode', 'decode', join(dir, 'missing.hex')]),
      kiosk(['barcode', 'decode', '-'], 'hello, not a barcode'),
      kiosk(['barcode', 'decode', '-'], `03${readFileSync(FIXTURE, 'utf8').trim().slice(2)}`),
    ]);
    expect(cases.map((c) => c.err.trim())).toEqual([
      'Expected 130 bytes, got 5',
      `Cannot read ${join(dir, 'missing.hex')}: ENOENT`,
      'Expected 130 bytes, got 20',
      'Not a paper-policy barcode: unknown barcode type 0x03 (expected 01 or 02)',
    ]);
    for (const c of cases) {
      expect(c.code).not.toBe(0);
      expect(c.out).toBe('');
      expect(c.err).not.toMatch(/\n\s+at /);
    }
  });
});
