// The backend the hub bench books against: the ONE place to change it.
// By default the N3 HubService emulator (`kiosk hub emulate --latency-ms`) in a
// process of its own, as a real hub is, answering every SOAP call slowly, each
// kiosk with its own N3 adapter (its own holds, as separate bridges have). `KIOSK_BENCH_HUB=embedded` books
// in the embedded demo clinic behind an injected per-call latency instead
// (device-bridge/scheduler/test-support/latency-scheduler.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../../device-bridge/scheduler/embedded/embedded-scheduler';
import { emulatorSpecialtyCodes } from '../../device-bridge/scheduler/n3/emulator/hub-operations';
import { N3Scheduler } from '../../device-bridge/scheduler/n3/n3-scheduler';
import type { Scheduler } from '../../device-bridge/scheduler/scheduler-port';
import { hubLatency, withLatency } from '../../device-bridge/scheduler/test-support/latency-scheduler';

export interface BenchBackend {
  /** Printed with the figures: what was measured against. */
  readonly description: string;
  /** The policy numbers of the patients the backend knows (typed on the keypad). */
  readonly policies: readonly string[];
  /** A kiosk's own connection to the backend (every kiosk of the run books in the same clinic). */
  open(kioskId: string): Scheduler;
  /** SOAP calls the hub answered so far, when the backend is a hub (port calls can be several hub calls). */
  hubCalls?(): Promise<number>;
  /** Stops what `openHubBackend` started and removes its files. */
  close(): void | Promise<void>;
}

/** Opens a backend answering in `latencyMs`; `label` keeps runs apart (each its own clinic). */
export type BenchBackendFactory = (latencyMs: number, label: string) => Promise<BenchBackend>;

function demoClinic(): ClinicDefinition {
  const loaded = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!loaded.ok) throw new Error('the demo clinic does not load');
  return loaded.value;
}

/** The embedded demo clinic on disk, every kiosk's calls delayed like a hub's (the hold kept in the bridge, as with N3). */
export const embeddedWithHubLatency: BenchBackendFactory = async (latencyMs, label) => {
  const dir = mkdtempSync(join(tmpdir(), `hub-bench-${label}-`));
  const clinic = demoClinic();
  const opened: Scheduler[] = [];
  return {
    description: `embedded demo clinic behind an injected ${latencyMs} ms per call (hold and release kept in the bridge, as an N3 adapter does)`,
    policies: clinic.patients.map((p) => p.policyNumber),
    open(kioskId) {
      const scheduler = withLatency(openEmbeddedScheduler({ dbPath: join(dir, 'clinic.sqlite'), clinic, horizonDays: 14, holdOwner: kioskId }), hubLatency(latencyMs));
      opened.push(scheduler);
      return scheduler;
    },
    close() {
      for (const s of opened.splice(0)) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * `npx kiosk hub emulate` in its own process on a free loopback port, slow by itself; one N3 adapter per kiosk.
 * Its own process, as a real hub is: sharing the bench's event loop with every kiosk's bridge, it answered late
 * because the kiosks were busy, not because the hub was.
 */
export const n3EmulatorWithLatency: BenchBackendFactory = async (latencyMs) => {
  const clinic = demoClinic();
  const child = spawn(process.execPath, ['bin/kiosk.mjs', 'hub', 'emulate', '--port', '0', '--latency-ms', String(latencyMs)], {
    cwd: new URL('../../', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const found = /HubService emulator: (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`kiosk hub emulate exited with code ${code} before listening:\n${out}`)));
  });
  child.stdout.resume();
  const opened: Scheduler[] = [];
  return {
    description: `the N3 HubService emulator (kiosk hub emulate --latency-ms ${latencyMs}, its own process) over loopback HTTP, one N3 adapter per kiosk (holds kept in each kiosk's bridge)`,
    policies: clinic.patients.map((p) => p.policyNumber),
    open() {
      const scheduler = new N3Scheduler({ baseUrl: url, guid: 'bench', lpuId: 1234, timeZone: 'Europe/Moscow', specialtyCodes: emulatorSpecialtyCodes(clinic) });
      opened.push(scheduler);
      return scheduler;
    },
    async hubCalls() {
      const answer = await fetch(url.replace('/HubService.svc', '/control'));
      const { calls } = (await answer.json()) as { calls: Record<string, number> };
      return Object.values(calls).reduce((a, b) => a + b, 0);
    },
    async close() {
      for (const s of opened.splice(0)) s.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/** The backend `npm run bench -- hub` uses. */
export const openHubBackend: BenchBackendFactory = process.env.KIOSK_BENCH_HUB === 'embedded' ? embeddedWithHubLatency : n3EmulatorWithLatency;
