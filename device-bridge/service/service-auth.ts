// Who may use service mode: a PIN (from the environment or a file, read at
// each login so a changed PIN file needs no restart) buys a short-lived token;
// too many wrong PINs in a row lock service mode for a while, each lockout after
// another twice as long as the one before (up to an hour) until the right PIN is
// typed. The lockout state is kept on disk (lockout-store.ts), so a restart or a
// power cycle gives no fresh guesses. One token at a time: a new login ends the
// previous one. Time comes from an injected clock.
// The volunteer PIN (training mode) is typed on the same keypad and counts
// against the same lockout, so neither PIN can be guessed around the other.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import type { ServiceLogin } from '../contract/service';
import { memoryLockoutStore, NO_LOCKOUT, type LockoutState, type LockoutStore } from './lockout-store';
import type { SecretProblem } from './secrets';

/** The longest lockout, however many came in a row (unless lockoutSeconds itself is longer). */
export const MAX_LOCKOUT_SECONDS = 3600;

/** The `n`th lockout in a row (from 0): lockoutSeconds, then doubling, capped. */
export const lockoutSecondsOf = (baseSeconds: number, n: number): number =>
  Math.max(baseSeconds, Math.min(MAX_LOCKOUT_SECONDS, baseSeconds * 2 ** Math.min(n, 30)));

export interface ServiceAuthSettings {
  readonly maxPinAttempts: number;
  readonly lockoutSeconds: number;
  readonly sessionSeconds: number;
}

export interface ServiceAuthOptions {
  /** Read at every call: a config reload changes them for the next attempt. */
  readonly settings: () => ServiceAuthSettings;
  /** The configured PIN, or why there is none (secrets.ts). */
  readonly readPin: () => Result<string, SecretProblem>;
  /** The volunteer PIN of training mode, if any: it opens no service session, it only says "a volunteer". */
  readonly readVolunteerPin?: () => Result<string, SecretProblem>;
  readonly now: () => Date;
  readonly newToken?: () => string;
  /** Where the lockout state survives a restart (default: memory only). */
  readonly lockoutStore?: LockoutStore;
}

export type { ServiceLogin };

/** Who the PIN belongs to: clinic IT (a service session) or a volunteer (training mode, no session). */
export type PinHolder = ({ readonly role: 'it' } & ServiceLogin) | { readonly role: 'volunteer' };

export type LoginError =
  | { readonly kind: 'wrong-pin'; readonly attemptsLeft: number }
  | { readonly kind: 'locked-out'; readonly retryAfterSeconds: number; readonly until: string }
  /** No PIN is configured, or it cannot be read: service mode cannot be entered (the message says where the PIN was looked for). */
  | { readonly kind: 'service-disabled'; readonly message: string };

export type TokenError = { readonly kind: 'service-token-required'; readonly reason: 'missing' | 'invalid' | 'expired' };

export interface ServiceAuth {
  login(pin: string): Result<PinHolder, LoginError>;
  /** Checks the token and extends it. */
  authorize(token: string | undefined): Result<ServiceLogin, TokenError>;
  /** Ends the token's session; false when it was not the current one. */
  logout(token: string | undefined): boolean;
  /** For the status screen and logs: never the PIN, never the token. */
  state(): { readonly lockedUntil: string | null; readonly failedAttempts: number; readonly sessionOpen: boolean };
}

/** A PIN the on-screen keypad can type. */
export const PIN_FORMAT = /^\d{4,12}$/;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function createServiceAuth(options: ServiceAuthOptions): ServiceAuth {
  const newToken = options.newToken ?? (() => randomBytes(32).toString('base64url'));
  const store = options.lockoutStore ?? memoryLockoutStore();
  let { failures, lockedUntil, lockouts }: LockoutState = store.load();
  /** Written before the answer: a crash right after a wrong PIN still counts it. */
  const persist = () => store.save({ failures, lockedUntil, lockouts });
  let session: { token: string; expiresAt: number } | null = null;
  const nowMs = () => options.now().getTime();

  function login(pin: string): Result<PinHolder, LoginError> {
    const settings = options.settings();
    const now = nowMs();
    if (lockedUntil > now) {
      return err({ kind: 'locked-out', retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000), until: new Date(lockedUntil).toISOString() });
    }
    const configured = options.readPin();
    const itPin = configured.ok && PIN_FORMAT.test(configured.value) ? configured.value : null;
    const volunteer = options.readVolunteerPin?.();
    // The same PIN for both would make IT unable to log in: IT's wins, and training then has no PIN.
    const volunteerPin = volunteer?.ok && PIN_FORMAT.test(volunteer.value) && volunteer.value !== itPin ? volunteer.value : null;
    if (itPin === null && volunteerPin === null) {
      const message = !configured.ok
        ? configured.error.kind === 'not-configured'
          ? 'no service PIN is configured (service.pinEnv or service.pinFile)'
          : `${configured.error.field}: ${configured.error.message}`
        : 'the configured service PIN must be 4 to 12 digits';
      return err({ kind: 'service-disabled', message });
    }
    if (itPin !== null && timingSafeEqual(digest(pin), digest(itPin))) {
      reset();
      session = { token: newToken(), expiresAt: now + settings.sessionSeconds * 1000 };
      return ok({ role: 'it', token: session.token, expiresAt: new Date(session.expiresAt).toISOString() });
    }
    if (volunteerPin !== null && timingSafeEqual(digest(pin), digest(volunteerPin))) {
      reset();
      return ok({ role: 'volunteer' });
    }
    failures += 1;
    if (failures >= settings.maxPinAttempts) {
      const seconds = lockoutSecondsOf(settings.lockoutSeconds, lockouts);
      failures = 0;
      lockouts += 1;
      lockedUntil = now + seconds * 1000;
      persist();
      return err({ kind: 'locked-out', retryAfterSeconds: seconds, until: new Date(lockedUntil).toISOString() });
    }
    persist();
    return err({ kind: 'wrong-pin', attemptsLeft: settings.maxPinAttempts - failures });
  }

  /** The right PIN: a clean slate (written only when there was something to forget). */
  function reset(): void {
    if (failures === NO_LOCKOUT.failures && lockouts === NO_LOCKOUT.lockouts && lockedUntil === NO_LOCKOUT.lockedUntil) return;
    ({ failures, lockedUntil, lockouts } = NO_LOCKOUT);
    persist();
  }

  function matches(token: string | undefined): boolean {
    if (!session || token === undefined) return false;
    return timingSafeEqual(digest(token), digest(session.token));
  }

  return {
    login,
    authorize(token) {
      if (token === undefined || token === '') return err({ kind: 'service-token-required', reason: 'missing' });
      if (!session || !matches(token)) return err({ kind: 'service-token-required', reason: 'invalid' });
      const now = nowMs();
      if (session.expiresAt <= now) {
        session = null;
        return err({ kind: 'service-token-required', reason: 'expired' });
      }
      session.expiresAt = now + options.settings().sessionSeconds * 1000;
      return ok({ token: session.token, expiresAt: new Date(session.expiresAt).toISOString() });
    },
    logout(token) {
      if (!matches(token)) return false;
      session = null;
      return true;
    },
    state() {
      const now = nowMs();
      return {
        lockedUntil: lockedUntil > now ? new Date(lockedUntil).toISOString() : null,
        failedAttempts: failures,
        sessionOpen: session !== null && session.expiresAt > now,
      };
    },
  };
}
