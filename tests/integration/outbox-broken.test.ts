// An outbox file that is corrupt or read-only at start: the kiosk starts all
// the same (booking does not need it), says so in /healthz and service mode,
// and refuses every request (503 `outbox-unavailable`, nothing printed), so no
// patient is told «принято» for a request that was not kept. The file is left
// as it was for IT to look at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openOutboxStore } from '../../device-bridge/outbox/outbox-store';
import { bridgeCaller, serviceHeaders, valueOf } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

const started: KioskUnderTest[] = [];
const immutable: string[] = [];

afterEach(async () => {
  for (const k of started.splice(0)) await k.kiosk.close();
  for (const file of immutable.splice(0)) execFileSync('chattr', ['-i', file]);
});

async function expectRefusing(file: string): Promise<void> {
  const kut = await startKioskUnderTest({ outbox: { file } });
  started.push(kut);
  const api = bridgeCaller(kut.kiosk.port);

  const health = await api('GET', '/healthz');
  expect(health.status).toBe(200);
  expect(health.json.status).toBe('degraded');
  expect(health.json.components.outbox).toMatchObject({ state: 'down', detail: expect.stringContaining(file) });

  expect(valueOf('options', await api('GET', '/api/outbox/options')).accepting).toBe(false);
  const jobs = kut.kiosk.virtualPrinter!.tickets().length;
  const refused = await api('POST', '/api/outbox/requests', {
    body: { clientKey: 'k-broken-outbox-1', policyNumber: DEMO_PATIENT.policy, specialtyCode: 'surgeon', claim: 'no-slots', phone: '9161234567' },
  });
  expect(refused.status).toBe(503);
  expect(refused.json.error.kind).toBe('outbox-unavailable');
  expect(kut.kiosk.virtualPrinter!.tickets().length).toBe(jobs);

  const status = valueOf('status', await api('GET', '/api/service/status', { headers: await serviceHeaders(api, TEST_SERVICE_PIN) }));
  expect(status.outbox).toMatchObject({ state: 'unavailable', detail: expect.stringContaining(file), pending: 0 });

  // booking still works: the kiosk is up
  expect(valueOf('identify', await api('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).sessionId).toEqual(expect.any(String));
}

describe('outbox database unusable at start', () => {
  test('corrupt: the kiosk starts, says so, refuses requests, and leaves the file untouched', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kiosk-outbox-corrupt-')), 'outbox.sqlite');
    const garbage = Buffer.from('this is not a SQLite database, it was cut off by a power failure'.repeat(80));
    writeFileSync(file, garbage);
    await expectRefusing(file);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  test('read-only (immutable on disk): the kiosk starts, says so, refuses requests', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kiosk-outbox-readonly-')), 'outbox.sqlite');
    openOutboxStore(file).close();
    // The suite runs as root, for whom mode bits do not stop a write: the immutable flag does.
    execFileSync('chattr', ['+i', file]);
    immutable.push(file);
    await expectRefusing(file);
  });
});
