// The service PIN as a technician meets it: the right PIN opens service mode,
// five wrong ones lock it for the configured time (even for the right PIN),
// a token stops working after being unused, and a missing PIN disables it.
import { describe, expect, test } from 'vitest';
import { err, ok } from '../contract/result';
import { createServiceAuth, type ServiceAuthSettings } from './service-auth';

function setup(
  pin: string | null = '2468',
  settings: ServiceAuthSettings = { maxPinAttempts: 5, lockoutSeconds: 300, sessionSeconds: 120 },
  volunteerPin: string | null = null,
) {
  let now = new Date('2026-11-23T09:00:00Z');
  let n = 0;
  const auth = createServiceAuth({
    settings: () => settings,
    readPin: () => (pin === null ? err({ kind: 'not-configured' }) : ok(pin)),
    readVolunteerPin: () => (volunteerPin === null ? err({ kind: 'not-configured' }) : ok(volunteerPin)),
    now: () => now,
    newToken: () => `token-${++n}`,
  });
  return { auth, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe('service PIN and token', () => {
  test('the right PIN gives a token that authorises calls; logout ends it', () => {
    const { auth } = setup();
    const login = auth.login('2468');
    expect(login).toEqual({ ok: true, value: { role: 'it', token: 'token-1', expiresAt: '2026-11-23T09:02:00.000Z' } });
    expect(auth.authorize('token-1').ok).toBe(true);
    expect(auth.authorize(undefined)).toEqual({ ok: false, error: { kind: 'service-token-required', reason: 'missing' } });
    expect(auth.authorize('token-2')).toEqual({ ok: false, error: { kind: 'service-token-required', reason: 'invalid' } });
    expect(auth.logout('token-1')).toBe(true);
    expect(auth.authorize('token-1').ok).toBe(false);
  });

  test('five wrong PINs lock service mode for lockoutSeconds, even for the right PIN; then it opens again', () => {
    const { auth, advance } = setup();
    for (const left of [4, 3, 2, 1]) expect(auth.login('0000')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: left } });
    expect(auth.login('0000')).toEqual({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 300, until: '2026-11-23T09:05:00.000Z' } });
    advance(120);
    expect(auth.login('2468')).toEqual({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 180, until: '2026-11-23T09:05:00.000Z' } });
    expect(auth.state().lockedUntil).toBe('2026-11-23T09:05:00.000Z');
    advance(180);
    expect(auth.login('2468').ok).toBe(true);
    expect(auth.state().lockedUntil).toBeNull();
  });

  test('the volunteer PIN says "volunteer" and opens no service session; wrong guesses at either count together', () => {
    const { auth } = setup('2468', { maxPinAttempts: 3, lockoutSeconds: 300, sessionSeconds: 120 }, '1357');
    expect(auth.login('1357')).toEqual({ ok: true, value: { role: 'volunteer' } });
    expect(auth.state().sessionOpen).toBe(false);
    expect(auth.login('0000')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 2 } });
    expect(auth.login('0001')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 1 } });
    expect(auth.login('0002').ok).toBe(false);
    // Locked for both PINs.
    expect(auth.login('1357')).toMatchObject({ ok: false, error: { kind: 'locked-out' } });
  });

  test('a volunteer PIN equal to the service PIN is ignored: IT can still log in', () => {
    const { auth } = setup('2468', undefined, '2468');
    expect(auth.login('2468')).toMatchObject({ ok: true, value: { role: 'it' } });
  });

  test('with only a volunteer PIN configured, training works and service mode stays shut', () => {
    const { auth } = setup(null, undefined, '1357');
    expect(auth.login('1357')).toEqual({ ok: true, value: { role: 'volunteer' } });
    expect(auth.login('2468')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 4 } });
  });

  test('a right PIN resets the count of wrong ones', () => {
    const { auth } = setup();
    for (let i = 0; i < 4; i++) auth.login('1111');
    expect(auth.login('2468').ok).toBe(true);
    expect(auth.login('1111')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 4 } });
  });

  test('a token expires after sessionSeconds unused; every use moves the expiry', () => {
    const { auth, advance } = setup();
    auth.login('2468');
    advance(100);
    expect(auth.authorize('token-1')).toEqual({ ok: true, value: { token: 'token-1', expiresAt: '2026-11-23T09:03:40.000Z' } });
    advance(119);
    expect(auth.authorize('token-1').ok).toBe(true);
    advance(120);
    expect(auth.authorize('token-1')).toEqual({ ok: false, error: { kind: 'service-token-required', reason: 'expired' } });
  });

  test('one technician at a time: a new login ends the previous token', () => {
    const { auth } = setup();
    auth.login('2468');
    auth.login('2468');
    expect(auth.authorize('token-1').ok).toBe(false);
    expect(auth.authorize('token-2').ok).toBe(true);
  });

  test('without a usable PIN service mode cannot be entered, and nothing counts as a wrong attempt', () => {
    const none = setup(null).auth;
    expect(none.login('2468')).toEqual({ ok: false, error: { kind: 'service-disabled', message: 'no service PIN is configured (service.pinEnv or service.pinFile)' } });
    const letters = setup('abcd').auth;
    // The message says what is wrong with the configured PIN, never what it is.
    expect(letters.login('abcd')).toEqual({ ok: false, error: { kind: 'service-disabled', message: 'the configured service PIN must be 4 to 12 digits' } });
    expect(letters.state().failedAttempts).toBe(0);
  });
});
