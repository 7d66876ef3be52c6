// One answer to "is this kiosk working?": each component's state and the worst of them.
import type { CardReaderStatus, ComponentHealth, Health, ScannerStatus, SpeechStatus } from '../contract';
import type { HealthProbe } from './health-cache';
import type { Scheduler } from '../scheduler/scheduler-port';
import type { PrinterMonitor } from './printer-monitor';

export async function healthReport(opts: {
  kioskId: string;
  version: string;
  scheduler: Scheduler;
  printerMonitor: PrinterMonitor;
  printerAddress: string;
  /** Card reader and scanners: reported, never folded into `status` (the keypad always works). */
  readers?: () => { card: CardReaderStatus; scanners: readonly ScannerStatus[] };
  /** Speech output: reported, never folded into `status` (every screen works without it). */
  speech?: () => SpeechStatus;
  /** The outbox (device-bridge/outbox/outbox.ts): a broken one degrades the kiosk (it books, but takes no requests). */
  outbox?: () => NonNullable<Health['components']['outbox']>;
}): Promise<HealthProbe> {
  const schedulerStatus = await opts.scheduler.status();
  const printerStatus = await opts.printerMonitor.refresh();

  const scheduler: ComponentHealth =
    schedulerStatus.state === 'ready'
      ? { state: 'ok', detail: 'ready' }
      : { state: 'down', detail: schedulerStatus.cause };

  const printer: ComponentHealth = (() => {
    switch (printerStatus.state) {
      case 'ready':
        return { state: 'ok', detail: 'ready' };
      case 'paper-near-end':
        return { state: 'degraded', detail: 'paper near end' };
      case 'offline':
      case 'unknown':
        return { state: 'down', detail: printerStatus.reason };
      default:
        return { state: 'down', detail: printerStatus.state };
    }
  })();

  // The kiosk can still book without a printer (the ticket is shown on screen),
  // so a printer fault degrades it; without a scheduler it is down.
  const outbox = opts.outbox?.();
  const status = scheduler.state === 'down' ? 'down' : printer.state === 'ok' && outbox?.state !== 'down' ? 'ok' : 'degraded';
  return {
    status,
    kioskId: opts.kioskId,
    version: opts.version,
    components: {
      scheduler: { ...scheduler, adapter: schedulerStatus.adapter },
      printer: { ...printer, address: opts.printerAddress, printerState: printerStatus.state },
      ...(opts.readers ? readerHealth(opts.readers()) : {}),
      ...(opts.speech ? { speech: speechHealth(opts.speech()) } : {}),
      ...(outbox ? { outbox } : {}),
    },
  };
}

function readerHealth({ card, scanners }: { card: CardReaderStatus; scanners: readonly ScannerStatus[] }): Pick<Health['components'], 'cardReader' | 'scanners'> {
  const cardHealth: ComponentHealth = (() => {
    switch (card.state) {
      case 'ready':
      case 'reading':
      case 'card-present':
        return { state: 'ok', detail: card.reader };
      case 'disabled':
        return { state: 'ok', detail: 'disabled in the config' };
      case 'no-reader':
        return { state: 'down', detail: 'no card reader connected' };
      case 'unavailable':
        return { state: 'down', detail: card.detail };
    }
  })();
  const open = scanners.filter((s) => s.state === 'open').length;
  const closed = scanners.find((s) => s.state === 'closed');
  const scannerHealth: ComponentHealth =
    scanners.length === 0
      ? { state: 'ok', detail: 'none configured' }
      : open === scanners.length
        ? { state: 'ok', detail: `${open} open` }
        : { state: open === 0 ? 'down' : 'degraded', detail: closed && closed.state === 'closed' ? `${closed.url}: ${closed.detail}` : 'closed' };
  return {
    cardReader: { ...cardHealth, readerState: card.state },
    scanners: { ...scannerHealth, open, configured: scanners.length },
  };
}

function speechHealth(speech: SpeechStatus): NonNullable<Health['components']['speech']> {
  switch (speech.state) {
    case 'ready':
      return { state: 'ok', detail: speech.engine, speechState: speech.state };
    case 'disabled':
      return { state: 'ok', detail: 'disabled in the config', speechState: speech.state };
    case 'starting':
      return { state: 'degraded', detail: 'checking espeak-ng', speechState: speech.state };
    case 'unavailable':
      return { state: 'down', detail: speech.detail, speechState: speech.state };
  }
}
