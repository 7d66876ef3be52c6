// Config reload (POST /api/service/config/reload, SIGHUP): the same files are
// loaded and validated whole again. An invalid result changes nothing and
// comes back with every problem. A valid one applies at once what can change
// while the kiosk runs, and names every other changed field as waiting for a
// restart (the running kiosk keeps its old value until then).
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import type { ConfigProblem } from '../config-loader';
import { err, ok, type Result } from '../contract/result';
import type { ConfigReloadReport } from '../contract/service';

/**
 * Fields (and whole sections) that take effect without a restart: the texts
 * on the ticket and the screen, the UI's timeouts and touch size (the UI gets
 * a `kiosk-info` event), how long a new hold lasts, service mode itself,
 * the printed memo (its text at the next print, its button with `kiosk-info`),
 * and where a volunteer is and how the kiosk calls one (with `kiosk-info`),
 * and speech output's voice, rate, volume and on/off (the cache's size needs a restart).
 */
export const LIVE_FIELDS: readonly string[] = [
  'clinic.name',
  'clinic.address',
  'clinic.phone',
  'session',
  'screen',
  'booking.holdSeconds',
  'service',
  'memo',
  'assistance',
  'speech.enabled',
  'speech.voice',
  'speech.rate',
  'speech.volume',
];

export const isLiveField = (path: string): boolean => LIVE_FIELDS.some((live) => path === live || path.startsWith(`${live}.`));

export type { ConfigReloadReport };

export interface ConfigReloader {
  /** The config in effect: the start-up config with every live change applied. */
  current(): KioskConfig;
  /** Changed fields waiting for a restart, as of the last successful reload. */
  pendingRestart(): readonly string[];
  reload(): Result<ConfigReloadReport, readonly ConfigProblem[]>;
}

export interface ConfigReloaderOptions {
  readonly initial: KioskConfig;
  /** Loads and validates the config files again (config-loader.ts), or says why it cannot. */
  readonly load: () => Result<KioskConfig, ConfigProblem[]>;
  /** Called with the new config in effect when at least one live field changed. */
  readonly onApplied?: (next: KioskConfig, applied: readonly string[]) => void;
  readonly logger: Logger;
}

export function createConfigReloader(options: ConfigReloaderOptions): ConfigReloader {
  let running = options.initial;
  let pending: readonly string[] = [];
  const { logger } = options;

  return {
    current: () => running,
    pendingRestart: () => pending,
    reload() {
      const loaded = options.load();
      if (!loaded.ok) {
        // Field paths only: a problem message may quote a value, and values stay out of the log.
        logger.warn({ event: 'config-reload-refused', problems: loaded.error.map((p) => p.path) }, 'config reload refused: the running config is kept');
        return err(loaded.error);
      }
      const changed = changedFields(running, loaded.value);
      const applied = changed.filter(isLiveField);
      const restartRequired = changed.filter((p) => !isLiveField(p));
      if (applied.length > 0) {
        let next = running as unknown;
        for (const path of applied) next = withValueAt(next, path.split('.'), valueAt(loaded.value, path.split('.')));
        running = next as KioskConfig;
        options.onApplied?.(running, applied);
      }
      pending = restartRequired;
      logger.info({ event: 'config-reloaded', applied, restartRequired }, 'config reloaded');
      return ok({ applied, restartRequired });
    },
  };
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted paths of the leaves (lists count as one leaf) that differ between `a` and `b`. */
export function changedFields(a: unknown, b: unknown, prefix = ''): string[] {
  if (isPlain(a) && isPlain(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedFields(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || '(root)'];
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isPlain(node) ? node[key] : undefined;
  return node;
}

function withValueAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const base: Plain = isPlain(root) ? { ...root } : {};
  const next = withValueAt(base[key], rest, value);
  if (next === undefined) delete base[key];
  else base[key] = next;
  return base;
}
