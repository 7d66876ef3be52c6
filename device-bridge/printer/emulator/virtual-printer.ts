// A virtual ESC/POS printer: a real TCP server on port 9100 that answers status
// queries like an Epson (DLE EOT 1…4), a Custom VKP80 (DLE EOT 0x14) and a
// Nippon Primex (ESC v), and "prints" by decoding the bytes with the emulated
// model's code page table. Product code: `npm start` on a laptop prints to it,
// the service mode can inject faults, and tests drive the real bridge at it.
// It writes every ticket to tickets.txt and a PNG preview of the paper, keeping the last
// `keepTickets` (ticket-output.ts).
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { virtualPrinterFaultSchema, type VirtualPrinterFaultSetting } from '../../contract/requests';
import type { ActiveFault, PaperFault } from '../../contract/service';
import { EscPosStreamDecoder, formatDecodedJob, type DecodedJob, type RealtimeRequest } from './escpos-decoder';
import { renderPaper } from './paper-render';
import { DEFAULT_KEEP_TICKETS, openTicketOutput } from './ticket-output';
import { codepageTableOf, type PrinterProfile } from '../driver/printer-profile';
import { bitmapToPng } from '../driver/raster';
import { PERSONAL_DATA_LABELS } from '../layout/ticket-layout';

/**
 * Faults to inject. Paper faults are what the status bytes say; the others
 * break the link: `disconnect-mid-job` closes the connection after `afterBytes`
 * bytes of a job (the rest never prints), `slow-status` answers every status
 * query `delayMs` late, `no-status` never answers one (but still prints).
 */
export type VirtualPrinterFault = PaperFault | 'disconnect-mid-job' | 'slow-status' | 'no-status';

export const DEFAULT_DISCONNECT_AFTER_BYTES = 100;
export const DEFAULT_STATUS_DELAY_MS = 2000;

// The fault settings are service mode's wire types (contract/requests.ts, contract/service.ts).
export { virtualPrinterFaultSchema };
export type { ActiveFault, PaperFault, VirtualPrinterFaultSetting };

export interface VirtualPrinterOptions {
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  readonly logger?: Logger;
  /** If set, every ticket is appended to `<outputDir>/tickets.txt` and drawn to `<outputDir>/ticket-….png`. */
  readonly outputDir?: string;
  /** How many tickets' text and PNGs the output keeps (older ones are deleted; ticket-output.ts). */
  readonly keepTickets?: number;
  /** The model to emulate: its `ESC t` table and paper width. An Epson 80 mm by default. */
  readonly profile?: PrinterProfile;
}

export interface VirtualPrinter {
  readonly port: number;
  /** `tcp://host:port`, ready for createTcpTransport. */
  readonly address: string;
  /** Everything received, across connections, including status queries and dropped data. */
  receivedBytes(): Uint8Array;
  /** Tickets printed (cut) so far, oldest first. */
  tickets(): DecodedJob[];
  /** `performance.now()` when the last byte of each printed ticket (its cut) arrived, parallel to `tickets()`. */
  ticketTimes(): number[];
  /** Resolves with the oldest ticket not yet returned by an earlier call; rejects after `timeoutMs`. */
  waitForTicket(timeoutMs: number): Promise<DecodedJob>;
  /** Content bytes received while out of paper or with the cover open: never printed. */
  droppedByteCount(): number;
  /** Jobs whose connection closed before their cut: never printed. */
  incompleteJobCount(): number;
  /** PNG previews written so far and still kept (full paths), oldest first. */
  previewFiles(): string[];
  /** Resolves when tickets.txt and the previews of every ticket so far are on disk. */
  flushOutput(): Promise<void>;
  setFault(fault: VirtualPrinterFault | VirtualPrinterFaultSetting): void;
  fault(): ActiveFault;
  /** Serves one more link (a serial port, a pipe) exactly like a TCP connection. */
  attach(stream: Duplex): void;
  close(): Promise<void>;
}

/** Faults in which a real printer prints nothing (it would hold the data). */
const holdsData = (fault: PaperFault): boolean => fault === 'paper-out' || fault === 'cover-open';

/** The one-byte answer an Epson gives to `DLE EOT n` (n = 1…4) in this fault. */
export function epsonStatusAnswer(fault: PaperFault, n: number): number | null {
  const fixed = 0x12; // bits 1 and 4 are always set
  const offline = holdsData(fault) ? 0x08 : 0;
  switch (n) {
    case 1:
      return fixed | offline;
    case 2:
      return fixed | (fault === 'cover-open' ? 0x04 : 0) | (fault === 'paper-out' ? 0x20 : 0);
    case 3:
      return fixed;
    case 4:
      // An empty roll also trips the near-end sensor.
      return fixed | (fault === 'paper-near-end' || fault === 'paper-out' ? 0x0c : 0) | (fault === 'paper-out' ? 0x60 : 0);
    default:
      return null;
  }
}

