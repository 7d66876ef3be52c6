import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { configFilesFromEnv, formatConfigProblems, loadKioskConfig } from './config-loader';

function writeJson(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-config-')), 'kiosk.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('kiosk config', () => {
  test('the built-in defaults alone are a working demo kiosk', () => {
    const config = loadKioskConfig();
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.value.bridge).toEqual({ host: '127.0.0.1', port: 7070 });
    expect(config.value.printer.url).toBe('virtual://');
  });

  test('a kiosk file overrides only the fields it names', () => {
    const config = loadKioskConfig([writeJson({ kioskId: 'lobby-2', printer: { url: 'tcp://10.0.0.5:9100' } })]);
    expect(config.ok && config.value.kioskId).toBe('lobby-2');
    expect(config.ok && config.value.printer).toEqual({ url: 'tcp://10.0.0.5:9100', model: 'generic-escpos-80' });
  });

  test('every problem is reported with its field path and the bad value', () => {
    const config = loadKioskConfig([writeJson({ printer: { url: 'tcp:/10.0.0.5' }, bridge: { port: 70000 }, extra: 1 })]);
    expect(config.ok).toBe(false);
    if (config.ok) return;
    const text = formatConfigProblems(config.error);
    expect(text).toContain('printer.url: expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual:// — got "tcp:/10.0.0.5"');
    expect(text).toMatch(/^bridge\.port: .* — got 70000$/m);
    expect(text).toMatch(/extra/);
  });

  test('a broken file names the file instead of crashing', () => {
    const file = writeJson('{ "kioskId": ');
    const config = loadKioskConfig([file]);
    expect(config.ok).toBe(false);
    if (!config.ok) expect(config.error[0]?.path).toBe(file);
    const missing = loadKioskConfig(['/nonexistent/kiosk.json']);
    expect(!missing.ok && missing.error[0]?.message).toContain('ENOENT');
  });
});

