import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTcpTransport } from './tcp-transport';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A loopback server; `onData` decides what to answer. */
const listen = async (onData: (socket: Socket, chunk: Buffer) => void): Promise<{ url: URL; sockets: Socket[] }> => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => onData(socket, chunk));
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: new URL(`tcp://127.0.0.1:${port}`), sockets };
};

describe('createTcpTransport', () => {
  it('sends a request and returns exactly the answer bytes, even when they come in pieces', async () => {
    const { url } = await listen((socket) => {
      socket.write(Uint8Array.of(0x10));
      setTimeout(() => socket.write(Uint8Array.of(0x0f, 1, 2, 3, 4)), 20);
    });
    const transport = createTcpTransport(url);
    const answer = await transport.request(Uint8Array.of(0x10, 0x04, 0x14), 6, 1000);
    expect(answer).toEqual({ ok: true, value: Uint8Array.of(0x10, 0x0f, 1, 2, 3, 4) });
    await transport.close();
  });

  it('keeps one connection for many operations', async () => {
    const { url, sockets } = await listen((socket) => socket.write(Uint8Array.of(0x12)));
    const transport = createTcpTransport(url);
    for (let i = 0; i < 3; i++) expect((await transport.request(Uint8Array.of(0x10, 4, 1), 1, 1000)).ok).toBe(true);
    expect((await transport.write(Uint8Array.of(0x0a))).ok).toBe(true);
    expect(sockets).toHaveLength(1);
    await transport.close();
  });

  it('reports a silent printer as a timeout value', async () => {
    const { url } = await listen(() => undefined);
    const transport = createTcpTransport(url);
    const answer = await transport.request(Uint8Array.of(0x10, 4, 1), 1, 100);
    expect(answer).toEqual({ ok: false, error: { kind: 'timeout', afterMs: 100 } });
    await transport.close();
  });

  it('reports a refused connection as disconnected, not an exception', async () => {
    const { url } = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const transport = createTcpTransport(url);
    const answer = await transport.write(Uint8Array.of(0x0a));
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatchObject({ kind: 'disconnected', reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('reconnects after the printer dropped the connection', async () => {
    const { url, sockets } = await listen((socket) => socket.write(Uint8Array.of(0x12)));
    const transport = createTcpTransport(url);
    expect((await transport.request(Uint8Array.of(0x10, 4, 1), 1, 1000)).ok).toBe(true);
    sockets[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await transport.request(Uint8Array.of(0x10, 4, 1), 1, 1000)).toEqual({ ok: true, value: Uint8Array.of(0x12) });
    expect(sockets).toHaveLength(2);
    await transport.close();
  });

  it('names the printer by address, defaulting to port 9100', () => {
    expect(createTcpTransport(new URL('tcp://10.0.0.5')).address).toBe('tcp://10.0.0.5:9100');
    expect(() => createTcpTransport(new URL('usb://0dd4:015d'))).toThrow(TypeError);
  });
});

describe('linkId', () => {
  it('is 0 without a connection and changes whenever the connection is reopened', async () => {
    const { url, sockets } = await listen((socket) => socket.write(Uint8Array.of(0x12)));
    const transport = createTcpTransport(url);
    expect(transport.linkId()).toBe(0);
    await transport.request(Uint8Array.of(0x10, 4, 1), 1, 1000);
    const first = transport.linkId();
    expect(first).toBeGreaterThan(0);
    sockets[0]!.destroy();
    await expect.poll(() => transport.linkId()).toBe(0);
    await transport.request(Uint8Array.of(0x10, 4, 1), 1, 1000);
    expect(transport.linkId()).toBeGreaterThan(first);
    await transport.close();
  });
});
