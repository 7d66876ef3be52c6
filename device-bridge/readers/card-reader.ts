// The card reader as the rest of the bridge sees it: a status (a union, see
// CardReaderStatus) and one outcome per inserted card. pcsc-card-reader.ts is
// the PC/SC implementation; unit tests drive it over a fake PC/SC host.
import type { CardReaderStatus } from '../contract';
import type { CardOwner } from './oms-card-data';

export type { CardReaderStatus };

/** What one insertion of a card came to. */
export type CardReadOutcome =
  | { readonly kind: 'read'; readonly owner: CardOwner }
  | {
      readonly kind: 'failed';
      readonly reason: 'card-unreadable' | 'card-removed' | 'unknown-card' | 'no-reader';
      /** Technical detail for the log; never personal data. */
      readonly detail: string;
    };

export interface CardReader {
  status(): CardReaderStatus;
  /**
   * Resolves once the first real status is known (pcscd answered or not, the
   * configured reader found or not), so the bridge starts with a settled picture
   * instead of announcing start-up flicker to the UI. Never rejects; bounded in time.
   */
  readonly settled: Promise<void>;
  onStatus(listener: (status: CardReaderStatus) => void): () => void;
  onRead(listener: (outcome: CardReadOutcome) => void): () => void;
  close(): Promise<void>;
}
