// Issue 18, item 5: five wrong service PINs lock service mode, and restarting
// the kiosk (the same state directory, as after a power cycle) does not give
// five more guesses: the new bridge answers 429 locked-out, even to the right PIN.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { bridgeCaller } from '../bridge-http';
import { clinicMorning, REPO_ROOT, startKioskUnderTest, TEST_SERVICE_PIN, UI_DIR } from '../kiosk-harness';

const running: RunningKiosk[] = [];
afterAll(async () => {
  for (const kiosk of running) await kiosk.close();
});

describe('the service PIN lockout', () => {
  test('is still there after a restart', async () => {
    const kut = await startKioskUnderTest({ kioskId: 'lockout-01' });
    const first = bridgeCaller(kut.kiosk.port);
    for (let i = 0; i < 4; i++) expect((await first('POST', '/api/service/login', { body: { pin: '1111' } })).status).toBe(401);
    const locked = await first('POST', '/api/service/login', { body: { pin: '1111' } });
    expect(locked.status).toBe(429);
    expect(locked.json.error).toMatchObject({ kind: 'locked-out', retryAfterSeconds: 300 });
    await kut.kiosk.close();

    const lockoutFile = join(kut.dir, 'service-lockout.json');
    expect(statSync(lockoutFile).mode & 0o777).toBe(0o600);

    const restarted = await startKiosk(kut.config, { logger: pino({ level: 'silent' }), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => clinicMorning(kut.config.clinic.timeZone) });
    running.push(restarted);
    const answer = await bridgeCaller(restarted.port)('POST', '/api/service/login', { body: { pin: TEST_SERVICE_PIN } });
    expect(answer.status).toBe(429);
    expect(answer.json.error).toMatchObject({ kind: 'locked-out', retryAfterSeconds: 300 });
  });
});
