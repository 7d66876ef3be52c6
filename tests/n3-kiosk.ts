// Test support: the whole bridge configured for a regional N3 hub
// (`scheduler.adapter: "n3"`, reading ahead on, as by default) against the
// project's HubService emulator on loopback, with the demo clinic, on the
// frozen clock the integration tests share. One place for what the n3 API tests
// would otherwise each set up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatConfigProblems, loadKioskConfig } from '../device-bridge/config-loader';
import { createLogger } from '../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../device-bridge/main';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from '../device-bridge/scheduler/embedded/clinic-definition';
import { startHubEmulator, type HubEmulator, type HubEmulatorOptions } from '../device-bridge/scheduler/n3/emulator/hub-emulator';
import { emulatorSpecialtyCodes } from '../device-bridge/scheduler/n3/emulator/hub-operations';
import { REPO_ROOT, UI_DIR } from './kiosk-harness';

/** Monday 23.11.2026, 06:00 in Moscow. */
export const N3_NOW = new Date('2026-11-23T03:00:00Z');

export function demoClinic(): ClinicDefinition {
  const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!demo.ok) throw new Error('the demo clinic does not load');
  return demo.value;
}

export interface KioskOnHub {
  readonly hub: HubEmulator;
  readonly kiosk: RunningKiosk;
  readonly clinic: ClinicDefinition;
  readonly guid: string;
  close(): Promise<void>;
}

export async function startKioskOnHub(options: {
  readonly guid: string;
  readonly patientMatch: 'policy' | 'policy+birthDate';
  /** The emulator's own options (a hub that needs the birth date, one without a name search). */
  readonly hub?: Partial<Omit<HubEmulatorOptions, 'clinic' | 'guid' | 'now'>>;
  /** `scheduler.resilience` of the kiosk config. */
  readonly resilience?: Record<string, unknown>;
}): Promise<KioskOnHub> {
  const clinic = demoClinic();
  const hub = await startHubEmulator({ clinic, guid: options.guid, now: () => N3_NOW, ...options.hub });
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-on-hub-'));
  writeFileSync(join(dir, 'hub.guid'), `${options.guid}\n`);
  writeFileSync(join(dir, 'clinic.json'), JSON.stringify(clinic));
  const config = loadKioskConfig([], {
    bridge: { host: '127.0.0.1', port: 0 },
    scheduler: {
      adapter: 'n3',
      baseUrl: hub.url,
      lpuId: 1234,
      auth: { guidFile: join(dir, 'hub.guid') },
      specialtyCodes: emulatorSpecialtyCodes(clinic),
      patientMatch: options.patientMatch,
      database: join(dir, 'scheduler.sqlite'),
      clinicFile: join(dir, 'clinic.json'),
      ...(options.resilience ? { resilience: options.resilience } : {}),
    },
    virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
    log: { level: 'silent' },
  });
  if (!config.ok) throw new Error(formatConfigProblems(config.error));
  const kiosk = await startKiosk(config.value, { logger: createLogger('silent'), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => N3_NOW });
  return {
    hub,
    kiosk,
    clinic,
    guid: options.guid,
    async close() {
      await kiosk.close();
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
