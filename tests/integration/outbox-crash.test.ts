// Issue 15, "done when": a request left while the schedule is down survives a
// SIGKILL of the bridge and reaches the waiting list exactly once when the
// scheduler is back, also when the scheduler fails the first deliveries and
// when it loses the answer to a write it did. The bridge runs as its own
// process (`node bin/kiosk.mjs start`, as systemd starts it); the scheduler is
// the project's FHIR server on loopback (tests/fhir-server), which keeps its
// data while the bridge dies and comes back.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { KIOSK_FHIR } from '../../device-bridge/scheduler/fhir/fhir-resources';
import { startFhirTestServer, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { bridgeCaller, metricSample, valueOf } from '../bridge-http';
import { REPO_ROOT } from '../kiosk-harness';
import { freePort, spawnKiosk, type KioskProcess } from '../kiosk-process';

const IVANOVA = '6449020886006380';

let server: FhirTestServer;
let organization: string;
const running: KioskProcess[] = [];

beforeAll(async () => {
  server = await startFhirTestServer();
  const clinic = loadClinicDefinition(join(REPO_ROOT, 'config/demo-clinic.json'));
  if (!clinic.ok) throw new Error('demo clinic');
  const today = new Date().toISOString().slice(0, 10);
  organization = (await seedFhirClinic(server.repo, clinic.value, { from: today, days: 1 })).organization;
}, 60_000);

afterEach(async () => {
  for (const k of running.splice(0)) await k.stop();
  server.setFault({ kind: 'none' });
  await server.start().catch(() => undefined);
});

afterAll(async () => {
  await server.close();
});

/** A kiosk state directory and a config layer: FHIR on loopback, fast retries, free ports. */
async function kioskDir(): Promise<{ dir: string; layer: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-'));
  const port = await freePort();
  const layer = join(dir, 'layer.json');
  writeFileSync(
    layer,
    JSON.stringify({
      bridge: { port },
      virtualPrinter: { port: await freePort(), outputDir: join(dir, 'printer') },
      scheduler: {
        adapter: 'fhir',
        baseUrl: server.url,
        organization,
        database: join(dir, 'scheduler.sqlite'),
        clinicFile: 'config/demo-clinic.json',
        resilience: { cooldownSeconds: 0.2 },
      },
      cardReader: { enabled: false },
      outbox: { retryBaseSeconds: 0.2, retryMaxSeconds: 0.5 },
    }),
  );
  return { dir, layer, port };
}

async function startBridge(layer: string, port: number): Promise<KioskProcess> {
  const kiosk = spawnKiosk(process.execPath, ['bin/kiosk.mjs', 'start', '--config', layer], port, { cwd: REPO_ROOT });
  running.push(kiosk);
  // /healthz is 503 while the scheduler is down: the kiosk info says the bridge is up.
  await expect
    .poll(async () => {
      if (kiosk.child.exitCode !== null) throw new Error(`the kiosk exited:\n${kiosk.output()}`);
      return (await bridgeCaller(port)('GET', '/api/kiosk').catch(() => ({ status: 0 }))).status;
    }, { timeout: 30_000, interval: 50 })
    .toBe(200);
  return kiosk;
}

function kill(kiosk: KioskProcess): Promise<void> {
  return new Promise((resolve) => {
    kiosk.child.once('exit', () => resolve());
    kiosk.child.kill('SIGKILL');
  });
}

function pendingInOutbox(dir: string): number {
  const db = new Database(join(dir, 'outbox.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM requests WHERE state = 'pending'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Waitlist Appointments on the FHIR server for this request, read from the server itself. */
async function entriesOf(clientKey: string): Promise<number> {
  const res = await fetch(`${server.url}Appointment?identifier=${encodeURIComponent(`${KIOSK_FHIR.waitingListRequestSystem}|${clientKey}`)}`);
  const bundle = (await res.json()) as { entry?: unknown[] };
  return bundle.entry?.length ?? 0;
}

/** The patient is told «принято» only after this answers: the request is on disk. */
async function leaveRequestWhileDown(port: number, specialtyCode: string): Promise<string> {
  const clientKey = randomUUID();
  const accepted = valueOf(
    'request',
    await bridgeCaller(port)('POST', '/api/outbox/requests', { body: { clientKey, policyNumber: IVANOVA, specialtyCode, claim: 'no-slots', phone: '9161234567' } }),
  );
  expect(accepted.reference).toMatch(/^З-/);
  return clientKey;
}

describe('a request left during an outage is delivered exactly once', () => {
  test('SIGKILL right after «принято», restart, scheduler back: one waiting-list entry', async () => {
    const { dir, layer, port } = await kioskDir();
    await server.stop();
    const first = await startBridge(layer, port);
    const clientKey = await leaveRequestWhileDown(port, 'surgeon');
    await kill(first);
    expect(pendingInOutbox(dir)).toBe(1);
    expect(await server.start().then(() => entriesOf(clientKey))).toBe(0);

    await startBridge(layer, port);
    await expect.poll(() => entriesOf(clientKey), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => pendingInOutbox(dir), { timeout: 10_000 }).toBe(0);
    const metrics = (await bridgeCaller(port)('GET', '/metrics')).text;
    expect(metricSample(metrics, 'kiosk_outbox_sent_total', { outcome: 'delivered' })).toBe(1);
    expect(await entriesOf(clientKey)).toBe(1);
  }, 90_000);

  test('the scheduler fails the first three deliveries: still one entry', async () => {
    const { dir, layer, port } = await kioskDir();
    await server.stop();
    const first = await startBridge(layer, port);
    const clientKey = await leaveRequestWhileDown(port, 'ophthalmologist');
    await kill(first);

    await server.start();
    server.setFault({ kind: 'status', status: 503 });
    await startBridge(layer, port);
    const call = bridgeCaller(port);
    await expect
      .poll(async () => metricSample((await call('GET', '/metrics')).text, 'kiosk_outbox_sent_total', { outcome: 'retry' }), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(3);
    expect(await (server.setFault({ kind: 'none' }), entriesOf(clientKey))).toBe(0);
    await expect.poll(() => entriesOf(clientKey), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => pendingInOutbox(dir), { timeout: 10_000 }).toBe(0);
    expect(metricSample((await call('GET', '/metrics')).text, 'kiosk_outbox_sent_total', { outcome: 'delivered' })).toBe(1);
  }, 90_000);

  test('the scheduler does the write but its answer is lost: the retry finds the entry instead of adding a second', async () => {
    const { dir, layer, port } = await kioskDir();
    await server.stop();
    const first = await startBridge(layer, port);
    const clientKey = await leaveRequestWhileDown(port, 'otolaryngologist');
    await kill(first);

    await server.start();
    server.setFault({ kind: 'lose-answers', methods: ['POST'], resourceType: 'Appointment', ms: 4000 });
    await startBridge(layer, port);
    // the write lands though the bridge never hears of it
    await expect.poll(() => entriesOf(clientKey), { timeout: 20_000 }).toBe(1);
    server.setFault({ kind: 'none' });
    await expect.poll(() => pendingInOutbox(dir), { timeout: 20_000 }).toBe(0);
    expect(await entriesOf(clientKey)).toBe(1);
  }, 90_000);
});
