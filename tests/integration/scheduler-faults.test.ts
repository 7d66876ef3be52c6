// The clinic's FHIR server fails the ways real ones do: down, slow, hanging,
// 5xx, malformed answers, wrong credentials. The kiosk hears a typed
// "unavailable" within 3 s every time (never a hang, never a crash), stops
// knocking once it is clearly dead (circuit breaker), and notices by itself
// when it is back.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../device-bridge/logger';
import type { Result } from '../../device-bridge/contract/result';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openFhirScheduler } from '../../device-bridge/scheduler/fhir/fhir-scheduler';
import { ResilientScheduler, type ResilienceSettings } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import type { SchedulerError } from '../../device-bridge/scheduler/scheduler-port';
import { startFhirTestServer, type FhirFault } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';

const NOW = Date.parse('2026-11-23T07:00:00Z');
const IVANOVA = '6449020886006380';
const WINDOW = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };
/** The promise: a typed answer within 3 s. */
const PROMISE_MS = 3000;
/** What a test may add on top for the event loop and the socket teardown. */
const SLACK_MS = 400;

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = demo.value;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(options: { token?: string; kioskToken?: string; settings?: Partial<ResilienceSettings> } = {}) {
  const server = await startFhirTestServer(options.token === undefined ? {} : { token: options.token });
  cleanup.push(() => server.close());
  const seeded = await seedFhirClinic(server.repo, clinic, { from: '2026-11-23', days: 14 });
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) } as pino.DestinationStream);
  const inner = openFhirScheduler({
    baseUrl: server.url,
    token: options.kioskToken ?? options.token ?? null,
    timeZone: 'Europe/Moscow',
    organization: seeded.organization,
    now: () => new Date(NOW),
  });
  const kiosk = new ResilientScheduler(inner, { settings: options.settings ?? {}, logger });
  cleanup.push(() => kiosk.close());
  return { server, kiosk, lines };
}

/** Runs the call and says how long it took; it must resolve (never throw, never hang). */
async function timed<T>(call: () => Promise<Result<T, SchedulerError>>): Promise<{ result: Result<T, SchedulerError>; ms: number }> {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
}

const FAULTS: { name: string; fault: FhirFault | 'down'; cause: RegExp }[] = [
  { name: 'down (connection refused)', fault: 'down', cause: /cannot reach the FHIR server: ECONNREFUSED/ },
  { name: 'slow (answers after 10 s)', fault: { kind: 'slow', ms: 10_000 }, cause: /timeout/ },
  { name: 'hanging (never answers)', fault: { kind: 'hang' }, cause: /timeout/ },
  { name: '500 Internal Server Error', fault: { kind: 'status', status: 500 }, cause: /FHIR server error 500/ },
  { name: '503 Service Unavailable', fault: { kind: 'status', status: 503 }, cause: /FHIR server error 503/ },
  { name: 'an HTML error page instead of JSON', fault: { kind: 'malformed', shape: 'not-json' }, cause: /malformed answer: not JSON/ },
  { name: 'JSON that is not the resource asked for', fault: { kind: 'malformed', shape: 'wrong-resource' }, cause: /malformed answer/ },
];

describe('a sick FHIR server gives the kiosk a typed "unavailable" within 3 s', () => {
  for (const { name, fault, cause } of FAULTS) {
    it(name, async () => {
      const { server, kiosk } = await setup();
      const patient = await kiosk.findPatientByPolicy(IVANOVA);
      expect(patient.ok).toBe(true);
      if (fault === 'down') await server.stop();
      else server.setFault(fault);

      const identify = await timed(() => kiosk.findPatientByPolicy(IVANOVA));
      expect(identify.result).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(cause) } });
      expect(identify.ms).toBeLessThan(PROMISE_MS + SLACK_MS);

      const slots = await timed(() => kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }));
      expect(slots.result).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      expect(slots.ms).toBeLessThan(PROMISE_MS + SLACK_MS);
      // causes name the method and resource type, never the policy number
      if (!identify.result.ok && identify.result.error.kind === 'unavailable') expect(identify.result.error.cause).not.toContain(IVANOVA);
    }, 15_000);
  }

  it('retries a read once, never a hold', async () => {
    const { server, kiosk } = await setup();
    const patient = await kiosk.findPatientByPolicy(IVANOVA);
    if (!patient.ok) throw new Error('no patient');
    server.setFault({ kind: 'fail-next', count: 1, status: 503 });
    expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(true);

    const slot = await kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW });
    if (!slot.ok) throw new Error('no slots');
    server.setFault({ kind: 'fail-next', count: 1, status: 503 });
    const held = await kiosk.holdSlot(slot.value[0]!.id, patient.value.id, 300);
    expect(held).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/503/) } });
    // nothing was held: the slot is still on offer
    const after = await kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW });
    expect(after.ok && after.value[0]?.id).toBe(slot.value[0]!.id);
  });
});

