// `kiosk printer …`: what clinic IT runs at a kiosk to check its printer.
//   test     prints a test ticket (marked «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН») and reports the status
//   status   prints the status union as JSON
//   emulate  runs the virtual printer alone (optionally with a fault control port)
//   fault    switches a running virtual printer's fault (its control port or a bridge)
// Exit codes: 0 ready, 1 not ready (one plain line on stderr), 2 wrong usage.
// Never a stack trace: every problem is one line a person can act on.
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { createEscPosPrinter } from './driver/escpos-printer';
import type { Printer } from './printer-port';
import type { PrinterStatus } from '../contract/printer';
import { loadPrinterProfile, type PrinterProfile } from './driver/printer-profile';
import { SAMPLE_TICKET } from './layout/sample-ticket';
import { encodeTicket } from './layout/ticket-layout';
import { createTransport } from './transport/transport-factory';
import { startVirtualPrinterControl } from './emulator/virtual-printer-control';
import { startVirtualPrinter, virtualPrinterFaultSchema, type VirtualPrinter } from './emulator/virtual-printer';
import { SERVICE_TOKEN_HEADER } from '../contract/headers';
import { routes } from '../contract/routes';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Only `emulate` logs (what it prints); tests pass a silent one. */
  readonly logger?: Logger;
}

const defaultIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

export const PRINTER_USAGE = `  kiosk printer test --printer URL [--model NAME]
                                              print a test ticket, report the status
  kiosk printer status --printer URL [--model NAME]
                                              print the printer status as JSON
  kiosk printer emulate [--port 9100] [--host 127.0.0.1] [--out DIR] [--model NAME] [--control-port N]
                                              run a virtual ESC/POS network printer
  kiosk printer fault NAME [--after-bytes N] [--delay-ms N] (--control-port N | --bridge URL)
                       with --bridge, the service PIN is read from $KIOSK_SERVICE_PIN
                                              switch a virtual printer's fault: none, paper-near-end,
                                              paper-out, cover-open, disconnect-mid-job, slow-status, no-status
Printer URLs: usb://VID:PID, tcp://host:9100, serial:///dev/ttyUSB0?baudRate=9600, virtual://`;

class UsageError extends Error {}

const DEFAULT_MODEL = 'generic-escpos-80';

/** One plain line for a status that is not `ready`. */
export function describeStatus(status: PrinterStatus): string {
  switch (status.state) {
    case 'ready':
      return 'the printer is ready';
    case 'paper-near-end':
      return 'the paper is near its end: replace the roll soon';
    case 'paper-out':
      return 'the printer is out of paper';
    case 'cover-open':
      return 'the printer cover is open';
    case 'cutter-error':
      return 'the cutter failed: clear the paper path and check the cutter';
    case 'offline':
      return `the printer is offline: ${status.reason}`;
    case 'unknown':
      return `the printer status is unknown: ${status.reason}`;
  }
}

function profileOf(model: string | undefined): PrinterProfile {
  const profile = loadPrinterProfile(model ?? DEFAULT_MODEL);
  if (!profile.ok) throw new UsageError(`--model: ${profile.error}`);
  return profile.value;
}

interface Connected {
  readonly printer: Printer;
  readonly profile: PrinterProfile;
  /** Set when the URL was virtual://: a throwaway emulator for this one command. */
  readonly virtual: VirtualPrinter | null;
  close(): Promise<void>;
}

