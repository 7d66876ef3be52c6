// The 3 s promise with a slow hub, on the kiosk's clock (test-support/kiosk-clock.ts):
// the HubService emulator answers after 10 s; the kiosk answers `unavailable`
// when its clock reaches 3 s, not later, and an answer cut off by the size cap
// or a dropped connection comes back as soon as the bytes stop.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { startHubEmulator } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { HubClient } from '../../device-bridge/scheduler/n3/hub-client';
import { N3Scheduler } from '../../device-bridge/scheduler/n3/n3-scheduler';
import { ResilientScheduler } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import { stopTheClock, track, untilReal } from '../../device-bridge/scheduler/test-support/kiosk-clock';
import { CONTRACT_NOW, IVANOVA } from '../../device-bridge/scheduler/test-support/scheduler-contract';

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('a hub slower than 3 s', () => {
  it('is answered as unavailable (timeout) when the kiosk clock reaches 3 s', async () => {
    const hub = await startHubEmulator({ clinic: demo.value, latencyMs: 10_000, now: () => new Date(CONTRACT_NOW) });
    cleanup.push(() => hub.close());
    const inner = new N3Scheduler({ baseUrl: hub.url, guid: 'g', lpuId: 1, timeZone: 'Europe/Moscow', timeoutMs: 60_000, now: () => new Date(CONTRACT_NOW) });
    stopTheClock({ monotonic: true });
    const kiosk = new ResilientScheduler(inner, { settings: { timeoutMs: 3000 } });
    cleanup.push(() => kiosk.close());
    const pending = track(kiosk.findPatientByPolicy(IVANOVA));
    await untilReal(() => (hub.calls.get('CheckPatient') ?? 0) > 0, 'the request reached the hub');
    await vi.advanceTimersByTimeAsync(2999);
    expect(pending.settled, 'not before 3 s').toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.settled, 'answered at 3 s').toBe(true);
    expect(pending.value).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'timeout: no answer within 3000 ms' } });
  });
});

describe('answers cut off by the client', () => {
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/HubService.svc`;
  }

  it('stops reading an answer without a declared length once it passes the cap', async () => {
    let sent = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const more = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('error', () => undefined);
      more();
    });
    const client = new HubClient({ baseUrl: url, guid: 'g', timeoutMs: 10_000, maxAnswerBytes: 1024 * 1024 });
    expect(await client.call('GetLPUInfo', [])).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'GetLPUInfo: answer too large (over 1048576 bytes)' } });
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports an answer that is not UTF-8 as malformed', async () => {
    const url = await serve((_req, res) => res.end(Buffer.from([0x3c, 0xff, 0xfe, 0x3e])));
    const client = new HubClient({ baseUrl: url, guid: 'g', timeoutMs: 10_000 });
    expect(await client.call('GetLPUInfo', [])).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'GetLPUInfo: malformed answer: not UTF-8' } });
  });
});
