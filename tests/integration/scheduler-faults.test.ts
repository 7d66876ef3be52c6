// The clinic's FHIR server fails the ways real ones do: down, slow, hanging,
// 5xx, malformed answers, wrong credentials. The kiosk hears a typed
// "unavailable" within 3 s every time (never a hang, never a crash), stops
// knocking once it is clearly dead (circuit breaker), and notices by itself
// when it is back. Time is the kiosk's clock (test-support/kiosk-clock.ts): a
// server that does not answer is answered for when that clock reaches 3 s, and
// "at once" means with that clock standing still.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../device-bridge/logger';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { openFhirScheduler } from '../../device-bridge/scheduler/fhir/fhir-scheduler';
import { ResilientScheduler, type ResilienceSettings } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import { answerWithoutWaiting, stopTheClock, track, untilReal } from '../../device-bridge/scheduler/test-support/kiosk-clock';
import { startFhirTestServer, type FhirFault, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';

const NOW = Date.parse('2026-11-23T07:00:00Z');
const IVANOVA = '6449020886006380';
const WINDOW = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };
/** The promise: a typed answer within 3 s. */
const PROMISE_MS = 3000;

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = demo.value;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
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

/**
 * The call's answer, which must come (never a throw, never a hang). When the
 * server will not answer, the kiosk's clock is moved to the 3 s promise, and
 * not a moment further, once the request has reached the server; otherwise the
 * server's own answer comes back in real time, before any deadline.
 */
async function answer<T>(server: FhirTestServer, call: () => Promise<T>, serverAnswers: boolean): Promise<T> {
  if (serverAnswers) return call();
  stopTheClock({ monotonic: true });
  try {
    const asked = server.requestCount();
    const pending = track(call());
    await untilReal(() => server.requestCount() > asked, 'the request reached the server');
    await vi.advanceTimersByTimeAsync(PROMISE_MS);
    expect(pending.settled, 'answered when the kiosk clock reached 3 s').toBe(true);
    return pending.value;
  } finally {
    vi.useRealTimers();
  }
}

/** `cause` is what the kiosk was told: the server's own complaint, or the 3 s deadline when it never answered. */
const FAULTS: { name: string; fault: FhirFault | 'down'; cause: RegExp }[] = [
  { name: 'down (connection refused)', fault: 'down', cause: /cannot reach the FHIR server: ECONNREFUSED/ },
  { name: 'slow (answers after 10 s)', fault: { kind: 'slow', ms: 10_000 }, cause: /^timeout: no answer within 3000 ms/ },
  { name: 'hanging (never answers)', fault: { kind: 'hang' }, cause: /^timeout: no answer within 3000 ms/ },
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
      // A kiosk in service has read the clinic already: the calls below go straight to the sick server.
      expect((await kiosk.listDirectory()).ok).toBe(true);
      if (fault === 'down') await server.stop();
      else server.setFault(fault);

      const serverAnswers = fault === 'down' || (fault.kind !== 'slow' && fault.kind !== 'hang');

      const identify = await answer(server, () => kiosk.findPatientByPolicy(IVANOVA), serverAnswers);
      expect(identify).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(cause) } });

      const slots = await answer(server, () => kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }), serverAnswers);
      expect(slots).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(cause) } });
      // causes name the method and resource type, never the policy number
      if (!identify.ok && identify.error.kind === 'unavailable') expect(identify.error.cause).not.toContain(IVANOVA);
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

    // open: answered at once (the kiosk's clock stands still), without asking the server
    const before = server.requestCount();
    const fast = await answerWithoutWaiting(() => kiosk.listFreeSlots({ specialtyCode: 'surgeon', ...WINDOW }));
    expect(fast.settled).toBe(true);
    expect(fast.value).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/^circuit open: FHIR server error 502/) } });
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
    // at once: the kiosk's clock stands still, and nothing is asked of the (stopped) server
    const cached = await answerWithoutWaiting(() => kiosk.listDirectory());
    expect(cached.settled).toBe(true);
    expect(cached.value).toEqual(fresh);
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
