// An ESC/POS printer behind any transport. Its one promise (DESIGN.md): never
// call a ticket printed unless the printer said it was fine after the cut.
import type { Logger } from 'pino';
import { type Printer, type PrinterTransport, type TransportError } from '../printer-port';
import { canPrint, type PrintResult, type PrinterStatus } from '../../contract/printer';
import type { PrinterProfile } from './printer-profile';
import { statusProtocolFor } from './status-protocol';

export interface EscPosPrinterOptions {
  readonly transport: PrinterTransport;
  readonly profile: PrinterProfile;
  readonly logger?: Logger;
  /** Per status query; a healthy printer answers in milliseconds. */
  readonly statusTimeoutMs?: number;
  /** How long after sending a job we wait for the printer to confirm it. */
  readonly confirmTimeoutMs?: number;
  /** Pause between status polls after the cut. */
  readonly confirmIntervalMs?: number;
  /** Consecutive good readings after the cut needed to call the ticket printed. */
  readonly confirmReadings?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// States the printer itself reports as a fault: the ticket cannot have come
// out whole, so there is no point waiting. Offline/unknown may be a busy link.
const isDeviceFault = (status: PrinterStatus): boolean =>
  status.state === 'paper-out' || status.state === 'cover-open' || status.state === 'cutter-error';

const sameStatus = (a: PrinterStatus, b: PrinterStatus): boolean =>
  a.state === b.state && ('reason' in a ? a.reason : '') === ('reason' in b ? b.reason : '');

export function createEscPosPrinter(options: EscPosPrinterOptions): Printer {
  const { transport, profile, logger } = options;
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 8000;
  const confirmIntervalMs = options.confirmIntervalMs ?? 250;
  const confirmReadings = options.confirmReadings ?? 2;
  const protocol = statusProtocolFor(profile.statusProtocol);

  let lastStatus: PrinterStatus | null = null;
  // One job at a time: the check → write → confirm sequence of one ticket must
  // not interleave with another's, or one ticket's confirmation covers both.
  let jobs: Promise<unknown> = Promise.resolve();

  /** Logs only transitions: a kiosk polls its printer all day long. */
  const note = (status: PrinterStatus): PrinterStatus => {
    if (!lastStatus || !sameStatus(lastStatus, status)) {
      // `event` and `reason` make the service screen's «Последние ошибки» say which state the printer went to.
      const fields = { event: 'printer-status', reason: status.state, printer: transport.address, model: profile.id, status, previous: lastStatus?.state ?? null };
      if (status.state === 'ready') logger?.info(fields, 'printer status changed');
      else logger?.warn(fields, 'printer status changed');
      lastStatus = status;
    }
    return status;
  };

  const offline = (error: TransportError): PrinterStatus => ({
    state: 'offline',
    reason:
      error.kind === 'timeout'
        ? `no answer from ${transport.address} within ${error.afterMs} ms`
        : `${transport.address}: ${error.reason}`,
  });

  const queryStatus = async (timeoutMs: number): Promise<PrinterStatus> => {
    const answers: Uint8Array[] = [];
    for (const query of protocol.queries) {
      const answer = await transport.request(query.request, query.answerLength, timeoutMs);
      if (!answer.ok) return note(offline(answer.error));
      answers.push(answer.value);
    }
    return note(protocol.interpret(answers));
  };

  /**
   * Polls after the cut until the printer has reported no error a few times in
   * a row, over the same link the job went out on: a link that dropped midway
   * may have lost the end of the ticket (and its cut), whatever the printer
   * says after a reconnect.
   */
  const confirm = async (link: number): Promise<PrintResult> => {
    const deadline = Date.now() + confirmTimeoutMs;
    let good = 0;
    let last: PrinterStatus = { state: 'unknown', reason: 'no status after the cut' };
    const linkLost = (): PrintResult => ({
      outcome: 'failed',
      status: note({ state: 'offline', reason: `${transport.address}: connection lost during the job; the ticket may be incomplete` }),
    });
    if (link === 0) return linkLost();
    for (;;) {
      await sleep(Math.min(confirmIntervalMs, Math.max(0, deadline - Date.now())));
      if (transport.linkId() !== link) return linkLost();
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { outcome: 'failed', status: last };
      last = await queryStatus(Math.min(statusTimeoutMs, remaining));
      if (transport.linkId() !== link) return last.state === 'offline' ? { outcome: 'failed', status: last } : linkLost();
      if (isDeviceFault(last)) return { outcome: 'failed', status: last };
      good = canPrint(last) ? good + 1 : 0;
      if (good >= confirmReadings) return { outcome: 'printed' };
    }
  };

  const printNow = async (job: Uint8Array): Promise<PrintResult> => {
    // Never hand a job to a printer that cannot print it now: it would keep it
    // and print it after a refill, out of context (docs/domain/printers.md).
    const before = await queryStatus(statusTimeoutMs);
    if (!canPrint(before)) return { outcome: 'failed', status: before };
    const written = await transport.write(job);
    if (!written.ok) return { outcome: 'failed', status: note(offline(written.error)) };
    // The link the job went out on (the write reopens one that dropped while idle).
    return confirm(transport.linkId());
  };

  return {
    address: transport.address,
    model: profile.id,
    status: () => queryStatus(statusTimeoutMs),
    print(job) {
      const run = jobs.then(() => printNow(job));
      jobs = run.catch(() => undefined);
      return run;
    },
    close: () => transport.close(),
  };
}
