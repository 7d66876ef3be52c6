// A regional hub that identifies by policy and birth date, through the whole
// bridge as a clinic runs it: the HTTP API, reading ahead (on by default for
// n3), the booking service and the n3 adapter, against the HubService emulator
// on loopback. The birth date typed on the kiosk must reach the hub, and the
// patient then books as anywhere else.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { startHubEmulator, type HubEmulator } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { emulatorSpecialtyCodes } from '../../device-bridge/scheduler/n3/emulator/hub-operations';
import { bridgeCaller } from '../bridge-http';
import { REPO_ROOT, UI_DIR } from '../kiosk-harness';

/** Monday 23.11.2026, 06:00 in Moscow. */
const NOW = new Date('2026-11-23T03:00:00Z');
const IVANOVA = '6449020886006380';
const GUID = 'n3-birth-date-bridge-guid';

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = demo.value;

let hub: HubEmulator;
let kiosk: RunningKiosk;
let dir: string;
const call = (method: string, path: string, body?: unknown, session?: string) =>
  bridgeCaller(kiosk.port)(method, path, { ...(body === undefined ? {} : { body }), ...(session === undefined ? {} : { session }) });

beforeAll(async () => {
  hub = await startHubEmulator({ clinic, guid: GUID, now: () => NOW, requireBirthDate: true });
  dir = mkdtempSync(join(tmpdir(), 'n3-birth-date-bridge-'));
  writeFileSync(join(dir, 'hub.guid'), `${GUID}\n`);
  writeFileSync(join(dir, 'clinic.json'), JSON.stringify(clinic));
  const config = loadKioskConfig([], {
    bridge: { host: '127.0.0.1', port: 0 },
    scheduler: {
      adapter: 'n3',
      baseUrl: hub.url,
      lpuId: 1234,
      auth: { guidFile: join(dir, 'hub.guid') },
      specialtyCodes: emulatorSpecialtyCodes(clinic),
      patientMatch: 'policy+birthDate',
      database: join(dir, 'scheduler.sqlite'),
      clinicFile: join(dir, 'clinic.json'),
    },
    virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
    log: { level: 'silent' },
  });
  if (!config.ok) throw new Error(formatConfigProblems(config.error));
  kiosk = await startKiosk(config.value, { logger: createLogger('silent'), baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => NOW });
});

afterAll(async () => {
  await kiosk?.close();
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a hub that identifies by policy and birth date, through the bridge', () => {
  it('tells the UI to ask for the birth date, takes the right one, refuses a wrong one, and books', async () => {
    const info = await call('GET', '/api/kiosk');
    expect(info.json.value.identification).toMatchObject({ needsBirthDate: true });

    expect((await call('POST', '/api/sessions', { policyNumber: IVANOVA })).json).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'birthDate' } });
    expect((await call('POST', '/api/sessions', { policyNumber: IVANOVA, birthDate: '1979-10-14' })).json).toMatchObject({ ok: false, error: { kind: 'patient-not-found' } });
    const started = await call('POST', '/api/sessions', { policyNumber: IVANOVA, birthDate: '1979-10-13' });
    expect(started.status).toBe(200);
    const sid = started.json.value.sessionId as string;

    const slots = (await call('GET', '/api/specialties/ophthalmologist/slots', undefined, sid)).json.value;
    const hold = await call('POST', '/api/holds', { slotId: slots[0].id }, sid);
    const booked = await call('POST', '/api/bookings', { holdId: hold.json.value.holdId, clientKey: randomUUID() }, sid);
    expect(booked.status).toBe(200);
    expect(booked.json.value.bookingNumber).toMatch(/^Н-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });
});
