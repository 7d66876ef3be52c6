// One contract, three adapters: the embedded SQLite scheduler on a temp file,
// and the FHIR R4 adapter over real HTTP to a FHIR server on loopback
// (@medplum/fhir-router with its in-memory repository) seeded with the same clinic,
// and the N3 HubService adapter against the project's HubService emulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../../device-bridge/scheduler/embedded/embedded-scheduler';
import { openFhirScheduler } from '../../device-bridge/scheduler/fhir/fhir-scheduler';
import { startHubEmulator } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { emulatorSpecialtyCodes } from '../../device-bridge/scheduler/n3/emulator/hub-operations';
import { N3Book } from '../../device-bridge/scheduler/n3/n3-book';
import { N3Scheduler } from '../../device-bridge/scheduler/n3/n3-scheduler';
import { CONTRACT_NOW, contractClinic, schedulerContract } from '../../device-bridge/scheduler/test-support/scheduler-contract';
import { startFhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = contractClinic(demo.value);

// The contract's own assertions live in scheduler-contract.ts; this one guards what both adapters are fed.
test('both adapters get the same clinic with doctors and patients to book for', () => {
  expect(clinic.doctors.length).toBeGreaterThan(0);
  expect(clinic.patients.length).toBeGreaterThan(0);
});

schedulerContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-embedded-'));
  const dbPath = join(dir, 'scheduler.sqlite');
  const clock = { ms: CONTRACT_NOW };
  const open = () => openEmbeddedScheduler({ dbPath, clinic, now: () => new Date(clock.ms) });
  const kiosks = [open()];
  return {
    scheduler: kiosks[0]!,
    clock,
    another() {
      const s = open();
      kiosks.push(s);
      return s;
    },
    countBooked: async (slotId) => kiosks[0]!.countAppointments({ slotId }),
    readsPhones: true,
    async close() {
      for (const k of kiosks) k.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

schedulerContract('FHIR R4 on loopback', async () => {
  const token = 'contract-test-token';
  const server = await startFhirTestServer({ token });
  const seeded = await seedFhirClinic(server.repo, clinic, { from: '2026-11-23', days: 14 });
  const clock = { ms: CONTRACT_NOW };
  const open = () =>
    openFhirScheduler({ baseUrl: server.url, token, timeZone: 'Europe/Moscow', organization: seeded.organization, now: () => new Date(clock.ms) });
  const kiosks = [open()];
  return {
    scheduler: kiosks[0]!,
    clock,
    another() {
      const s = open();
      kiosks.push(s);
      return s;
    },
    readsPhones: true,
    async countBooked(slotId) {
      const res = await fetch(`${server.url}Appointment?slot=Slot/${slotId}&status=booked`, { headers: { authorization: `Bearer ${token}` } });
      const bundle = (await res.json()) as { entry?: unknown[] };
      return bundle.entry?.length ?? 0;
    },
    async close() {
      for (const k of kiosks) k.close();
      await server.close();
    },
  };
});

// The N3 HubService adapter over real HTTP to the project's HubService emulator on loopback
// (same clinic, served from its own embedded store). Every kiosk of one bridge shares its book of holds.
schedulerContract('N3 HubService on loopback', async () => {
  const clock = { ms: CONTRACT_NOW };
  const now = () => new Date(clock.ms);
  const guid = 'contract-test-guid';
  const hub = await startHubEmulator({ clinic, guid, now });
  const book = new N3Book();
  const open = () =>
    new N3Scheduler({ baseUrl: hub.url, guid, lpuId: 1234, timeZone: 'Europe/Moscow', specialtyCodes: emulatorSpecialtyCodes(clinic), book, now });
  return {
    scheduler: open(),
    clock,
    another: open,
    countBooked: async (slotId) => hub.countBooked(slotId),
    readsPhones: false,
    close: () => hub.close(),
  };
});
