// Polls the printer's real-time status, keeps the latest, and tells listeners
// (WebSocket clients, health) only when it changes. The printer itself logs
// its transitions, so the monitor does not log them again.
import type { PrinterStatus } from '../contract/printer';
import type { Printer } from '../printer/printer-port';

export interface PrinterMonitor {
  current(): PrinterStatus;
  /** Asks the printer now (e.g. just before a patient confirms) and updates listeners. */
  refresh(): Promise<PrinterStatus>;
  onChange(listener: (status: PrinterStatus) => void): () => void;
  stop(): void;
}

export function startPrinterMonitor(printer: Printer, intervalMs = 5000): PrinterMonitor {
  let last: PrinterStatus = { state: 'unknown', reason: 'not asked yet' };
  const listeners = new Set<(status: PrinterStatus) => void>();
  let inFlight: Promise<PrinterStatus> | null = null;

  async function refresh(): Promise<PrinterStatus> {
    // Two callers at once share one status round trip instead of interleaving on the wire.
    inFlight ??= printer.status().finally(() => {
      inFlight = null;
    });
    const status = await inFlight;
    if (JSON.stringify(status) !== JSON.stringify(last)) {
      last = status;
      for (const listener of listeners) listener(status);
    }
    return status;
  }

  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  void refresh();

  return {
    current: () => last,
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => clearInterval(timer),
  };
}
