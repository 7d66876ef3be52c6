// `kiosk config check|schema` as clinic IT runs them, and the JSON Schema
// editors use: committed, current, and agreeing with the example layers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { configCommand, kioskConfigJsonSchemaText, type ConfigCliIo } from './config-cli';

const configDir = fileURLToPath(new URL('../config/', import.meta.url));
const EXAMPLES = ['fleet', 'site', 'kiosk'].map((layer) => join(configDir, `${layer}.example.json`));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const errors: string[] = [];
  const io: ConfigCliIo = { out: (l) => out.push(l), err: (l) => errors.push(l), env, baseDir: configDir };
  return configCommand(args, io).then((code) => ({ code, out: out.join('\n'), err: errors.join('\n') }));
}

function writeJson(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-config-cli-')), 'kiosk.json');
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('kiosk config check', () => {
  test('a duplicate key, a "__proto__" key and runaway nesting: exit 1, each with its field path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kiosk-config-cli-')), 'kiosk.json');
    writeFileSync(file, `{ "kioskId": "a", "kioskId": "b", "__proto__": {}, "bridge": ${'{"x":'.repeat(100)}1${'}'.repeat(100)} }`);
    const { code, err } = await run(['check', file]);
    expect(code).toBe(1);
    expect(err).toContain(`kioskId: the key "kioskId" is given twice in ${file}`);
    expect(err).toContain(`__proto__: a "__proto__" key in ${file}`);
    expect(err).toMatch(/^bridge(\.x)+: nested deeper than 64 levels/m);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });

  test('valid layers: exit 0, the merge order, and where each secret comes from, never its value', async () => {
    const pinFile = join(mkdtempSync(join(tmpdir(), 'kiosk-pin-')), 'service.pin');
    writeFileSync(pinFile, '97531864\n');
    const kiosk = writeJson({ kioskId: 'lobby-7', service: { pinEnv: null, pinFile } });
    const { code, out, err } = await run(['check', ...EXAMPLES.slice(0, 2), kiosk], { FHIR: 'x' });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('The kiosk config is valid (defaults + fleet.example.json + site.example.json + kiosk.json).');
    expect(out).toContain('kiosk lobby-7; scheduler fhir https://fhir.region.local/fhir/R4/');
    expect(out).toContain(`service PIN: file ${pinFile} (readable on this machine)`);
    expect(out).toContain('scheduler token: file /etc/kiosk/fhir.token (not readable on this machine: cannot read /etc/kiosk/fhir.token (ENOENT))');
    expect(out).not.toContain('97531864');
  });

  test('invalid layers: exit 1 and every problem on its own line with its field path and a plain reason', async () => {
    const bad = writeJson({ printer: { url: 'tcp:/10.0.0.5' }, bridge: { port: 70000 }, session: { idleSeconds: 'sixty' }, service: { pin: '2468' } });
    const { code, out, err } = await run(['check', EXAMPLES[0]!, bad]);
    expect(code).toBe(1);
    expect(out).toBe('');
    const lines = err.split('\n');
    expect(lines[0]).toBe('The kiosk config is invalid (defaults + fleet.example.json + kiosk.json): 4 problems');
    expect(lines).toContain('printer.url: expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual:// — got "tcp:/10.0.0.5"');
    expect(lines.some((l) => /^bridge\.port: .*65535 — got 70000$/.test(l))).toBe(true);
    expect(lines.some((l) => /^session\.idleSeconds: .*expected number.* — got "sixty"$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('service: unknown field "pin"'))).toBe(true);
    expect(err).not.toContain('2468');
  });

  test('without FILE arguments it checks the KIOSK_CONFIG list; an unreadable file is a problem, not a crash', async () => {
    const viaEnv = await run(['check'], { KIOSK_CONFIG: `${EXAMPLES[0]}:${EXAMPLES[1]}` });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.out).toContain('(defaults + fleet.example.json + site.example.json)');
    const missing = await run(['check', '/nonexistent/kiosk.json']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('/nonexistent/kiosk.json: cannot read the file (ENOENT)');
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

describe('the JSON Schema for editors', () => {
  test('config/kiosk-config.schema.json is the one the schema generates (run `npm run config:schema` after changing it)', () => {
    expect(readFileSync(join(configDir, 'kiosk-config.schema.json'), 'utf8')).toBe(kioskConfigJsonSchemaText());
  });

  test('every example layer and the defaults pass it; a typo and a secret typed in do not', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(kioskConfigJsonSchemaText()));
    for (const file of [...EXAMPLES, join(configDir, 'kiosk.defaults.json')]) {
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      expect(ok ? 'valid' : `${file}: ${JSON.stringify(validate.errors)}`).toBe('valid');
    }
    expect(validate({ printer: { ulr: 'usb://0dd4:015d' } })).toBe(false);
    expect(validate({ service: { pin: '1234' } })).toBe(false);
    expect(validate({ session: { idleSeconds: 5 } })).toBe(false);
  });
});
