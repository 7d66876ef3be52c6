// Service mode's identification endpoints when there is no virtual reader to
// use: refusals are values with a reason, never a hang or a 500. (Inserting a
// test card for real is in identity-pcsc.test.ts.)
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bridgeCaller, serviceHeaders } from '../bridge-http';
import { startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

let plain: KioskUnderTest;
let virtualButNoVpcd: KioskUnderTest;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

beforeAll(async () => {
  plain = await startKioskUnderTest();
  // A virtual reader no pcscd will ever list, and a vpcd port nothing listens on.
  virtualButNoVpcd = await startKioskUnderTest({ cardReader: { reader: 'Virtual PCD 00 07', virtualCard: { host: '127.0.0.1', port: await closedPort() } } });
});

afterAll(async () => {
  await plain?.kiosk.close();
  await virtualButNoVpcd?.kiosk.close();
});

/** A service-mode call (the test card is service mode's): logged in with the PIN first. */
async function service(kut: KioskUnderTest, method: string, path: string, body?: unknown) {
  const call = bridgeCaller(kut.kiosk.port);
  const { status, json } = await call(method, path, { body, headers: await serviceHeaders(call, TEST_SERVICE_PIN) });
  return { status, json };
}
const post = (kut: KioskUnderTest, path: string, body?: unknown) => service(kut, 'POST', path, body);

describe('identification endpoints without a virtual reader', () => {
  test('service mode sees the card reader without hardware as a status, and no scanners', async () => {
    const json = (await (await fetch(new URL('/api/readers/status', plain.kiosk.url))).json()) as any;
    expect(json.ok).toBe(true);
    // No hardware reader here: pcscd is either not running or lists only vsmartcard's virtual readers.
    expect(['unavailable', 'no-reader']).toContain(json.value.card.state);
    expect(json.value.scanners).toEqual([]);
  });

  test('the test card is refused when the kiosk reads a hardware reader', async () => {
    const { status, json } = await post(plain, '/api/service/virtual-card/insert', { policyNumber: '6449020886006380' });
    expect(status).toBe(409);
    expect(json).toMatchObject({ ok: false, error: { kind: 'reader-not-virtual' } });
    expect(json.error.message).toContain('Virtual PCD 00 00');
    expect((await post(plain, '/api/service/virtual-card/remove')).status).toBe(409);
  });

  test('without the service token the test card cannot be touched', async () => {
    const call = bridgeCaller(virtualButNoVpcd.kiosk.port);
    const refused = await call('POST', '/api/service/virtual-card/insert', { body: { policyNumber: '6449020886006380' } });
    expect(refused.status).toBe(401);
    expect(refused.json.error.kind).toBe('service-token-required');
    expect((await call('POST', '/api/virtual-card/insert', { body: { policyNumber: '6449020886006380' } })).status).toBe(404);
  });

  test('a malformed policy number names the field', async () => {
    const { status, json } = await post(virtualButNoVpcd, '/api/service/virtual-card/insert', { policyNumber: '12345' });
    expect(status).toBe(400);
    expect(json).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'policyNumber' } });
  });

  test('the test card is refused, as a value, when vpcd does not answer', async () => {
    const { status, json } = await post(virtualButNoVpcd, '/api/service/virtual-card/insert', { policyNumber: '6449020886006380' });
    expect(status).toBe(503);
    expect(json).toMatchObject({ ok: false, error: { kind: 'vpcd-unreachable' } });
    expect(json.error.message).toContain('is pcscd running');
    const state = await service(virtualButNoVpcd, 'GET', '/api/service/virtual-card');
    expect(state.json.value.inserted).toBe(false);
  });
});