/** The 6-byte Custom full status answer (`DLE EOT 0x14`) in this fault. */
export function customFullStatusAnswer(fault: PaperFault): Uint8Array {
  const paper = fault === 'paper-out' ? 0x05 : fault === 'paper-near-end' ? 0x04 : 0x00;
  const user = fault === 'cover-open' ? 0x03 : 0x00;
  // DLE, byte count, paper, user, recoverable errors, unrecoverable errors.
  return Uint8Array.of(0x10, 0x0f, paper, user, 0x00, 0x00);
}

/** The one-byte Nippon Primex answer to `ESC v` in this fault. */
export function primexStatusAnswer(fault: PaperFault): number {
  // bit 0 near end, bit 1 head open, bit 2 paper end (an empty roll is near its end too).
  return fault === 'paper-out' ? 0x05 : fault === 'paper-near-end' ? 0x01 : fault === 'cover-open' ? 0x02 : 0x00;
}

const normalise = (setting: VirtualPrinterFault | VirtualPrinterFaultSetting): ActiveFault => {
  const s: VirtualPrinterFaultSetting = typeof setting === 'string' ? ({ fault: setting } as VirtualPrinterFaultSetting) : setting;
  if (s.fault === 'disconnect-mid-job') return { fault: s.fault, afterBytes: s.afterBytes ?? DEFAULT_DISCONNECT_AFTER_BYTES };
  if (s.fault === 'slow-status') return { fault: s.fault, delayMs: s.delayMs ?? DEFAULT_STATUS_DELAY_MS };
  return { fault: s.fault };
};

const paperFaultOf = (active: ActiveFault): PaperFault =>
  active.fault === 'paper-near-end' || active.fault === 'paper-out' || active.fault === 'cover-open' ? active.fault : 'none';

// Logs must never hold personal data (DESIGN.md), even the reduced form the
// paper shows: mask those lines in the log, keep them in tickets.txt (the "paper").
const forLog = (job: DecodedJob): string =>
  formatDecodedJob({
    ...job,
    lines: job.lines.map((line) => {
      const label = PERSONAL_DATA_LABELS.find((l) => line.trimStart().startsWith(l));
      return label ? `${line.slice(0, line.indexOf(label) + label.length)} ***` : line;
    }),
  });

interface Waiter {
  readonly resolve: (job: DecodedJob) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** 576 dots and 42 columns: an 80 mm Epson, when no profile is given. */
const DEFAULT_PAPER = { dotsPerLine: 576, columns: 42 };

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const { host = '127.0.0.1', port: wantedPort = 9100, logger, outputDir, profile } = options;
  const codepages = profile ? codepageTableOf(profile) : undefined;
  const paper = profile ? { dotsPerLine: profile.dotsPerLine, columns: profile.columns } : DEFAULT_PAPER;
  let active: ActiveFault = { fault: 'none' };
  const received: Buffer[] = [];
  const printed: DecodedJob[] = [];
  const printedTimes: number[] = [];
  const previews: string[] = [];
  let delivered = 0;
  let incomplete = 0;
  const waiters: Waiter[] = [];
  const streams = new Set<Duplex>();
  const decoders = new Set<EscPosStreamDecoder>();
  const timers = new Set<NodeJS.Timeout>();
  let droppedBytesOfClosed = 0;
  let fileWrites: Promise<void> = Promise.resolve();
  let address = '';
  let closing: Promise<void> | null = null;

  const output = outputDir ? openTicketOutput(outputDir, options.keepTickets) : null;

  const deliver = (): void => {
    while (waiters.length > 0 && delivered < printed.length) {
      const waiter = waiters.shift();
      const job = printed[delivered++];
      if (!waiter || !job) return;
      clearTimeout(waiter.timer);
      waiter.resolve(job);
    }
  };

  const writeOutput = (job: DecodedJob, at: Date, sequence: number): void => {
    if (!output) return;
    const entry = `==== ${at.toISOString()} ====\n${formatDecodedJob(job)}\n\n`;
    const previewName = `ticket-${at.toISOString().replace(/[:.]/g, '-')}-${sequence}.png`;
    fileWrites = fileWrites
      // Drawn after the status answers of this moment went out: a preview is for people, not for timing.
      .then(() => output.write(entry, previewName, () => bitmapToPng(renderPaper(job, paper))))
      .then((file) => {
        previews.push(file);
        // What the retention deleted is no longer a preview.
        previews.splice(0, Math.max(0, previews.length - (options.keepTickets ?? DEFAULT_KEEP_TICKETS)));
      })
      .catch((cause: unknown) => logger?.warn({ err: cause, outputDir }, 'virtual printer: cannot write the ticket output'));
  };

