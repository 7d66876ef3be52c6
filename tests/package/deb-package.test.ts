// The .deb tested the way clinic IT installs it (issue 14, item 4), on this machine,
// as root: `npm run package` builds it, lintian finds no error, `apt-get install`
// installs it (with pcscd, chromium, cage), the installed `/usr/bin/kiosk start`
// runs on the package's Node 24 with the shipped config layers plus a test layer
// and books a ticket on the virtual printer; a reinstall (the upgrade path) keeps
// edited config and the state; `systemd-analyze verify` accepts the installed
// units; `apt-get remove` keeps config and state, `apt-get purge` deletes them.
// The package is purged at the end whatever happened.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { debFileName } from '../../scripts/package/build-deb.mjs';
import { bookThroughApi, bridgeCaller } from '../bridge-http';
import { DEMO_PATIENT, REPO_ROOT } from '../kiosk-harness';
import { spawnKiosk, waitForHealthz, writeTestLayer, type KioskProcess } from '../kiosk-process';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DEB = join(REPO_ROOT, 'dist', debFileName(VERSION));
const LAYERS = ['fleet', 'site', 'kiosk'].map((name) => `/etc/clinic-kiosk/${name}.json`);
const UNITS = ['kiosk-bridge.service', 'kiosk-screen.service', 'kiosk-watchdog.service', 'kiosk-watchdog.timer'].map((unit) => `/lib/systemd/system/${unit}`);
const APT = ['-y', '-q', '-o', 'DPkg::Lock::Timeout=300'];
const MINUTE = 60_000;

interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function expectSuccess(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Ran> {
  const ran = await run(command, args, env);
  expect(ran.code, `${command} ${args.join(' ')} failed:\n${ran.out.slice(-3000)}\n${ran.err.slice(-3000)}`).toBe(0);
  return ran;
}

async function packageStatus(): Promise<string> {
  const ran = await run('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', 'clinic-kiosk']);
  return ran.code === 0 ? ran.out.trim() : 'not known';
}

let kiosk: KioskProcess | null = null;
const stateDir = mkdtempSync(join(tmpdir(), 'kiosk-deb-test-'));

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The .deb test installs and removes the clinic-kiosk package with apt-get on this machine, so it must run as root ' +
        '(CI does). Run `sudo npm test`, or `sudo npm run test:package` for this step alone.',
    );
  }
});

afterAll(async () => {
  await kiosk?.stop();
  rmSync(stateDir, { recursive: true, force: true });
  if (process.getuid?.() === 0 && (await packageStatus()) !== 'not known' && !(await packageStatus()).startsWith('un')) {
    await run('apt-get', ['purge', ...APT, 'clinic-kiosk']);
  }
});