describe('what JSON.parse takes silently: refused with a field path and a plain reason', () => {
  test('a key given twice', () => {
    const file = writeJson('{\n  "printer": { "url": "virtual://",\n    "url": "tcp://10.0.0.5:9100" }\n}');
    const config = loadKioskConfig([file]);
    expect(config.ok).toBe(false);
    if (!config.ok) {
      expect(config.error).toHaveLength(1);
      expect(formatConfigProblems(config.error)).toBe(`printer.url: the key "url" is given twice in ${file} (line 3): JSON would silently keep the last one; remove one of them`);
    }
  });

  test('a "__proto__" key, at the top or deeper, and the prototype of no object changes', () => {
    const file = writeJson('{ "__proto__": { "polluted": true }, "printer": { "__proto__": { "url": "x" } } }');
    const config = loadKioskConfig([file]);
    expect(!config.ok && config.error.map((p) => p.path)).toEqual(['__proto__', 'printer.__proto__']);
    expect(!config.ok && config.error[0]?.message).toContain('"__proto__" key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('the same key in different objects and array items is fine, and escapes are read as JSON reads them', () => {
    const file = writeJson('{ "printer": { "url": "virtual://" }, "bridge": { "host": "127.0.0.1" }, "$comment": ["a \\"url\\"", "{"] }');
    expect(loadKioskConfig([file]).ok).toBe(true);
  });

  test('very deep nesting: a plain error with the path, not a stack overflow', () => {
    const depth = 200_000;
    const file = writeJson(`{"printer":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const config = loadKioskConfig([file]);
    expect(config.ok).toBe(false);
    if (!config.ok) {
      expect(config.error).toHaveLength(1);
      expect(config.error[0]?.path).toMatch(/^printer(\[0\])+$/);
      expect(config.error[0]?.message).toContain('nested deeper than 64 levels');
    }
  });
});

const EXAMPLES = ['fleet', 'site', 'kiosk'].map((layer) => fileURLToPath(new URL(`../config/${layer}.example.json`, import.meta.url)));

describe('config layers: fleet → site → kiosk', () => {
  test('each example layer validates merged over the layers before it, and the later layer wins', () => {
    for (let n = 1; n <= EXAMPLES.length; n++) {
      const merged = loadKioskConfig(EXAMPLES.slice(0, n));
      expect(merged.ok ? 'valid' : formatConfigProblems(merged.error)).toBe('valid');
    }
    // A kiosk file names only what is its own: over the bare defaults it is a valid kiosk too.
    const kioskAlone = loadKioskConfig([EXAMPLES[2]!]);
    expect(kioskAlone.ok ? 'valid' : formatConfigProblems(kioskAlone.error)).toBe('valid');
    const all = loadKioskConfig(EXAMPLES);
    if (!all.ok) return;
    // fleet: the FHIR server and its token file; site: the clinic; kiosk: its own printer over the fleet's.
    expect(all.value.scheduler).toMatchObject({ adapter: 'fhir', baseUrl: 'https://fhir.region.local/fhir/R4/', organization: 'Organization/gp-3', auth: { tokenFile: '/etc/kiosk/fhir.token' } });
    expect(all.value.clinic.name).toBe('ГБУЗ «Городская поликлиника № 3»');
    expect(all.value.printer).toEqual({ url: 'tcp://10.0.5.21:9100', model: 'generic-escpos-80' });
    expect(all.value.service).toMatchObject({ pinEnv: null, pinFile: '/etc/kiosk/service.pin', maxPinAttempts: 5 });
    expect(all.value.kioskId).toBe('gp3-lobby-1');
  });

  test('"$comment" may stand in any object and "$schema" at the top; neither reaches the config', () => {
    const config = loadKioskConfig([
      writeJson({ $schema: './kiosk-config.schema.json', $comment: ['kiosk in the lobby'], printer: { $comment: 'USB', url: 'usb://0dd4:015d' } }),
    ]);
    expect(config.ok ? 'valid' : formatConfigProblems(config.error)).toBe('valid');
    expect(config.ok && config.value.printer).toEqual({ url: 'usb://0dd4:015d', model: 'generic-escpos-80' });
    expect(JSON.stringify(config.ok && config.value)).not.toContain('$comment');
  });

  test('KIOSK_CONFIG names one file or several separated by ":", merged in that order', () => {
    expect(configFilesFromEnv('/etc/kiosk/fleet.json:/etc/kiosk/site.json:/etc/kiosk/kiosk.json')).toEqual(['/etc/kiosk/fleet.json', '/etc/kiosk/site.json', '/etc/kiosk/kiosk.json']);
    expect(configFilesFromEnv('config/kiosk.json')).toEqual(['config/kiosk.json']);
    expect(configFilesFromEnv(undefined)).toEqual([]);
    expect(configFilesFromEnv(' a.json: :b.json ')).toEqual(['a.json', 'b.json']);
  });
});

describe('broken configs: every problem with its field path', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['a printer URL with one slash', { printer: { url: 'tcp:/10.0.0.5' } }, ['printer.url']],
    ['an unknown time zone and a bad kiosk id', { clinic: { timeZone: 'Europe/Moskva' }, kioskId: 'lobby 1' }, ['clinic.timeZone', 'kioskId']],
    ['an unknown scheduler adapter', { scheduler: { adapter: 'medialog' } }, ['scheduler.adapter']],
    ['an n3 hub without its address, clinic id and guid source', { scheduler: { adapter: 'n3' } }, ['scheduler.auth', 'scheduler.baseUrl', 'scheduler.lpuId']],
    ['an n3 guid given in two places', { scheduler: { adapter: 'n3', baseUrl: 'https://hub.example/HubService.svc', lpuId: 1, auth: { guidEnv: 'G', guidFile: 'g' } } }, ['scheduler.auth']],
    ['idle timeout below the minimum, done screen as text', { session: { idleSeconds: 5, doneSeconds: '15' } }, ['session.idleSeconds', 'session.doneSeconds']],
    ['a scanner that is not a serial URL', { scanners: ['/dev/ttyACM0'] }, ['scanners.0']],
    ['both PIN sources at once', { service: { pinFile: '/etc/kiosk/pin' } }, ['service']],
    ['a lockout of 1 second', { service: { lockoutSeconds: 1 } }, ['service.lockoutSeconds']],
    ['a metrics listener without a port', { metrics: { listen: { host: '0.0.0.0' } } }, ['metrics.listen.port']],
    ['the card AID as decimal', { cardReader: { aid: 'F04F4D53' } }, ['cardReader.aid']],
  ];
  test.each(cases)('%s', (_name, layer, paths) => {
    const config = loadKioskConfig([writeJson(layer)]);
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error.map((p) => p.path).sort()).toEqual([...paths].sort());
    for (const problem of config.error) expect(problem.message.length).toBeGreaterThan(5);
  });

  test('a missing field says it is missing', () => {
    const config = loadKioskConfig([], { bridge: { host: null }, clinic: { phone: undefined } });
    const text = config.ok ? '' : formatConfigProblems(config.error);
    expect(text).toMatch(/^bridge\.host: .*expected string.* — got null$/m);
    expect(text).toMatch(/^clinic\.phone: missing: expected string$/m);
  });

  test('a PIN or token typed into a config is refused and never echoed', () => {
    const config = loadKioskConfig([writeJson({ service: { pin: '97531864' }, scheduler: { adapter: 'fhir', baseUrl: 'https://f.local/', auth: { token: 'eyJhbGciOi' } } })]);
    expect(config.ok).toBe(false);
    const text = config.ok ? '' : formatConfigProblems(config.error);
    expect(text).toContain('service: unknown field "pin"; secrets never go into a config file');
    expect(text).toContain('scheduler.auth: unknown field "token"');
    expect(text).not.toContain('97531864');
    expect(text).not.toContain('eyJhbGciOi');
  });
});
