// A virtual network ESC/POS printer: a real TCP server on port 9100 that
// answers status queries like an Epson (and a Custom VKP80) and "prints" by
// decoding the bytes. Product code: `npm start` on a laptop prints to it, the
// service mode can put it out of paper, and tests drive the real bridge at it.
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { EscPosStreamDecoder, formatDecodedJob, type DecodedJob, type RealtimeRequest } from './escpos-decoder';
import { PERSONAL_DATA_LABELS } from './ticket-layout';

export type VirtualPrinterFault = 'none' | 'paper-near-end' | 'paper-out' | 'cover-open';

export interface VirtualPrinterOptions {
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  readonly logger?: Logger;
  /** If set, every ticket is appended to `<outputDir>/tickets.txt`. */
  readonly outputDir?: string;
}

export interface VirtualPrinter {
  readonly port: number;
  /** `tcp://host:port`, ready for createTcpTransport. */
  readonly address: string;
  /** Everything received, across connections, including status queries and dropped data. */
  receivedBytes(): Uint8Array;
  /** Tickets printed (cut) so far, oldest first. */
  tickets(): DecodedJob[];
  /** Resolves with the oldest ticket not yet returned by an earlier call; rejects after `timeoutMs`. */
  waitForTicket(timeoutMs: number): Promise<DecodedJob>;
  /** Content bytes received while out of paper or with the cover open: never printed. */
  droppedByteCount(): number;
  setFault(fault: VirtualPrinterFault): void;
  close(): Promise<void>;
}

/** Faults in which a real printer prints nothing (it would hold the data). */
const holdsData = (fault: VirtualPrinterFault): boolean => fault === 'paper-out' || fault === 'cover-open';

/** The one-byte answer an Epson gives to `DLE EOT n` (n = 1…4) in this fault. */
export function epsonStatusAnswer(fault: VirtualPrinterFault, n: number): number | null {
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
export function customFullStatusAnswer(fault: VirtualPrinterFault): Uint8Array {
  const paper = fault === 'paper-out' ? 0x05 : fault === 'paper-near-end' ? 0x04 : 0x00;
  const user = fault === 'cover-open' ? 0x03 : 0x00;
  // DLE, byte count, paper, user, recoverable errors, unrecoverable errors.
  return Uint8Array.of(0x10, 0x0f, paper, user, 0x00, 0x00);
}

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

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const { host = '127.0.0.1', port: wantedPort = 9100, logger, outputDir } = options;
  let fault: VirtualPrinterFault = 'none';
  const received: Buffer[] = [];
  const printed: DecodedJob[] = [];
  let delivered = 0;
  const waiters: Waiter[] = [];
  const sockets = new Set<Socket>();
  const decoders = new Set<EscPosStreamDecoder>();
  let droppedBytesOfClosed = 0;
  let fileWrites: Promise<void> = Promise.resolve();
  let address = '';
  let closing: Promise<void> | null = null;

  if (outputDir) await mkdir(outputDir, { recursive: true });

  const deliver = (): void => {
    while (waiters.length > 0 && delivered < printed.length) {
      const waiter = waiters.shift();
      const job = printed[delivered++];
      if (!waiter || !job) return;
      clearTimeout(waiter.timer);
      waiter.resolve(job);
    }
  };

  const onJob = (job: DecodedJob): void => {
    printed.push(job);
    logger?.info({ printer: address, lines: job.lines.length, qrCodes: job.qrCodes.length }, `virtual printer: ticket\n${forLog(job)}`);
    if (outputDir) {
      const entry = `==== ${new Date().toISOString()} ====\n${formatDecodedJob(job)}\n\n`;
      fileWrites = fileWrites
        .then(() => appendFile(join(outputDir, 'tickets.txt'), entry, 'utf8'))
        .catch((cause: unknown) => logger?.warn({ err: cause, outputDir }, 'virtual printer: cannot write tickets.txt'));
    }
    deliver();
  };

  const answerRealtime = (socket: Socket, request: RealtimeRequest): void => {
    if (request.kind !== 'status') return;
    // 0x14 is the Custom full status; 1…4 the Epson bytes. Others get no answer, like a real Epson.
    let answer: Uint8Array | null = null;
    if (request.n === 0x14) answer = customFullStatusAnswer(fault);
    else {
      const byte = epsonStatusAnswer(fault, request.n);
      if (byte !== null) answer = Uint8Array.of(byte);
    }
    if (answer && !socket.destroyed) socket.write(answer);
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new EscPosStreamDecoder({
      onJob,
      onDroppedJob: (job) =>
        logger?.warn({ printer: address, lines: job.lines.length, fault }, 'virtual printer: job received while it cannot print; dropped'),
      onRealtime: (request) => answerRealtime(socket, request),
      onUnknown: (command) => logger?.debug({ printer: address, command }, 'virtual printer: unknown command'),
    });
    decoders.add(decoder);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      decoder.dropping = holdsData(fault);
      decoder.push(chunk);
    });
    socket.on('error', (error) => logger?.debug({ printer: address, err: error }, 'virtual printer: connection error'));
    socket.on('close', () => {
      sockets.delete(socket);
      decoders.delete(decoder);
      droppedBytesOfClosed += decoder.droppedByteCount;
      const rest = decoder.end();
      if (rest) logger?.warn({ printer: address, lines: rest.lines.length }, 'virtual printer: connection closed with an uncut job');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new Error(`virtual printer cannot listen on ${host}:${wantedPort}`, { cause })));
    server.listen(wantedPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  address = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger?.info({ printer: address }, 'virtual printer listening');

  const shutDown = async (): Promise<void> => {
    for (const waiter of waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('virtual printer closed'));
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // server.close waits for open connections: a printer being switched off does not.
    for (const socket of sockets) socket.destroy();
    await closed;
    await fileWrites;
  };

  return {
    port,
    address,
    receivedBytes: () => new Uint8Array(Buffer.concat(received)),
    tickets: () => [...printed],
    droppedByteCount: () => droppedBytesOfClosed + [...decoders].reduce((sum, d) => sum + d.droppedByteCount, 0),
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
    setFault(next) {
      if (next === fault) return;
      logger?.info({ printer: address, fault: next, previous: fault }, 'virtual printer fault set');
      fault = next;
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