async function connect(values: { printer?: string | undefined; model?: string | undefined }): Promise<Connected> {
  if (!values.printer) throw new UsageError('--printer URL is required (usb://VID:PID, tcp://host:9100, serial:///dev/…, virtual://)');
  const profile = profileOf(values.model);
  let url = values.printer;
  let virtual: VirtualPrinter | null = null;
  if (/^virtual:/i.test(url)) {
    virtual = await startVirtualPrinter({ port: 0, profile });
    url = virtual.address;
  }
  const transport = createTransport(url);
  if (!transport.ok) {
    await virtual?.close();
    throw new UsageError(`--printer: ${transport.error}`);
  }
  const printer = createEscPosPrinter({ transport: transport.value, profile });
  return {
    printer,
    profile,
    virtual,
    async close() {
      await printer.close();
      await virtual?.close();
    },
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const nowText = (date: Date): string =>
  `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;

async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { printer: { type: 'string' }, model: { type: 'string' } } });
  const connected = await connect(values);
  try {
    const ticket = { ...SAMPLE_TICKET, training: true as const, printedAt: nowText(new Date()), kioskId: 'TEST' };
    const outcome = await connected.printer.print(encodeTicket(ticket, connected.profile));
    const where = `${values.printer} (${connected.profile.id})`;
    if (outcome.outcome === 'failed') {
      io.err(`Test ticket NOT printed on ${where}: ${describeStatus(outcome.status)}`);
      return 1;
    }
    const after = await connected.printer.status();
    io.out(`Test ticket printed on ${where}; status: ${JSON.stringify(after)}`);
    if (connected.virtual) io.out(connected.virtual.tickets().at(-1)?.lines.join('\n') ?? '');
    if (after.state !== 'ready') {
      io.err(`Printed, but ${describeStatus(after)}`);
      return 1;
    }
    return 0;
  } finally {
    await connected.close();
  }
}

async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { printer: { type: 'string' }, model: { type: 'string' } } });
  const connected = await connect(values);
  try {
    const status = await connected.printer.status();
    io.out(JSON.stringify(status));
    if (status.state === 'ready') return 0;
    const line = describeStatus(status);
    io.err(line.includes(connected.printer.address) ? line : `${connected.printer.address}: ${line}`);
    return 1;
  } finally {
    await connected.close();
  }
}

const portNumber = (text: string | undefined, option: string): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UsageError(`${option}: expected a port number 0…65535, got "${text}"`);
  return value;
};

/** Starts the emulator; resolves with a stop function (the CLI keeps running until a signal). */
export async function emulate(args: string[], io: CliIo = defaultIo): Promise<() => Promise<void>> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '9100' },
      host: { type: 'string', default: '127.0.0.1' },
      out: { type: 'string' },
      model: { type: 'string' },
      'control-port': { type: 'string' },
    },
  });
  const profile = profileOf(values.model);
  const printer = await startVirtualPrinter({
    host: values.host,
    port: portNumber(values.port, '--port') ?? 9100,
    profile,
    logger: io.logger ?? createLogger('info'),
    ...(values.out ? { outputDir: values.out } : {}),
  });
  io.out(`Virtual printer (${profile.id}) listening on ${printer.address}${values.out ? `; tickets and previews in ${values.out}` : ''}`);
  const controlPort = portNumber(values['control-port'], '--control-port');
  const control = controlPort === undefined ? null : await startVirtualPrinterControl(printer, { host: '127.0.0.1', port: controlPort });
  if (control) io.out(`Fault control: ${control.url} (kiosk printer fault paper-out --control-port ${control.port})`);
  return async () => {
    await control?.close();
    await printer.close();
  };
}

async function faultCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'control-port': { type: 'string' },
      bridge: { type: 'string' },
      'after-bytes': { type: 'string' },
      'delay-ms': { type: 'string' },
    },
  });
  const body: Record<string, unknown> = { fault: positionals[0] };
  if (values['after-bytes'] !== undefined) body.afterBytes = Number(values['after-bytes']);
  if (values['delay-ms'] !== undefined) body.delayMs = Number(values['delay-ms']);
  const parsed = virtualPrinterFaultSchema.safeParse(body);
  if (!parsed.success) throw new UsageError(`fault: ${parsed.error.issues[0]?.message ?? 'invalid'} (see kiosk help)`);
  const controlPort = portNumber(values['control-port'], '--control-port');
  if (controlPort !== undefined) return postFault(`http://127.0.0.1:${controlPort}/fault`, {}, parsed.data, io);
  if (!values.bridge) throw new UsageError('give --control-port N (kiosk printer emulate) or --bridge http://127.0.0.1:7070');
  // A bridge switches faults only in service mode: log in with the PIN, switch, log out.
  const pin = process.env.KIOSK_SERVICE_PIN;
  if (!pin) throw new UsageError('--bridge needs the service PIN in $KIOSK_SERVICE_PIN');
  const login = await postJson(new URL(routes.serviceLogin.path, values.bridge).href, {}, { pin });
  if (!login.ok) {
    io.err(`service login refused: ${login.reason}`);
    return 1;
  }
  const headers = { [SERVICE_TOKEN_HEADER]: (login.value as { token: string }).token };
  try {
    return await postFault(new URL(routes.serviceSetFault.path, values.bridge).href, headers, parsed.data, io);
  } finally {
    await postJson(new URL(routes.serviceLogout.path, values.bridge).href, headers, undefined);
  }
}

type JsonPost = { ok: true; value: unknown } | { ok: false; reason: string };

async function postJson(target: string, headers: Record<string, string>, body: unknown): Promise<JsonPost> {
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    return { ok: false, reason: `cannot reach ${target}: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}` };
  }
  const answer = (await response.json().catch(() => null)) as { ok?: boolean; value?: unknown; error?: { kind?: string; message?: string } } | null;
  if (response.ok && answer?.ok) return { ok: true, value: answer.value };
  const kind = answer?.error?.kind;
  const reason =
    kind === 'not-virtual-printer' ? 'that bridge does not run a virtual printer'
    : kind === 'wrong-pin' ? 'wrong service PIN'
    : kind === 'locked-out' ? 'service mode is locked after too many wrong PINs'
    : (answer?.error?.message ?? kind ?? `HTTP ${response.status}`);
  return { ok: false, reason };
}

async function postFault(target: string, headers: Record<string, string>, fault: unknown, io: CliIo): Promise<number> {
  const answer = await postJson(target, headers, fault);
  if (!answer.ok) {
    io.err(answer.reason.startsWith('cannot reach') ? answer.reason : `fault not set: ${answer.reason}`);
    return 1;
  }
  io.out(JSON.stringify(answer.value));
  return 0;
}

/**
 * Runs `kiosk printer <sub> …`. Resolves with the exit code, or with -1 when
 * the command keeps running (emulate) until the process gets a signal.
 */
export async function printerCommand(args: string[], io: CliIo = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'test':
        return await testCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io);
      case 'fault':
        return await faultCommand(rest, io);
      case 'emulate': {
        const stop = await emulate(rest, io);
        const onSignal = (): void => {
          void stop().then(() => process.exit(0));
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        return -1;
      }
      default:
        io.err(`Usage:\n${PRINTER_USAGE}`);
        return 2;
    }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // parseArgs throws TypeErrors with codes for unknown or malformed options: wrong usage too.
    const usage = cause instanceof UsageError || (cause as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.err(usage ? message : `kiosk printer ${sub}: ${message}`);
    return usage ? 2 : 1;
  }
}