  const onJob = (job: DecodedJob): void => {
    printed.push(job);
    printedTimes.push(performance.now());
    logger?.info({ printer: address, lines: job.lines.length, qrCodes: job.qrCodes.length }, `virtual printer: ticket\n${forLog(job)}`);
    writeOutput(job, new Date(), printed.length);
    deliver();
  };

  const statusAnswer = (request: RealtimeRequest): Uint8Array | null => {
    const fault = paperFaultOf(active);
    if (request.kind === 'transmit-status') return Uint8Array.of(primexStatusAnswer(fault));
    if (request.kind !== 'status') return null;
    // 0x14 is the Custom full status; 1…4 the Epson bytes. Others get no answer, like a real Epson.
    if (request.n === 0x14) return customFullStatusAnswer(fault);
    const byte = epsonStatusAnswer(fault, request.n);
    return byte === null ? null : Uint8Array.of(byte);
  };

  const answerRealtime = (stream: Duplex, request: RealtimeRequest): void => {
    if (active.fault === 'no-status') return;
    const answer = statusAnswer(request);
    if (!answer) return;
    const send = (): void => {
      if (!stream.destroyed) stream.write(answer);
    };
    if (active.fault === 'slow-status') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, active.delayMs);
      timers.add(timer);
    } else {
      send();
    }
  };

  const attach = (stream: Duplex): void => {
    streams.add(stream);
    const decoder = new EscPosStreamDecoder({
      ...(codepages ? { codepages } : {}),
      onJob,
      onDroppedJob: (job) =>
        logger?.warn({ printer: address, lines: job.lines.length, fault: active.fault }, 'virtual printer: job received while it cannot print; dropped'),
      onRealtime: (request) => answerRealtime(stream, request),
      onUnknown: (command) => logger?.debug({ printer: address, command }, 'virtual printer: unknown command'),
    });
    decoders.add(decoder);
    let cutOff = false;
    stream.on('data', (chunk: Buffer) => {
      if (cutOff) return;
      decoder.dropping = holdsData(paperFaultOf(active));
      const fault = active;
      if (fault.fault !== 'disconnect-mid-job') {
        received.push(chunk);
        decoder.push(chunk);
        return;
      }
      // Byte by byte, so the link drops exactly `afterBytes` into the job.
      for (let i = 0; i < chunk.length; i++) {
        decoder.push(chunk.subarray(i, i + 1));
        if (decoder.jobByteCount >= fault.afterBytes) {
          cutOff = true;
          received.push(chunk.subarray(0, i + 1));
          logger?.warn({ printer: address, afterBytes: fault.afterBytes }, 'virtual printer: fault injected, connection dropped mid-job');
          stream.destroy();
          return;
        }
      }
      received.push(chunk);
    });
    stream.on('error', (error) => logger?.debug({ printer: address, err: error }, 'virtual printer: connection error'));
    stream.on('close', () => {
      streams.delete(stream);
      decoders.delete(decoder);
      droppedBytesOfClosed += decoder.droppedByteCount;
      const rest = decoder.end();
      if (rest) {
        incomplete++;
        logger?.warn({ printer: address, lines: rest.lines.length }, 'virtual printer: connection closed with an uncut job; nothing printed');
      }
    });
  };

  const server = createServer((socket: Socket) => attach(socket));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new Error(`virtual printer cannot listen on ${host}:${wantedPort}`, { cause })));
    server.listen(wantedPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  address = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger?.info({ printer: address, model: profile?.id ?? 'generic-escpos-80' }, 'virtual printer listening');

  const shutDown = async (): Promise<void> => {
    for (const waiter of waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('virtual printer closed'));
    }
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // server.close waits for open connections: a printer being switched off does not.
    for (const stream of streams) stream.destroy();
    await closed;
    await fileWrites;
  };

  return {
    port,
    address,
    receivedBytes: () => new Uint8Array(Buffer.concat(received)),
    tickets: () => [...printed],
    ticketTimes: () => [...printedTimes],
    droppedByteCount: () => droppedBytesOfClosed + [...decoders].reduce((sum, d) => sum + d.droppedByteCount, 0),
    incompleteJobCount: () => incomplete,
    previewFiles: () => [...previews],
    flushOutput: () => fileWrites,
    waitForTicket(timeoutMs) {
      return new Promise<DecodedJob>((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = waiters.findIndex((w) => w.timer === timer);
          if (index >= 0) waiters.splice(index, 1);
          reject(new Error(`virtual printer: no ticket within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push({ resolve, reject, timer });
        deliver();
      });
    },
    setFault(setting) {
      const next = normalise(setting);
      if (JSON.stringify(next) === JSON.stringify(active)) return;
      logger?.info({ printer: address, fault: next, previous: active }, 'virtual printer fault set');
      active = next;
    },
    fault: () => active,
    attach,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
