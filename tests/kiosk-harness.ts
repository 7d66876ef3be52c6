// Starts a whole kiosk bridge for a test: the real composition root, the
// embedded scheduler on a fresh SQLite file, and the virtual printer on a real
// loopback TCP port. Each test file gets its own, on ports the OS picks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { loadKioskConfig, formatConfigProblems } from '../device-bridge/config-loader';
import { createLogger } from '../device-bridge/logger';
import { startKiosk, type RunningKiosk, type StartKioskOptions } from '../device-bridge/main';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const UI_DIR = join(REPO_ROOT, 'dist/kiosk-ui');

/** Demo patient from config/demo-clinic.json (the README lists them). */
export const DEMO_PATIENT = { policy: '6449020886006380', surname: 'Иванова', display: 'Иванова Т. А.' } as const;

/**
 * The bridge's clock is frozen at 06:00 clinic time today, so "the first free
 * slot" cannot slip into the past while a test runs (a real lobby clock would
 * make the suite depend on the hour it runs at).
 */
export function clinicMorning(timeZone = 'Europe/Moscow'): Date {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(`${today}T06:00:00+03:00`);
}

/** The service PIN of every kiosk under test unless the test sets `service` itself. */
export const TEST_SERVICE_PIN = '24681357';
/** The volunteer PIN (training mode) of every kiosk under test unless the test sets `training` itself. */
export const TEST_VOLUNTEER_PIN = '13572468';

export interface KioskUnderTest {
  readonly kiosk: RunningKiosk;
  readonly config: KioskConfig;
  readonly dir: string;
  readonly dbPath: string;
  readonly logFile: string;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** `options`: the bridge's rate limits and their clock (device-bridge/api/rate-limit.ts), for tests that step it; the speech engine's program. */
export async function startKioskUnderTest(
  overrides: DeepPartial<KioskConfig> = {},
  options: Pick<StartKioskOptions, 'rateLimits' | 'monotonicClock' | 'speechCommand' | 'now'> = {},
): Promise<KioskUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  const pinFile = join(dir, 'service.pin');
  writeFileSync(pinFile, `${TEST_SERVICE_PIN}\n`, { mode: 0o600 });
  const volunteerPinFile = join(dir, 'volunteer.pin');
  writeFileSync(volunteerPinFile, `${TEST_VOLUNTEER_PIN}\n`, { mode: 0o600 });
  const config = loadKioskConfig([], {
    bridge: { host: '127.0.0.1', port: 0 },
    service: { pinEnv: null, pinFile },
    scheduler: { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') },
    virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
    ...overrides,
    // Merged, not replaced: a test that sets `training.idleSeconds` keeps the volunteer PIN.
    training: { volunteerPinEnv: null, volunteerPinFile, ...overrides.training },
  });
  if (!config.ok) throw new Error(`test config invalid:\n${formatConfigProblems(config.error)}`);
  const logFile = join(dir, 'bridge.log');
  const { default: pino } = await import('pino');
  const logger = createLogger('info', pino.destination({ dest: logFile, sync: true }));
  const frozen = clinicMorning(config.value.clinic.timeZone);
  const kiosk = await startKiosk(config.value, { logger, baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => frozen, ...options });
  return { kiosk, config: config.value, dir, dbPath: config.value.scheduler.database, logFile };
}

/** Appointments in the kiosk's own scheduler database (any status): what reached the clinic's SQLite on disk. */
export function appointmentsInDatabase(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM appointments').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
