// The bridge client against a fake fetch and a fake WebSocket (the narrowest
// seams: bridge-call.ts and event-stream.ts take them as `BrowserIo`): the
// kiosk-token retry, the event stream's reconnect on fake timers, and answers
// that are not what the route table promises.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { KIOSK_TOKEN_HEADER, SESSION_HEADER } from '../../device-bridge/contract/headers';
import type { BridgeEvent } from '../../device-bridge/contract/events';
import { createBridgeClient } from './bridge-client';
import { RECONNECT_MS } from './event-stream';

const BASE = 'http://127.0.0.1:8080';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fake bridge: `answer` decides each reply; every request is recorded. */
function fakeFetch(answer: (request: Seen) => { status?: number; body: unknown } | { status?: number; text: string }) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const request: Seen = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    const reply = answer(request);
    return new Response('text' in reply ? reply.text : JSON.stringify(reply.body), { status: reply.status ?? 200 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

/** Hands out T1, T2, … on each ask, as a bridge that restarted in between would. */
function tokenIssuer() {
  let issued = 0;
  return () => ({ body: { ok: true, value: { token: `T${++issued}` } } });
}

class FakeWebSocket {
  static opened: FakeWebSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: URL) {
    FakeWebSocket.opened.push(this);
  }
  close() {
    this.closed = true;
  }
}

const noSockets = FakeWebSocket as unknown as typeof WebSocket;

describe('kiosk token', () => {
  test('a 401 kiosk-token-required fetches a new token and retries exactly once', async () => {
    const issue = tokenIssuer();
    const bridge = fakeFetch((request) => {
      if (request.path === '/api/kiosk/token') return issue();
      if (request.headers[KIOSK_TOKEN_HEADER] === 'T1') return { status: 401, body: { ok: false, error: { kind: 'kiosk-token-required' } } };
      return { body: { ok: true, value: { holdId: 'h1', slot: {}, expiresAt: '2026-12-03T10:00:00Z' } } };
    });
    const client = createBridgeClient(BASE, { fetch: bridge.fetch, WebSocket: noSockets });

    const held = await client.hold('s1', 'slot-1');

    expect(held).toEqual({ ok: true, value: { holdId: 'h1', slot: {}, expiresAt: '2026-12-03T10:00:00Z' } });
    const holds = bridge.seen.filter((r) => r.path === '/api/holds');
    expect(holds.map((r) => r.headers[KIOSK_TOKEN_HEADER])).toEqual(['T1', 'T2']);
    expect(holds[1]).toMatchObject({ method: 'POST', headers: { [SESSION_HEADER]: 's1' }, body: { slotId: 'slot-1' } });
    expect(bridge.seen.filter((r) => r.path === '/api/kiosk/token')).toHaveLength(2);
  });

  test('a second refusal is a fault, not a loop: unavailable after two tries', async () => {
    const bridge = fakeFetch((request) =>
      request.path === '/api/kiosk/token' ? tokenIssuer()() : { status: 401, body: { ok: false, error: { kind: 'kiosk-token-required' } } },
    );
    const client = createBridgeClient(BASE, { fetch: bridge.fetch, WebSocket: noSockets });

    const printed = await client.printMemo('ru');

    expect(printed).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'bridge refused the kiosk token' } });
    expect(bridge.seen.filter((r) => r.path === '/api/memo/print')).toHaveLength(2);
  });

  test('the token is asked once and reused; reads and service calls do not carry it', async () => {
    const issue = tokenIssuer();
    const bridge = fakeFetch((request) => {
      if (request.path === '/api/kiosk/token') return issue();
      if (request.path.startsWith('/api/bookings/')) return { body: { ok: true, value: { outcome: 'printed' } } };
      if (request.path === '/api/service/status') return { body: { ok: true, value: {} } };
      return { body: { ok: true, value: [] } };
    });
    const client = createBridgeClient(BASE, { fetch: bridge.fetch, WebSocket: noSockets });

    await client.printTicket('s1', 'a/1');
    await client.reprintAppointment('s1', 'a/1');
    await client.listSpecialties('s1');
    await client.serviceStatus('svc');

    expect(bridge.seen.map((r) => [r.method, r.path, r.headers[KIOSK_TOKEN_HEADER] ?? null])).toEqual([
      ['GET', '/api/kiosk/token', null],
      ['POST', '/api/bookings/a%2F1/print', 'T1'],
      ['POST', '/api/bookings/a%2F1/print', 'T1'],
      ['GET', '/api/specialties', null],
      ['GET', '/api/service/status', null],
    ]);
    expect(bridge.seen.at(-1)?.headers['x-service-token']).toBe('svc');
  });
});

