// Config reload through the real bridge, from real files: an invalid config
// changes nothing and says why; a valid one applies clinic texts, timeouts and
// hold time at once (the next ticket carries the new clinic name, the UI gets
// a kiosk-info event) and names what waits for a restart. And `kiosk start`
// itself: KIOSK_CONFIG layers, SIGHUP reload, refusal of an invalid config.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { formatConfigProblems, loadKioskConfig } from '../../device-bridge/config-loader';
import { createLogger } from '../../device-bridge/logger';
import { startKiosk, type RunningKiosk } from '../../device-bridge/main';
import { bookThroughApi, bridgeCaller, eventStreamUrl, type BridgeCall } from '../bridge-http';
import { clinicMorning, DEMO_PATIENT, REPO_ROOT, UI_DIR } from '../kiosk-harness';

const PIN = '86420';
let dir: string;
let kioskFile: string;
let kiosk: RunningKiosk;
let call: BridgeCall;
let token: Record<string, string>;
/** The bridge's clock, frozen at 06:00 clinic time (kiosk-harness.ts). */
let frozen: Date;

/** The kiosk layer of this test: temp database and printer output, loopback ports the OS picks, plus `extra`. */
function writeKioskLayer(extra: Record<string, unknown> = {}): void {
  writeFileSync(
    kioskFile,
    JSON.stringify({
      $comment: 'written by service-config-reload.test.ts',
      bridge: { host: '127.0.0.1', port: 0 },
      scheduler: { adapter: 'embedded', database: join(dir, 'scheduler.sqlite'), clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') },
      virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(dir, 'printer') },
      service: { pinEnv: null, pinFile: join(dir, 'service.pin') },
      ...extra,
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-reload-'));
  kioskFile = join(dir, 'kiosk.json');
  writeFileSync(join(dir, 'service.pin'), PIN);
  writeKioskLayer();
  const load = () => loadKioskConfig([kioskFile]);
  const config = load();
  if (!config.ok) throw new Error(formatConfigProblems(config.error));
  const logger = createLogger('info', pino.destination({ dest: join(dir, 'bridge.log'), sync: true }));
  frozen = clinicMorning();
  kiosk = await startKiosk(config.value, { logger, baseDir: REPO_ROOT, uiDir: UI_DIR, now: () => frozen, configFiles: [kioskFile], loadConfig: load });
  call = bridgeCaller(kiosk.port);
  const login = await call('POST', '/api/service/login', { body: { pin: PIN } });
  token = { 'x-service-token': login.json.value.token };
});

afterAll(async () => {
  await kiosk.close();
});

describe('config reload (POST /api/service/config/reload)', () => {
  test('an invalid config is refused with every problem, and the running kiosk keeps its config', async () => {
    writeKioskLayer({ session: { idleSeconds: 5 }, printer: { url: 'tcp:/10.0.0.5' }, clinic: { name: 'Поликлиника № 9' } });
    const { status, json } = await call('POST', '/api/service/config/reload', { headers: token });
    expect(status).toBe(422);
    expect(json.error.kind).toBe('config-invalid');
    expect(json.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['printer.url', 'session.idleSeconds']);
    expect(json.error.problems).toContainEqual({ path: 'printer.url', message: 'expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual:// — got "tcp:/10.0.0.5"' });
    const info = (await call('GET', '/api/kiosk')).json.value;
    expect(info.clinic.name).toBe('ГБУЗ «Городская поликлиника № 3»');
    expect(info.session).toEqual({ idleSeconds: 60, doneSeconds: 15, holdSeconds: 300 });
  });

  test('a valid config applies texts and timeouts at once, names what needs a restart, and tells the UI', async () => {
    const socket = new WebSocket(await eventStreamUrl(kiosk.port));
    const events: Array<{ type: string; kiosk?: unknown }> = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));

    writeKioskLayer({
      clinic: { name: 'Поликлиника № 9', phone: '+7 (495) 000-00-09' },
      session: { idleSeconds: 90 },
      screen: { dpi: 127 },
      booking: { holdSeconds: 120, maxBookingsPerSession: 1 },
      printer: { model: 'citizen-ppu700' },
    });
    const { status, json } = await call('POST', '/api/service/config/reload', { headers: token });
    expect(status).toBe(200);
    expect(json.value).toEqual({
      applied: ['booking.holdSeconds', 'clinic.name', 'clinic.phone', 'screen.dpi', 'session.idleSeconds'],
      restartRequired: ['booking.maxBookingsPerSession', 'printer.model'],
    });

    const info = (await call('GET', '/api/kiosk')).json.value;
    expect(info.clinic).toMatchObject({ name: 'Поликлиника № 9', phone: '+7 (495) 000-00-09' });
    expect(info.session).toEqual({ idleSeconds: 90, doneSeconds: 15, holdSeconds: 120 });
    expect(info.minTouchPx).toBe(Math.round((20 / 25.4) * 127));
    await expect.poll(() => events.find((e) => e.type === 'kiosk-info')?.kiosk).toMatchObject({ clinic: { name: 'Поликлиника № 9' }, session: { idleSeconds: 90 } });
    socket.close();

    // The next patient's ticket carries the new name; the hold lasts the new 120 s.
    const sessionStart = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    const headers = { 'x-kiosk-session': sessionStart.json.value.sessionId };
    const slots = await call('GET', '/api/specialties/therapist-district/slots', { headers });
    const hold = await call('POST', '/api/holds', { headers, body: { slotId: slots.json.value[0].id } });
    expect(Date.parse(hold.json.value.expiresAt) - frozen.getTime()).toBe(120_000);
    await call('DELETE', '/api/sessions/current?reason=home', { headers });
    const booking = await bookThroughApi(call, DEMO_PATIENT.policy);
    expect(booking.print).toEqual({ outcome: 'printed' });
    expect((await kiosk.virtualPrinter!.waitForTicket(5000)).lines.join('\n')).toContain('Поликлиника № 9');
    await call('DELETE', '/api/sessions/current?reason=done', { headers: { 'x-kiosk-session': booking.sessionId } });

    const s = (await call('GET', '/api/service/status', { headers: token })).json.value;
    expect(s.kiosk.restartRequired).toEqual(['booking.maxBookingsPerSession', 'printer.model']);
    expect(s.kiosk.configFiles).toEqual([kioskFile]);
    expect(s.printer.model).toBe('generic-escpos-80');
  });

  test('service settings apply live too: a PIN source that cannot be read disables login, and says where it looked', async () => {
    writeKioskLayer({ service: { pinEnv: null, pinFile: join(dir, 'missing.pin') } });
    expect((await call('POST', '/api/service/config/reload', { headers: token })).json.value.applied).toContain('service.pinFile');
    const login = await call('POST', '/api/service/login', { body: { pin: PIN } });
    expect(login.status).toBe(503);
    expect(login.json.error).toEqual({ kind: 'service-disabled', message: `service.pinFile: cannot read ${join(dir, 'missing.pin')} (ENOENT)` });
    // The technician already in service mode stays in it.
    expect((await call('GET', '/api/service/status', { headers: token })).status).toBe(200);
  });
});

