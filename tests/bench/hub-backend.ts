// The backend the hub bench books against: the ONE place to change it.
// Today: the embedded demo clinic behind an injected hub latency
// (device-bridge/scheduler/test-support/latency-scheduler.ts). After the N3
// adapter and its emulator are merged, return a factory that starts
// `kiosk hub emulate --latency-ms <latencyMs>` on a free port once (in
// `openHubBackend`) and opens one N3 adapter per kiosk against it (in `open`),
// with no injected latency: the emulator is slow by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../../device-bridge/scheduler/embedded/embedded-scheduler';
import type { Scheduler } from '../../device-bridge/scheduler/scheduler-port';
import { hubLatency, withLatency } from '../../device-bridge/scheduler/test-support/latency-scheduler';

export interface BenchBackend {
  /** Printed with the figures: what was measured against. */
  readonly description: string;
  /** The policy numbers of the patients the backend knows (typed on the keypad). */
  readonly policies: readonly string[];
  /** A kiosk's own connection to the backend (every kiosk of the run books in the same clinic). */
  open(kioskId: string): Scheduler;
  /** Stops what `openHubBackend` started and removes its files. */
  close(): void;
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

/** The backend `npm run bench -- hub` uses. Switch to the N3 emulator here. */
export const openHubBackend: BenchBackendFactory = embeddedWithHubLatency;
