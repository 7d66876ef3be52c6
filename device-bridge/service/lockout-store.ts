// The service PIN's lockout state, kept on disk so that a restart or a power
// cycle gives no fresh guesses (issue 18): wrong PINs in a row, the instant
// the current lockout ends, and how many lockouts came one after another
// (each one twice as long as the one before, service-auth.ts). A small JSON
// file next to the scheduler's database, replaced atomically, 0600.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../storage/private-files';

export interface LockoutState {
  /** Wrong PINs since the last right one or the last lockout. */
  readonly failures: number;
  /** Epoch ms the current lockout ends (0 when none ever). */
  readonly lockedUntil: number;
  /** Lockouts since the last right PIN: the next one lasts lockoutSeconds × 2^lockouts (capped). */
  readonly lockouts: number;
}

export interface LockoutStore {
  load(): LockoutState;
  save(state: LockoutState): void;
}

export const NO_LOCKOUT: LockoutState = { failures: 0, lockedUntil: 0, lockouts: 0 };

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0);

/** In memory only (tests, and a kiosk given no file). */
export function memoryLockoutStore(): LockoutStore {
  let state = NO_LOCKOUT;
  return { load: () => state, save: (next) => void (state = next) };
}

/**
 * On disk at `file`. A missing file is no lockout; an unreadable or garbled one
 * (only a program that can write the file can garble it: it could as well delete it)
 * is no lockout too, and `onUnreadable` says so for the log.
 */
export function fileLockoutStore(file: string, onUnreadable: (reason: string) => void): LockoutStore {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return NO_LOCKOUT;
        onUnreadable((cause as Error).message);
        return NO_LOCKOUT;
      }
      try {
        const raw = JSON.parse(text) as Record<string, unknown>;
        return { failures: count(raw.failures), lockedUntil: count(raw.lockedUntil), lockouts: count(raw.lockouts) };
      } catch {
        onUnreadable('not JSON');
        return NO_LOCKOUT;
      }
    },
    save(state) {
      writeFileAtomic(file, `${JSON.stringify(state)}\n`);
    },
  };
}
