// The PIN lockout as it survives a restart: growing lockouts (300 s, 600 s, …,
// capped at an hour) kept in a 0600 file that a new ServiceAuth reads back, a
// right PIN resetting it all, and a garbled file read as no lockout.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ok } from '../contract/result';
import { fileLockoutStore, NO_LOCKOUT } from './lockout-store';
import { createServiceAuth, lockoutSecondsOf } from './service-auth';

function kioskAt(file: string, clock: { now: Date }) {
  return createServiceAuth({
    settings: () => ({ maxPinAttempts: 5, lockoutSeconds: 300, sessionSeconds: 120 }),
    readPin: () => ok('2468'),
    now: () => clock.now,
    lockoutStore: fileLockoutStore(file, () => undefined),
  });
}

const wrongFive = (auth: ReturnType<typeof kioskAt>) => [1, 2, 3, 4, 5].map(() => auth.login('0000')).at(-1);
const advance = (clock: { now: Date }, seconds: number) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));

describe('the service PIN lockout', () => {
  test('grows: 300 s, then doubling, capped at an hour', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => lockoutSecondsOf(300, n))).toEqual([300, 600, 1200, 2400, 3600, 3600]);
    expect(lockoutSecondsOf(7200, 3)).toBe(7200);
  });

  test('is kept on disk (0600, in a 0700 directory): a new kiosk on the same file is still locked, and a wrong PIN counts across restarts', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lockout-')), 'state');
    const file = join(dir, 'service-lockout.json');
    const clock = { now: new Date('2026-11-23T09:00:00Z') };
    expect(wrongFive(kioskAt(file, clock))).toMatchObject({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 300 } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['service-lockout.json']);

    advance(clock, 60);
    const restarted = kioskAt(file, clock);
    expect(restarted.login('2468')).toEqual({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 240, until: '2026-11-23T09:05:00.000Z' } });

    // The lockout ends; the next five wrong PINs (across another restart) lock for twice as long.
    advance(clock, 240);
    const again = kioskAt(file, clock);
    for (const left of [4, 3]) expect(again.login('0000')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: left } });
    const third = kioskAt(file, clock);
    expect(third.login('0000')).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 2 } });
    third.login('0000');
    expect(third.login('0000')).toMatchObject({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 600 } });

    // The right PIN after the lockout: a clean slate, on disk too.
    advance(clock, 600);
    expect(kioskAt(file, clock).login('2468').ok).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(NO_LOCKOUT);
    expect(wrongFive(kioskAt(file, clock))).toMatchObject({ ok: false, error: { kind: 'locked-out', retryAfterSeconds: 300 } });
  });

  test('a garbled or missing file is no lockout, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockout-'));
    const file = join(dir, 'service-lockout.json');
    const reasons: string[] = [];
    expect(fileLockoutStore(file, (r) => reasons.push(r)).load()).toEqual(NO_LOCKOUT);
    writeFileSync(file, '{"failures": 4, "lockedUntil": "soon"');
    expect(fileLockoutStore(file, (r) => reasons.push(r)).load()).toEqual(NO_LOCKOUT);
    expect(reasons).toEqual(['not JSON']);
  });
});
