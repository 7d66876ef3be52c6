// The printer as the wire (and the UI) sees it: its status is one union, and a
// print's outcome is `printed` only after the printer confirmed the cut. The
// printer driver (device-bridge/printer/driver/escpos-printer.ts) produces these very types.

export type PrinterStatus =
  | { readonly state: 'ready' }
  | { readonly state: 'paper-near-end' }
  | { readonly state: 'paper-out' }
  | { readonly state: 'cover-open' }
  | { readonly state: 'cutter-error' }
  | { readonly state: 'offline'; readonly reason: string }
  | { readonly state: 'unknown'; readonly reason: string };

/** States in which a ticket can be printed now. */
export const canPrint = (status: PrinterStatus): boolean => status.state === 'ready' || status.state === 'paper-near-end';

/** The outcome of one print job (ticket, reprint, test ticket, памятка). */
export type PrintResult =
  | { readonly outcome: 'printed' }
  | { readonly outcome: 'failed'; readonly status: PrinterStatus };
