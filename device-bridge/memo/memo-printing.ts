// Printing the памятка: the config's text in the patient's language, the
// clinic's phone filled in, through the same printer (and its one promise) as
// tickets: "printed" only after the printer confirms the cut, and never a job
// sent to a printer that cannot print it now (escpos-printer.ts). Not journaled:
// a memo is no ticket, nobody needs a reprint of it. Counted and logged, with
// nothing personal: a memo is printed before anyone identified.
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import type { BookingMetrics } from '../metrics/kiosk-metrics';
import type { MemoDisabled, MemoLanguage } from '../contract/memo';
import { memoFor, type MemoData } from '../printer/memo-data';
import type { PrintResult } from '../contract/printer';
import type { Printer } from '../printer/printer-port';
import { err, ok, type Result } from '../contract/result';

export type { MemoDisabled };

export interface MemoPrinting {
  print(language: MemoLanguage): Promise<Result<PrintResult, MemoDisabled>>;
}

export interface MemoPrintingOptions {
  readonly printer: Printer;
  /** MemoData → this printer model's bytes (memo-layout.ts, with the profile and logo bound). */
  readonly render: (memo: MemoData) => Uint8Array;
  /** The config in effect, read at every print: a config reload changes the text and the phone at once. */
  readonly config: () => Pick<KioskConfig, 'memo' | 'clinic'>;
  readonly metrics?: Pick<BookingMetrics, 'ticketPrinted'>;
  readonly logger: Logger;
}

export function createMemoPrinting(options: MemoPrintingOptions): MemoPrinting {
  const { printer, logger } = options;
  return {
    async print(language) {
      const { memo, clinic } = options.config();
      if (!memo.enabled) return err({ kind: 'memo-disabled' });
      const data = memoFor(memo.content[language], { clinicName: clinic.name, clinicAddress: clinic.address, clinicPhone: clinic.phone });
      const outcome = await printer.print(options.render(data));
      logger.info(
        { event: 'memo-print', language, outcome: outcome.outcome, ...(outcome.outcome === 'failed' ? { printerState: outcome.status.state } : {}) },
        'memo print finished',
      );
      options.metrics?.ticketPrinted('memo', outcome);
      return ok(outcome);
    },
  };
}
