// The one place the configured scheduler adapter (embedded, fhir, n3) is chosen and opened, always
// behind the resilience wrapper (timeouts, retries where idempotent, circuit
// breaker, cached reference data) and the session memo reads ahead use. main.ts calls it; so can the CLI.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import { err, ok, type Result } from '../contract/result';
import type { ClinicDefinition } from './embedded/clinic-definition';
import { openEmbeddedScheduler } from './embedded/embedded-scheduler';
import { openFhirScheduler } from './fhir/fhir-scheduler';
import { N3Scheduler } from './n3/n3-scheduler';
import { countBackendCalls, type OnBackendCall } from '../metrics/backend-calls';
import { PrefetchingScheduler } from './prefetch/prefetching-scheduler';
import { ResilientScheduler, type ResilienceSettings } from './resilience/resilient-scheduler';
import type { Scheduler } from './scheduler-port';

export interface OpenSchedulerOptions {
  /** Root for relative paths in the config. */
  readonly baseDir: string;
  /** The clinic file, loaded and validated (the embedded adapter's schedule). */
  readonly clinic: ClinicDefinition;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Where secrets come from (tests pass their own). */
  readonly env?: NodeJS.ProcessEnv;
  /** Told of every call that reaches the backend (metrics/backend-calls.ts). */
  readonly onBackendCall?: OnBackendCall;
}

type SchedulerConfig = KioskConfig['scheduler'];

function resilienceOf(config: SchedulerConfig): Partial<ResilienceSettings> {
  const r = config.resilience;
  if (!r) return {};
  return {
    timeoutMs: r.timeoutMs,
    failureThreshold: r.failureThreshold,
    cooldownMs: r.cooldownSeconds * 1000,
    directoryRefreshMs: r.referenceRefreshSeconds * 1000,
    directoryMaxStaleMs: r.referenceMaxStaleSeconds * 1000,
  };
}

/** Reads the FHIR bearer token from the environment variable or file the config names. The token itself is never logged. */
export function readSchedulerToken(
  auth: { tokenEnv?: string | undefined; tokenFile?: string | undefined } | undefined,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Result<string | null, string> {
  if (!auth) return ok(null);
  if (auth.tokenEnv !== undefined) {
    const token = env[auth.tokenEnv]?.trim();
    return token ? ok(token) : err(`scheduler.auth.tokenEnv: the environment variable ${auth.tokenEnv} is not set`);
  }
  if (auth.tokenFile !== undefined) {
    try {
      const token = readFileSync(resolve(baseDir, auth.tokenFile), 'utf8').trim();
      return token ? ok(token) : err(`scheduler.auth.tokenFile: ${auth.tokenFile} is empty`);
    } catch (cause) {
      return err(`scheduler.auth.tokenFile: cannot read ${auth.tokenFile} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return ok(null);
}

/** Reads the N3 hub's guid from the environment variable or file the config names. The guid itself is never logged. */
export function readHubGuid(
  auth: { guidEnv?: string | undefined; guidFile?: string | undefined },
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Result<string, string> {
  const read = readSchedulerToken({ tokenEnv: auth.guidEnv, tokenFile: auth.guidFile }, baseDir, env);
  if (!read.ok) return err(read.error.replace('auth.tokenEnv', 'auth.guidEnv').replace('auth.tokenFile', 'auth.guidFile'));
  return read.value === null ? err('scheduler.auth: give guidEnv or guidFile') : ok(read.value);
}

/** What identifying a patient takes with this config: the UI asks for a birth date after a typed policy when true. */
export function schedulerIdentification(config: KioskConfig): { readonly needsBirthDate: boolean } {
  return { needsBirthDate: config.scheduler.adapter === 'n3' && config.scheduler.patientMatch === 'policy+birthDate' };
}

/** Opens the configured adapter behind the resilience wrapper; a config problem comes back as a message with its field path. */
export function openScheduler(config: KioskConfig, options: OpenSchedulerOptions): Result<Scheduler, string> {
  const s = config.scheduler;
  const logger = options.logger.child({ component: 'scheduler' });
  let inner: Scheduler;
  if (s.adapter === 'embedded') {
    const dbPath = resolve(options.baseDir, s.database);
    mkdirSync(dirname(dbPath), { recursive: true });
    try {
      inner = openEmbeddedScheduler({
        dbPath,
        clinic: options.clinic,
        timeZone: config.clinic.timeZone,
        horizonDays: config.booking.horizonDays,
        // Holds this kiosk left at its previous boot are cleared at open (several kiosks may share the file).
        holdOwner: config.kioskId,
        ...(options.now ? { now: options.now } : {}),
      });
    } catch (cause) {
      const detail = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
      return err(`scheduler.database (${s.database}): cannot open the embedded scheduler${detail}`);
    }
  } else if (s.adapter === 'n3') {
    const guid = readHubGuid(s.auth, options.baseDir, options.env);
    if (!guid.ok) return guid;
    inner = new N3Scheduler({
      baseUrl: s.baseUrl,
      guid: guid.value,
      lpuId: s.lpuId,
      timeZone: config.clinic.timeZone,
      timeoutMs: s.resilience?.timeoutMs ?? 3000,
      specialtyCodes: s.specialtyCodes,
      patientMatch: s.patientMatch,
      // Confirms' client keys outlive a restart next to the print journal (a replayed confirm finds its booking).
      keyFile: join(dirname(resolve(options.baseDir, s.database)), 'n3-confirms.sqlite'),
      ...(options.now ? { now: options.now } : {}),
    });
  } else {
    const token = readSchedulerToken(s.auth, options.baseDir, options.env);
    if (!token.ok) return token;
    inner = openFhirScheduler({
      baseUrl: s.baseUrl,
      token: token.value,
      timeZone: config.clinic.timeZone,
      timeoutMs: s.resilience?.timeoutMs ?? 3000,
      patientIdentifierSystem: s.patientIdentifierSystem,
      specialtySystem: s.specialtySystem,
      specialtyCodes: s.specialtyCodes,
      organization: s.organization ?? null,
      districtExtension: s.districtExtension,
      ...(options.now ? { now: options.now } : {}),
    });
  }
  // Outermost, the session memo the read-ahead uses (booking/read-ahead.ts; a pass-through without it); innermost, the call counter.
  const counted = options.onBackendCall ? countBackendCalls(inner, options.onBackendCall) : inner;
  return ok(new PrefetchingScheduler(new ResilientScheduler(counted, { settings: resilienceOf(s), logger })));
}
