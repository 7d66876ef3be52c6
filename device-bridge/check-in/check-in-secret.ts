// The key that signs ticket QR codes (ticket-code.ts): the clinic's, from an
// environment variable or a file the config names (service/secrets.ts), or,
// when none is named, this kiosk's own, made once and kept 0600 in a file
// next to the scheduler's database. Never logged, never sent to the UI.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { err, ok, type Result } from '../contract/result';
import { readSecret } from '../service/secrets';
import type { CheckInConfig } from './check-in-config';

export type CheckInSecret = { readonly secret: string; readonly source: 'clinic' | 'kiosk' };

export function checkInSecret(
  config: Pick<CheckInConfig, 'secretEnv' | 'secretFile'>,
  options: { readonly baseDir: string; readonly kioskKeyFile: string; readonly env?: NodeJS.ProcessEnv },
): Result<CheckInSecret, string> {
  const named = readSecret({ env: config.secretEnv, file: config.secretFile }, 'checkIn.secret', options.baseDir, options.env);
  if (named.ok) return ok({ secret: named.value, source: 'clinic' });
  if (named.error.kind === 'unreadable') return err(`${named.error.field}: ${named.error.message}`);
  try {
    if (!existsSync(options.kioskKeyFile)) {
      writeFileSync(options.kioskKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    }
    chmodSync(options.kioskKeyFile, 0o600);
    const secret = readFileSync(options.kioskKeyFile, 'utf8').trim();
    return secret.length >= 16 ? ok({ secret, source: 'kiosk' }) : err(`${options.kioskKeyFile} holds no usable key`);
  } catch (cause) {
    return err(`cannot make or read ${options.kioskKeyFile} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
