// Secrets (the service PIN; the scheduler token has its own reader in
// scheduler/open-scheduler.ts with the same shape) come from an environment
// variable or a file the config names, never from the config itself. The
// value is returned to the one caller that needs it and is never logged,
// printed or sent to the UI: messages name only where it was looked for.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { err, ok, type Result } from '../contract/result';

export interface SecretRef {
  /** Name of the environment variable that holds the secret. */
  readonly env?: string | null | undefined;
  /** Path of the file that holds the secret (relative to the kiosk's base directory). */
  readonly file?: string | null | undefined;
}

export type SecretProblem =
  /** The config names no source. */
  | { readonly kind: 'not-configured' }
  /** The source is named but holds nothing usable; `message` says where it looked, never what it found. */
  | { readonly kind: 'unreadable'; readonly field: string; readonly message: string };

/**
 * Reads the secret `ref` points at. `field` is the config path of the
 * reference's parent (e.g. `service.pin`), used as `service.pinEnv` /
 * `service.pinFile` in messages.
 */
export function readSecret(ref: SecretRef, field: string, baseDir: string, env: NodeJS.ProcessEnv = process.env): Result<string, SecretProblem> {
  if (typeof ref.env === 'string') {
    const value = env[ref.env]?.trim();
    return value ? ok(value) : err({ kind: 'unreadable', field: `${field}Env`, message: `the environment variable ${ref.env} is not set` });
  }
  if (typeof ref.file === 'string') {
    try {
      const value = readFileSync(resolve(baseDir, ref.file), 'utf8').trim();
      return value ? ok(value) : err({ kind: 'unreadable', field: `${field}File`, message: `${ref.file} is empty` });
    } catch (cause) {
      return err({ kind: 'unreadable', field: `${field}File`, message: `cannot read ${ref.file} (${(cause as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  return err({ kind: 'not-configured' });
}

/** Where a secret is read from, for `kiosk config check` and the service screen: never the value. */
export function describeSecretSource(ref: SecretRef): string {
  if (typeof ref.env === 'string') return `environment variable ${ref.env}`;
  if (typeof ref.file === 'string') return `file ${ref.file}`;
  return 'not configured';
}
