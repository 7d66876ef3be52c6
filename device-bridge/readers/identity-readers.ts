// Every identity device of the kiosk, started from the config in one place
// for the composition root: the chip-card reader (PC/SC), the serial
// scanners, and the identity service that turns their reads into sessions
// and events. Also publishes `reader-status` for service mode.
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import type { BridgeEvent, CardReaderStatus, ScannerStatus } from '../contract';
import type { CardReader } from './card-reader';
import { createIdentityService, type StartSession } from './identity-service';
import { parseHexBytes, type OmsCardLayout } from './oms-card-apdu';
import { createPcscCardReader } from './pcsc-card-reader';
import type { PcscHost } from './pcsc-host-client';
import { createSerialScanner, type SerialScanner, type SerialScannerOptions } from './serial-scanner';

export type CardReaderConfig = KioskConfig['cardReader'];

export interface IdentityReaders {
  status(): { readonly card: CardReaderStatus; readonly scanners: readonly ScannerStatus[] };
  close(): Promise<void>;
}

export interface IdentityReadersOptions {
  readonly cardReader: CardReaderConfig;
  readonly scanners: readonly string[];
  readonly startSession: StartSession;
  readonly publish: (event: BridgeEvent) => void;
  /** Without a `component` binding: each reader's child logger sets its own, and pino does not replace a bound key, it repeats it. */
  readonly logger: Logger;
  /** Tests: a fake PC/SC host, a fake serial port. */
  readonly startPcscHost?: () => PcscHost | null;
  readonly openSerialPort?: SerialScannerOptions['openPort'];
}

export function cardLayoutOf(config: CardReaderConfig): OmsCardLayout {
  return { aid: parseHexBytes(config.aid), ownerFileId: parseHexBytes(config.ownerFileId) };
}

/**
 * Starts the readers and resolves once their start-up status has settled
 * (pcscd asked, the configured reader found or not; bounded to a few seconds).
 * From then on every change is published as `reader-status`; the start-up
 * picture itself is not, since service mode asks GET /api/readers/status first.
 */
export async function startIdentityReaders(options: IdentityReadersOptions): Promise<IdentityReaders> {
  const { logger } = options;
  const identity = createIdentityService({ startSession: options.startSession, publish: options.publish, logger: logger.child({ component: 'identity' }) });

  const card: CardReader | null = options.cardReader.enabled
    ? createPcscCardReader({
        reader: options.cardReader.reader,
        layout: cardLayoutOf(options.cardReader),
        logger: logger.child({ component: 'card-reader' }),
        ...(options.startPcscHost ? { startHost: options.startPcscHost } : {}),
      })
    : null;
  const scanners: SerialScanner[] = options.scanners.map((url) =>
    createSerialScanner({
      url,
      logger: logger.child({ component: 'scanner' }),
      ...(options.openSerialPort ? { openPort: options.openSerialPort } : {}),
    }),
  );

  const status = () => ({
    card: card ? card.status() : ({ state: 'disabled' } as const),
    scanners: scanners.map((s) => s.status()),
  });
  let started = false;
  const publishStatus = () => {
    if (started) options.publish({ type: 'reader-status', ...status() });
  };

  card?.onStatus(publishStatus);
  card?.onRead((outcome) => void identity.fromCard(outcome));
  for (const scanner of scanners) {
    scanner.onStatus(publishStatus);
    scanner.onScan((scan) => void identity.fromScan(scan));
  }
  await card?.settled;
  started = true;

  return {
    status,
    async close() {
      await Promise.all([card?.close(), ...scanners.map((s) => s.close())]);
    },
  };
}