describe('the clinic-kiosk .deb', () => {
  test('npm run package builds dist/clinic-kiosk_<version>_amd64.deb', { timeout: 30 * MINUTE }, async () => {
    // gzip packs in seconds where xz takes minutes; the files are the same.
    await expectSuccess(process.execPath, ['scripts/package/build-deb.mjs'], { KIOSK_DEB_COMPRESSION: 'gzip' });
    expect(existsSync(DEB)).toBe(true);
    const fields = (await expectSuccess('dpkg-deb', ['--field', DEB, 'Package', 'Version', 'Architecture', 'Depends'])).out;
    expect(fields).toContain(`Version: ${VERSION}`);
    expect(fields).toContain('Architecture: amd64');
    for (const dependency of ['pcscd', 'chromium', 'cage']) expect(fields).toMatch(new RegExp(`[ ,]${dependency}(,|$| )`, 'm'));
  });

  test('lintian finds no errors', { timeout: 10 * MINUTE }, async () => {
    const ran = await run('lintian', ['--tag-display-limit', '0', DEB]);
    const errors = ran.out.split('\n').filter((line) => line.startsWith('E: '));
    expect(errors, `lintian errors:\n${errors.join('\n')}`).toEqual([]);
  });

  test('apt-get installs it: Node 24 under /opt, the command, units, udev rules, config layers, the kiosk user', { timeout: 15 * MINUTE }, async () => {
    await expectSuccess('apt-get', ['install', ...APT, DEB]);
    expect(await packageStatus()).toBe('ii');
    expect((await expectSuccess('/opt/clinic-kiosk/node/bin/node', ['--version'])).out).toMatch(/^v24\./);
    for (const file of ['/usr/bin/kiosk', '/opt/clinic-kiosk/device-bridge/cli.mjs', '/opt/clinic-kiosk/dist/kiosk-ui/index.html', '/lib/udev/rules.d/60-clinic-kiosk-printers.rules', ...UNITS, ...LAYERS]) {
      expect(existsSync(file), file).toBe(true);
    }
    expect(readFileSync('/lib/udev/rules.d/60-clinic-kiosk-printers.rules', 'utf8')).toContain('ATTR{idVendor}=="0dd4", ATTR{idProduct}=="015d"');
    expect((await expectSuccess('id', ['-nG', 'kiosk'])).out).toMatch(/\blp\b/);
    expect(existsSync('/var/lib/clinic-kiosk')).toBe(true);
  });

  test('the installed kiosk starts with the shipped config plus a test layer and books a printed ticket', { timeout: 2 * MINUTE }, async () => {
    const layer = await writeTestLayer(stateDir);
    const since = performance.now();
    kiosk = spawnKiosk('/usr/bin/kiosk', ['start', ...LAYERS.flatMap((file) => ['--config', file]), '--config', layer.file], layer.port, { cwd: stateDir });
    await waitForHealthz(kiosk, since);
    const call = bridgeCaller(layer.port);
    const health = (await call('GET', '/healthz')).json;
    expect(health).toMatchObject({ status: 'ok', version: VERSION, components: { printer: { printerState: 'ready' } } });

    // The patient's path: identify, list specialties, take the first free slot of the first one that has one, hold, book, print.
    const session = (await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).json;
    expect(session.ok, JSON.stringify(session)).toBe(true);
    const specialties = (await call('GET', '/api/specialties', { session: session.value.sessionId })).json;
    expect(specialties.ok, JSON.stringify(specialties)).toBe(true);
    await call('DELETE', '/api/sessions/current', { session: session.value.sessionId });
    const ids = (specialties.value as Array<{ id: string }>).map((s) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    let booking: Awaited<ReturnType<typeof bookThroughApi>> | null = null;
    const refused: string[] = [];
    for (const id of ids) {
      try {
        booking = await bookThroughApi(call, DEMO_PATIENT.policy, id);
        break;
      } catch (cause) {
        refused.push(`${id}: ${(cause as Error).message}`);
      }
    }
    expect(booking, `no specialty could be booked:\n${refused.join('\n')}`).not.toBeNull();
    expect(booking!.print.outcome).toBe('printed');
    await call('DELETE', '/api/sessions/current', { session: booking!.sessionId });
    // The virtual printer decoded the ticket into tickets.txt: it names the booking.
    expect(readFileSync(layer.ticketsFile, 'utf8')).toContain(booking!.bookingNumber);
    expect(kiosk.output()).toContain('Kiosk is running');
    await kiosk.stop();
    kiosk = null;
  });

  test('a reinstall (the upgrade path) keeps edited config and the state', { timeout: 10 * MINUTE }, async () => {
    const edited = `${readFileSync('/etc/clinic-kiosk/kiosk.json', 'utf8').trimEnd().slice(0, -1)},\n  "kioskId": "deb-test-kiosk"\n}\n`;
    writeFileSync('/etc/clinic-kiosk/kiosk.json', edited);
    writeFileSync('/var/lib/clinic-kiosk/deb-test-marker', 'kept\n');
    await expectSuccess('apt-get', ['install', '--reinstall', ...APT, DEB]);
    expect(readFileSync('/etc/clinic-kiosk/kiosk.json', 'utf8')).toBe(edited);
    expect(existsSync('/var/lib/clinic-kiosk/deb-test-marker')).toBe(true);
    // The edited layer is still a valid config for the installed kiosk.
    expect((await expectSuccess('/usr/bin/kiosk', ['config', 'check', ...LAYERS])).code).toBe(0);
  });

  test('systemd-analyze verify accepts the installed units', { timeout: 2 * MINUTE }, async () => {
    const ran = await run('systemd-analyze', ['verify', ...UNITS]);
    expect(ran.code, ran.err).toBe(0);
    expect(ran.err.trim(), 'systemd-analyze verify warned').toBe('');
  });

  test('apt-get remove keeps the config and the state; purge deletes them', { timeout: 10 * MINUTE }, async () => {
    await expectSuccess('apt-get', ['remove', ...APT, 'clinic-kiosk']);
    expect(await packageStatus()).toBe('rc');
    expect(existsSync('/opt/clinic-kiosk')).toBe(false);
    expect(existsSync('/usr/bin/kiosk')).toBe(false);
    for (const file of LAYERS) expect(existsSync(file), file).toBe(true);
    expect(existsSync('/var/lib/clinic-kiosk/deb-test-marker')).toBe(true);

    await expectSuccess('apt-get', ['purge', ...APT, 'clinic-kiosk']);
    expect(await packageStatus()).toBe('not known');
    expect(existsSync('/etc/clinic-kiosk')).toBe(false);
    expect(existsSync('/var/lib/clinic-kiosk')).toBe(false);
  });
});
