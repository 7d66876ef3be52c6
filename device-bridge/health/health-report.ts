// One answer to "is this kiosk working?": each component's state and the worst of them.
import type { ComponentHealth, Health } from '../api/contract';
import type { Scheduler } from '../scheduler/scheduler-port';
import type { PrinterMonitor } from './printer-monitor';

export async function healthReport(opts: {
  kioskId: string;
  version: string;
  scheduler: Scheduler;
  printerMonitor: PrinterMonitor;
  printerAddress: string;
}): Promise<Health> {
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
  const status = scheduler.state === 'down' ? 'down' : printer.state === 'ok' ? 'ok' : 'degraded';
  return {
    status,
    kioskId: opts.kioskId,
    version: opts.version,
    components: {
      scheduler: { ...scheduler, adapter: schedulerStatus.adapter },
      printer: { ...printer, address: opts.printerAddress, printerState: printerStatus.state },
    },
  };
}