describe('answers the route table does not promise', () => {
  const clientAnswering = (reply: Parameters<typeof fakeFetch>[0]) =>
    createBridgeClient(BASE, { fetch: fakeFetch((r) => (r.path === '/api/kiosk/token' ? tokenIssuer()() : reply(r))).fetch, WebSocket: noSockets });

  test('not JSON is unavailable', async () => {
    const answer = await clientAnswering(() => ({ status: 502, text: '<html>Bad Gateway</html>' })).printerStatus();
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  test('JSON that is not a Result is unavailable', async () => {
    const answer = await clientAnswering(() => ({ body: { state: 'ready' } })).printerStatus();
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringContaining('not a Result') } });
  });

  test('an error without a kind is unavailable', async () => {
    const answer = await clientAnswering(() => ({ status: 404, body: { ok: false, error: 'nope' } })).listAppointments('s1');
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  test('a value of the wrong shape is unavailable: a print is never "printed" by accident', async () => {
    const answer = await clientAnswering(() => ({ body: { ok: true, value: { outcome: 'maybe' } } })).printTicket('s1', 'a1');
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unavailable', cause: expect.stringContaining('/api/bookings/:id/print') } });
  });

  test('an expected refusal passes through as the value it is', async () => {
    const refusal = { ok: false, error: { kind: 'slot-taken' } };
    expect(await clientAnswering(() => ({ status: 409, body: refusal })).hold('s1', 'slot-1')).toEqual(refusal);
  });

  test('a 429 rate-limited (session creation, volunteer calls) is unavailable, like a busy bridge', async () => {
    const limited = { status: 429, body: { ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 3 } } };
    const answer = await clientAnswering(() => limited).startSessionWithPolicy('6449', 'enp', 'keypad');
    expect(answer).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'bridge busy: POST /api/sessions rate-limited' } });
  });

  test('a bridge that does not answer at all is unavailable', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const answer = await createBridgeClient(BASE, { fetch: down, WebSocket: noSockets }).kioskInfo();
    expect(answer).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'bridge unreachable: TypeError' } });
  });
});

describe('event stream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.opened = [];
  });
  afterEach(() => vi.useRealTimers());

  test('reconnects after RECONNECT_MS with a fresh token, delivers events, drops malformed ones, and stops for good', async () => {
    const bridge = fakeFetch(tokenIssuer());
    const client = createBridgeClient(BASE, { fetch: bridge.fetch, WebSocket: FakeWebSocket as unknown as typeof WebSocket });
    const events: BridgeEvent[] = [];

    const stop = client.subscribe((event) => events.push(event));
    await vi.advanceTimersByTimeAsync(0);

    expect(FakeWebSocket.opened).toHaveLength(1);
    const first = FakeWebSocket.opened[0]!;
    expect(first.url.href).toBe('ws://127.0.0.1:8080/api/events?token=T1');
    first.onopen?.();
    first.onmessage?.({ data: JSON.stringify({ type: 'printer-status', status: { state: 'paper-out' } }) });
    first.onmessage?.({ data: 'not json' });
    first.onmessage?.({ data: JSON.stringify({ no: 'type' }) });
    expect(events).toEqual([{ type: 'printer-status', status: { state: 'paper-out' } }]);

    // The bridge restarts: the stream drops. Nothing happens until the reconnect delay has passed…
    first.onclose?.();
    await vi.advanceTimersByTimeAsync(RECONNECT_MS - 1);
    expect(FakeWebSocket.opened).toHaveLength(1);
    // …then the token is asked for again and a new stream opens with it.
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.opened).toHaveLength(2);
    expect(FakeWebSocket.opened[1]!.url.searchParams.get('token')).toBe('T2');
    expect(bridge.seen.filter((r) => r.path === '/api/kiosk/token')).toHaveLength(2);

    stop();
    expect(FakeWebSocket.opened[1]!.closed).toBe(true);
    FakeWebSocket.opened[1]!.onclose?.();
    await vi.advanceTimersByTimeAsync(RECONNECT_MS * 3);
    expect(FakeWebSocket.opened).toHaveLength(2);
  });

  test('a stream refused before it opened asks for a new token on its retry', async () => {
    const bridge = fakeFetch(tokenIssuer());
    const client = createBridgeClient(BASE, { fetch: bridge.fetch, WebSocket: FakeWebSocket as unknown as typeof WebSocket });
    client.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    // Refused before it opened (stale token): the retry renews the token.
    FakeWebSocket.opened[0]!.onclose?.();
    await vi.advanceTimersByTimeAsync(RECONNECT_MS);
    expect(FakeWebSocket.opened[1]!.url.searchParams.get('token')).toBe('T2');
  });
});