describe('kiosk start: config layers, SIGHUP, refusal', () => {
  type Bridge = ChildProcessByStdio<null, Readable, Readable>;
  const running: Bridge[] = [];
  afterAll(() => {
    for (const child of running) child.kill('SIGTERM');
  });

  function startCli(env: NodeJS.ProcessEnv, args: string[] = []): { child: Bridge; output: () => string; waitFor: (pattern: RegExp) => Promise<RegExpMatchArray> } {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/kiosk.mjs'), 'start', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let output = '';
    const waiters = new Set<() => void>();
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const w of waiters) w();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            waiters.delete(check);
            resolve(match);
          }
        };
        waiters.add(check);
        child.once('exit', (code) => reject(new Error(`kiosk exited (${code}) before ${pattern}:\n${output}`)));
        check();
      });
    return { child, output: () => output, waitFor };
  }

  test('KIOSK_CONFIG layers start the kiosk; SIGHUP reloads them, and a broken file on SIGHUP changes nothing', async () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
    const site = join(cliDir, 'site.json');
    const own = join(cliDir, 'kiosk.json');
    writeFileSync(site, JSON.stringify({ clinic: { name: 'Поликлиника сайта' } }));
    writeFileSync(
      own,
      JSON.stringify({
        kioskId: 'cli-01',
        bridge: { host: '127.0.0.1', port: 0 },
        scheduler: { adapter: 'embedded', database: join(cliDir, 'scheduler.sqlite'), clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') },
        virtualPrinter: { host: '127.0.0.1', port: 0, outputDir: join(cliDir, 'printer') },
        cardReader: { enabled: false },
      }),
    );
    const bridge = startCli({ KIOSK_CONFIG: `${site}:${own}` });
    const [, port] = await bridge.waitFor(/Kiosk is running: http:\/\/127\.0\.0\.1:(\d+)\//);
    const cli = bridgeCaller(Number(port));
    expect((await cli('GET', '/api/kiosk')).json.value).toMatchObject({ kioskId: 'cli-01', clinic: { name: 'Поликлиника сайта' } });

    writeFileSync(site, JSON.stringify({ clinic: { name: 'Поликлиника после SIGHUP' } }));
    bridge.child.kill('SIGHUP');
    await bridge.waitFor(/"event":"config-reloaded"/);
    expect((await cli('GET', '/api/kiosk')).json.value.clinic.name).toBe('Поликлиника после SIGHUP');

    writeFileSync(site, '{ "clinic": ');
    bridge.child.kill('SIGHUP');
    await bridge.waitFor(/Config reload refused; the running config is kept:\n.*site\.json: not valid JSON/);
    expect((await cli('GET', '/api/kiosk')).json.value.clinic.name).toBe('Поликлиника после SIGHUP');
  });

  test('an invalid config starts nothing and prints every problem with its field path', async () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'kiosk-cli-bad-'));
    const bad = join(cliDir, 'kiosk.json');
    writeFileSync(bad, JSON.stringify({ printer: { url: 'tcp:/10.0.0.5' }, session: { idleSeconds: 5 } }));
    const bridge = startCli({}, ['--config', bad]);
    const code = await new Promise<number | null>((resolve) => bridge.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(bridge.output()).toContain('The kiosk config is invalid; nothing was started:');
    expect(bridge.output()).toContain('printer.url: expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual:// — got "tcp:/10.0.0.5"');
    expect(bridge.output()).toMatch(/session\.idleSeconds: .* — got 5/);
  });
});
