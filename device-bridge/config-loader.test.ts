import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatConfigProblems, loadKioskConfig } from './config-loader';

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