describe('the circuit breaker', () => {
  it('reports a dead scheduler at once, and notices by itself when it is back', async () => {
    const { server, kiosk, lines } = await setup({ settings: { failureThreshold: 3, cooldownMs: 300 } });
    expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(true);
    server.setFault({ kind: 'status', status: 502 });
    for (let i = 0; i < 3; i++) expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(false);
    expect(kiosk.circuit.state).toBe('open');

    // open: answered without asking the server
    const before = server.requestCount();
    const fast = await timed(() => kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }));
    expect(fast.result).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/^circuit open: FHIR server error 502/) } });
    expect(fast.ms).toBeLessThan(50);
    expect(server.requestCount()).toBe(before);
    expect(await kiosk.status()).toMatchObject({ state: 'unavailable', cause: expect.stringMatching(/circuit open/) });

    // the server recovers; nobody has to restart the bridge or be the first to try
    server.setFault({ kind: 'none' });
    await expect.poll(() => kiosk.circuit.state, { timeout: 5000, interval: 50 }).toBe('closed');
    expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(true);
    expect((await kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW })).ok).toBe(true);
    expect(await kiosk.status()).toMatchObject({ state: 'ready', adapter: 'fhir-r4' });
    const events = lines.map((l) => JSON.parse(l) as { event?: string; state?: string }).filter((e) => e.event === 'scheduler-circuit');
    expect(events.map((e) => e.state)).toEqual(expect.arrayContaining(['open', 'half-open', 'closed']));
  });

  it('a server that was down comes back on the same address without a restart', async () => {
    const { server, kiosk } = await setup({ settings: { failureThreshold: 2, cooldownMs: 200 } });
    await server.stop();
    expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(false);
    expect((await kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(false);
    expect(kiosk.circuit.state).toBe('open');
    await server.start();
    await expect.poll(async () => (await kiosk.findPatientByPolicy(IVANOVA)).ok, { timeout: 5000, interval: 100 }).toBe(true);
  });
});

describe('reference data', () => {
  it('keeps answering the specialties and doctors from its cache while the server is down', async () => {
    const { server, kiosk } = await setup();
    const fresh = await kiosk.listDirectory();
    expect(fresh.ok).toBe(true);
    await server.stop();
    const cached = await timed(() => kiosk.listDirectory());
    expect(cached.result).toEqual(fresh);
    expect(cached.ms).toBeLessThan(20);
    // slots are never cached: they need the server
    expect((await kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW })).ok).toBe(false);
  });
});

describe('credentials', () => {
  it('sends the bearer token; a wrong one is "unavailable" naming the refusal, and the token is never logged', async () => {
    const right = await setup({ token: 'the-right-token' });
    expect((await right.kiosk.findPatientByPolicy(IVANOVA)).ok).toBe(true);

    const wrong = await setup({ token: 'the-right-token', kioskToken: 'a-wrong-token' });
    const refused = await wrong.kiosk.findPatientByPolicy(IVANOVA);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/refused the kiosk's credentials \(401/) } });
    await wrong.kiosk.findPatientByPolicy(IVANOVA);
    await wrong.kiosk.findPatientByPolicy(IVANOVA);
    const log = [...right.lines, ...wrong.lines].join('\n');
    expect(log).toContain('scheduler-circuit');
    expect(log).not.toContain('a-wrong-token');
    expect(log).not.toContain('the-right-token');
    expect(log).not.toContain(IVANOVA);
  });
});
