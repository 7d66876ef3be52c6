// A kiosk started as its own process, the way an operator or systemd starts it:
// `node bin/kiosk.mjs start` (tsx) or the packaged `/usr/bin/kiosk start` (the
// bundle on Node 24). Used by the startup bench (tests/bench/startup.bench.ts)
// and the .deb test (tests/package/deb-package.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface KioskProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The test config layer: free ports for the bridge and the virtual printer, state
 * (scheduler database, print journal, printed tickets) in `dir`, no card reader (the
 * suite's shared pcscd is left alone). Returns its path and the bridge port.
 */
export async function writeTestLayer(dir: string): Promise<{ file: string; port: number; ticketsFile: string }> {
  const port = await freePort();
  let printerPort = await freePort();
  while (printerPort === port) printerPort = await freePort();
  const file = join(dir, 'test-layer.json');
  const layer = {
    $comment: 'Written by tests/kiosk-process.ts: free ports, state in a temp dir.',
    bridge: { port },
    virtualPrinter: { port: printerPort, outputDir: join(dir, 'printer') },
    scheduler: { database: join(dir, 'scheduler.sqlite') },
    cardReader: { enabled: false },
  };
  writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`);
  return { file, port, ticketsFile: join(dir, 'printer/tickets.txt') };
}

export function spawnKiosk(command: string, args: readonly string[], port: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): KioskProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    child,
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Milliseconds from `since` until GET /healthz answers 200 (polled every 5 ms); throws if the process exits first or after `timeoutMs`. */
export async function waitForHealthz(kiosk: KioskProcess, since: number, timeoutMs = 30_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (kiosk.child.exitCode !== null) throw new Error(`the kiosk exited with code ${kiosk.child.exitCode} before /healthz answered:\n${kiosk.output()}`);
    if ((await healthzStatus(kiosk.port)) === 200) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`/healthz did not answer within ${timeoutMs} ms:\n${kiosk.output()}`);
}

function healthzStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * CPU time (user + system, ms) the process has used so far, from /proc (Linux; clock
 * ticks of 10 ms). Unlike wall time it hardly changes with what else the machine runs.
 */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
