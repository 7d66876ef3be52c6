// Several bridges (separate processes, as on separate kiosks sharing one file)
// race for the same slots at the same instant. That they really overlapped is
// proven, not assumed: for each slot every bridge says "ready" and blocks; the
// start signal goes out only when all of them are ready, and each bridge
// reports that the signal found it waiting (test-support/race-bridge.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from './clinic-definition';
import { openEmbeddedScheduler } from './embedded-scheduler';
import type { BridgeMessage, StartSignal } from './test-support/race-bridge';

const BRIDGE = fileURLToPath(new URL('./test-support/race-bridge.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOW = '2026-11-23T07:00:00.000Z'; // Monday 10:00 in Moscow
const BRIDGES = 5;
const SLOTS = 20;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One bridge process and its messages, in order; a crash fails whoever waits for a message. */
function startBridge(args: string[]) {
  const child = fork(BRIDGE, args, { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  const inbox: BridgeMessage[] = [];
  let wake: (() => void) | null = null;
  let gone: Error | null = null;
  child.on('message', (m: BridgeMessage) => {
    inbox.push(m);
    wake?.();
  });
  child.on('exit', (code) => {
    if (code !== 0) gone = new Error(`a bridge exited with code ${code}`);
    wake?.();
  });
  return {
    async next<K extends BridgeMessage['type']>(type: K): Promise<Extract<BridgeMessage, { type: K }>> {
      for (;;) {
        const m = inbox.shift();
        if (m) {
          if (m.type !== type) throw new Error(`expected ${type} from a bridge, got ${JSON.stringify(m)}`);
          return m as Extract<BridgeMessage, { type: K }>;
        }
        if (gone) throw gone;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    go(round: number) {
      child.send({ type: 'go', round } satisfies StartSignal);
    },
  };
}

it('books each slot exactly once when five bridges race for the same twenty slots', async () => {
  const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!clinic.ok) throw new Error('demo clinic does not load');
  const dir = mkdtempSync(join(tmpdir(), 'embedded-race-'));
  dirs.push(dir);
  const dbPath = join(dir, 'scheduler.db');

  const setup = openEmbeddedScheduler({ dbPath, clinic: clinic.value, now: () => new Date(NOW) });
  const free = await setup.listFreeSlots({ specialtyCode: 'surgeon', from: '2026-11-23T00:00', to: '2026-12-07T00:00' });
  if (!free.ok) throw new Error('no slots');
  const slotIds = free.value.slice(0, SLOTS).map((s) => s.id);
  expect(slotIds).toHaveLength(SLOTS);
  setup.close();

  const bridges = clinic.value.patients.slice(0, BRIDGES).map((p) => startBridge([dbPath, NOW, p.policyNumber, slotIds.join(',')]));
  for (let round = 0; round < slotIds.length; round++) {
    const ready = await Promise.all(bridges.map((b) => b.next('ready')));
    expect(ready.map((m) => m.round)).toEqual(Array(BRIDGES).fill(round));
    // Every bridge is blocked on this round's signal now: release them all in one pass.
    for (const b of bridges) b.go(round);
  }
  const done = await Promise.all(bridges.map((b) => b.next('done')));
  // Each bridge was already waiting when each start signal came: the five processes overlapped on every slot.
  for (const d of done) expect(d.waitedForStart).toEqual(Array(SLOTS).fill(true));
  const perBridge = done.map((d) => d.results);
  expect(perBridge).toHaveLength(BRIDGES);

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
    expect(numbers.size).toBe(SLOTS); // every ticket number is different
    expect(check.countAppointments()).toBe(SLOTS);
  } finally {
    check.close();
  }
}, 60_000);
