// `kiosk hub emulate` refuses bad options with the option at fault and the
// usage, and starts nothing; a bad clinic file is named with its field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hubCommand } from './hub-cli';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await hubCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, process.cwd());
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kiosk hub', () => {
  it.each([
    [['emulate', '--fault', 'explode'], /--fault: one of none, refuse, fault, drop, malformed, huge/],
    [['emulate', '--latency-ms', 'slow'], /--latency-ms: whole milliseconds, got slow/],
    [['emulate', '--port', '70000'], /--port: a port number, got 70000/],
    [['emulate', '--colour'], /Unknown option '--colour'/],
    [['serve'], /kiosk hub emulate/],
  ])('%j is refused with its reason and the usage', async (args, reason) => {
    const answer = await run(args);
    expect(answer.code).toBe(2);
    expect(answer.err).toMatch(reason);
    expect(answer.err).toContain('kiosk hub emulate [--port 8095]');
    expect(answer.out).toBe('');
  });

  it('names the clinic file\'s field at fault', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    try {
      writeFileSync(join(dir, 'clinic.json'), JSON.stringify({ clinic: { id: 'x' } }));
      const answer = await run(['emulate', '--port', '0', '--clinic', join(dir, 'clinic.json')]);
      expect(answer.code).toBe(1);
      expect(answer.err).toMatch(/clinic\.name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
