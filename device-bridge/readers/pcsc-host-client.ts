// The bridge's side of the PC/SC host process (pcsc-host.mjs). The native
// binding runs in that child process because its constructor loops forever
// while pcscd is absent and a native addon may crash: the bridge talks to it
// over IPC (one request id per call) and can stop or restart it.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What the PC/SC host process reports (see pcsc-host.mjs). */
export type PcscHostEvent =
  | { readonly event: 'ready' }
  | { readonly event: 'fatal'; readonly reason: 'no-driver'; readonly message: string }
  | { readonly event: 'error'; readonly message: string }
  | { readonly event: 'reader'; readonly name: string }
  | { readonly event: 'reader-end'; readonly name: string }
  | { readonly event: 'reader-error'; readonly name: string; readonly message: string }
  | { readonly event: 'status'; readonly name: string; readonly present: boolean; readonly mute: boolean };

/** The bridge's handle on the PC/SC host process; a fake one in unit tests. */
export interface PcscHost {
  onEvent(listener: (event: PcscHostEvent) => void): void;
  /** Called once when the host is gone (exited, crashed, killed). */
  onExit(listener: (detail: string) => void): void;
  connect(reader: string): Promise<number>;
  transmit(reader: string, protocol: number, apdu: Uint8Array): Promise<Uint8Array>;
  disconnect(reader: string): Promise<void>;
  stop(): Promise<void>;
}

const HOST_SCRIPT = fileURLToPath(new URL('./pcsc-host.mjs', import.meta.url));

/** Whether the optional PC/SC binding is installed (without loading it). */
export function pcscBindingInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@pokusew/pcsclite');
    return true;
  } catch {
    return false;
  }
}

/** Forks pcsc-host.mjs under plain node; null when the binding is not installed. */
export function spawnPcscHost(): PcscHost | null {
  if (!pcscBindingInstalled()) return null;
  const child = fork(HOST_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  // The host never keeps the bridge alive: a bridge that stops (or fails to start) just exits, and the host follows.
  child.unref();
  child.channel?.unref();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const eventListeners = new Set<(event: PcscHostEvent) => void>();
  let exitListener: ((detail: string) => void) | null = null;
  let exitDetail: string | null = null;
  let nextId = 1;

  child.on('message', (message: { id?: number; ok?: boolean; value?: unknown; message?: string } & Partial<PcscHostEvent>) => {
    if (typeof message.id === 'number') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.message ?? 'PC/SC host error'));
      return;
    }
    for (const listener of eventListeners) listener(message as PcscHostEvent);
  });
  const exited = new Promise<void>((resolve) => {
    const finish = (detail: string) => {
      if (exitDetail !== null) return;
      exitDetail = detail;
      for (const waiter of pending.values()) waiter.reject(new Error(`PC/SC host gone: ${detail}`));
      pending.clear();
      exitListener?.(detail);
      resolve();
    };
    child.once('exit', (code, signal) => finish(`exit ${signal ?? code}${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`));
    child.once('error', (cause) => finish(cause.message));
  });

  const request = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exitDetail !== null || !child.connected) return reject(new Error('PC/SC host gone'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...message });
    });

  return {
    onEvent: (listener) => void eventListeners.add(listener),
    onExit(listener) {
      exitListener = listener;
      if (exitDetail !== null) listener(exitDetail);
    },
    connect: (reader) => request<number>({ op: 'connect', reader }),
    transmit: async (reader, protocol, apdu) =>
      Uint8Array.from(Buffer.from(await request<string>({ op: 'transmit', reader, protocol, apdu: Buffer.from(apdu).toString('hex') }), 'hex')),
    disconnect: (reader) => request<void>({ op: 'disconnect', reader }),
    async stop() {
      if (exitDetail !== null) return;
      if (child.connected) child.disconnect(); // the host closes PC/SC and exits on its own
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}
