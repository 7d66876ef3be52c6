// pcscd for tests, shared safely between test processes on one machine.
//
// There is one pcscd per machine (its socket is /run/pcscd/pcscd.comm and
// vpcd's card ports 35963/35964 are machine-wide), so tests never start a
// private one. `acquirePcscd()` reuses a pcscd that answers (a system
// service, or one another test process started); only when none answers does
// it start `pcscd --foreground` as a child. Every user holds a lease (a file
// under $TMPDIR/kiosk-pcscd/); `release()` drops the lease, and the pcscd a
// test started is stopped only when no live lease is left. A pcscd this
// helper did not start is never stopped. A crashed test leaves a lease whose
// process is gone: it is swept on the next release.
//
// In this container (no udev, no systemd) pcscd must run as root, and its
// readers come from /etc/reader.conf.d/: vsmartcard-vpcd adds "Virtual PCD
// 00 00" (card port 35963) and "Virtual PCD 00 01" (35964). Vitest uses 00 00
// and Playwright 00 01, so the two suites never fight over one reader.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const PCSCD_SOCKET = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
const STATE_DIR = join(tmpdir(), 'kiosk-pcscd');
const LOCK_DIR = join(STATE_DIR, 'lock');
const OWNER_FILE = join(STATE_DIR, 'owner.json');
const LOG_FILE = join(STATE_DIR, 'pcscd.log');

export interface PcscdLease {
  /** True when this call started pcscd (it may still be shared with others). */
  readonly startedHere: boolean;
  /** Drops this lease; stops the pcscd the helper started once no lease is left. Idempotent. */
  release(): Promise<void>;
}

/** True when a pcscd accepts connections on its socket. */
export function pcscdAnswers(socketPath = PCSCD_SOCKET): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

export async function acquirePcscd(options: { readonly timeoutMs?: number } = {}): Promise<PcscdLease> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  mkdirSync(STATE_DIR, { recursive: true });
  const leaseFile = join(STATE_DIR, `lease-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let startedHere = false;

  await withLock(async () => {
    writeFileSync(leaseFile, String(process.pid));
    if (await pcscdAnswers()) return;
    const binary = ['/usr/sbin/pcscd', '/usr/local/sbin/pcscd'].find((p) => existsSync(p)) ?? 'pcscd';
    const log = openSync(LOG_FILE, 'w');
    const child = spawn(binary, ['--foreground', '--error'], { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    let exited: string | null = null;
    child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
    child.once('error', (cause) => (exited = `could not start: ${cause.message}`));
    child.unref();
    const deadline = Date.now() + timeoutMs;
    while (!(await pcscdAnswers())) {
      if (exited !== null || Date.now() > deadline) {
        child.kill('SIGTERM');
        rmSync(leaseFile, { force: true });
        const tail = existsSync(LOG_FILE) ? readFileSync(LOG_FILE, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
        const hint = process.getuid?.() === 0 ? '' : ' pcscd needs root here (no udev, no systemd socket): run the tests as root or start pcscd yourself.';
        throw new Error(`pcscd did not come up (${exited ?? `no answer on ${PCSCD_SOCKET} in ${timeoutMs} ms`}).${hint}\n${tail}`);
      }
      await sleep(50);
    }
    if (child.pid !== undefined) writeFileSync(OWNER_FILE, JSON.stringify({ pid: child.pid }));
    startedHere = true;
  });

  let released = false;
  return {
    startedHere,
    async release() {
      if (released) return;
      released = true;
      await withLock(async () => {
        rmSync(leaseFile, { force: true });
        if (liveLeases().length > 0 || !existsSync(OWNER_FILE)) return;
        const { pid } = JSON.parse(readFileSync(OWNER_FILE, 'utf8')) as { pid: number };
        rmSync(OWNER_FILE, { force: true });
        if (!isPcscd(pid)) return;
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
      });
    },
  };
}

/** Leases of processes still alive; a dead process's lease is deleted on the way. */
function liveLeases(): string[] {
  const live: string[] = [];
  for (const name of readdirSync(STATE_DIR)) {
    if (!name.startsWith('lease-')) continue;
    const pid = Number(name.split('-')[1]);
    if (isAlive(pid)) live.push(name);
    else rmSync(join(STATE_DIR, name), { force: true });
  }
  return live;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The recorded pid is still the pcscd the helper started (pids get reused). */
function isPcscd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pcscd';
  } catch {
    return false;
  }
}

/**
 * Takes a vpcd reader for this process until `release()`: one card per reader
 * at a time, and a kiosk under test reads whatever goes into its reader, so two
 * test runs on one machine (two people running the suite) take turns instead
 * of reading each other's cards. A lock left by a dead process is broken.
 */
export async function lockVirtualReader(port: number, options: { readonly timeoutMs?: number } = {}): Promise<{ release(): void }> {
  mkdirSync(STATE_DIR, { recursive: true });
  const dir = join(STATE_DIR, `reader-${port}.lock`);
  await takeDirLock(dir, options.timeoutMs ?? 120_000, `the virtual reader on port ${port}`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A cross-process lock: mkdir is atomic. A lock left by a dead process is broken. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await takeDirLock(LOCK_DIR, 30_000, 'the pcscd test lock');
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

async function takeDirLock(dir: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
      const holder = Number(readFileOr(join(dir, 'pid'), '0'));
      // A holder that died, or one that died between mkdir and writing its pid (lock older than 5 s).
      if ((holder > 0 && !isAlive(holder)) || (holder === 0 && ageMs(dir) > 5000)) rmSync(dir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${what} (${dir}) is held by process ${holder}`);
      await sleep(25);
    }
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readFileOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}
