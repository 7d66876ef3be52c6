// Several bridges (separate processes, as on separate kiosks sharing one file)
// race for the same slots at the same instant.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from './clinic-definition';
import { openEmbeddedScheduler } from './embedded-scheduler';

const run = promisify(execFile);
const BRIDGE = fileURLToPath(new URL('./test-support/race-bridge.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOW = '2026-11-23T07:00:00.000Z'; // Monday 10:00 in Moscow

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('books each slot exactly once when five bridges race for the same twenty slots', async () => {
  const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!clinic.ok) throw new Error('demo clinic does not load');
  const dir = mkdtempSync(join(tmpdir(), 'embedded-race-'));
  dirs.push(dir);
  const dbPath = join(dir, 'scheduler.db');

  const setup = openEmbeddedScheduler({ dbPath, clinic: clinic.value, now: () => new Date(NOW) });
  const free = await setup.listFreeSlots({ specialtyCode: 'surgeon', from: '2026-11-23T00:00', to: '2026-12-07T00:00' });
  if (!free.ok) throw new Error('no slots');
  const slotIds = free.value.slice(0, 20).map((s) => s.id);
  expect(slotIds).toHaveLength(20);
  setup.close();

  const startAt = Date.now() + 3000; // after every process has started up
  const outputs = await Promise.all(
    clinic.value.patients.slice(0, 5).map((p) =>
      run(process.execPath, ['--import', 'tsx', BRIDGE, dbPath, NOW, String(startAt), p.policyNumber, slotIds.join(',')], {
        cwd: REPO_ROOT,
        timeout: 30_000,
      }),
    ),
  );
  const perBridge = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>);
  expect(perBridge).toHaveLength(5);

  const check = openEmbeddedScheduler({ dbPath, clinic: clinic.value, now: () => new Date(NOW) });
  try {
    const numbers = new Set<string>();
    for (const id of slotIds) {
      const outcomes = perBridge.map((r) => r[id]);
      const winners = outcomes.filter((o) => o?.startsWith('booked '));
      expect(winners, `slot ${id}: ${outcomes.join(' | ')}`).toHaveLength(1);
      // the losers were told the slot is taken, not that the scheduler broke
      expect(outcomes.filter((o) => !o?.startsWith('booked ')).every((o) => o === 'slot-taken'), outcomes.join(' | ')).toBe(true);
      expect(check.countAppointments({ slotId: id })).toBe(1);
      numbers.add(winners[0]!);
    }
    expect(numbers.size).toBe(20); // every ticket number is different
    expect(check.countAppointments()).toBe(20);
  } finally {
    check.close();
  }
}, 60_000);
