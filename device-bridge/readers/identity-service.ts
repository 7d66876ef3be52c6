// From a read to the journey: a card or a scan becomes a session on the
// bridge (through the injected `startSession`) and one event on the hub,
// `identified` (masked patient only) or `identity-error` (a reason and a
// plain-Russian message). The policy number is never published or logged.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiError, BridgeEvent, IdentityChannel, IdentityErrorReason, SessionStarted } from '../contract';
import { compareEnpWithRecord } from '../domain/oms-policy';
import type { Result } from '../contract/result';
import type { CardReadOutcome } from './card-reader';
import type { Scan } from './scan-frames';

/** The name printed in a chip card's owner data: what «Это вы?» shows when the scheduler gives none (an N3 hub). */
export interface CardHolderName {
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string;
}

/**
 * `birthDate` (YYYY-MM-DD): what the card or the paper policy's barcode says; the booking service uses it only where
 * identification needs it. `holder`: a chip card's name, used only where the scheduler's record has none.
 */
export type StartSession = (policyNumber: string, channel: IdentityChannel, birthDate?: string, holder?: CardHolderName) => Promise<Result<SessionStarted, ApiError>>;

/** What the patient reads on the screen for each reason. */
export const IDENTITY_MESSAGES: Readonly<Record<IdentityErrorReason, string>> = {
  'card-unreadable': 'Вставьте полис другой стороной',
  'card-removed': 'Полис вынут слишком рано. Вставьте его снова и не вынимайте, пока не появится ваше имя',
  'unknown-card': 'Карта не распознана — введите номер полиса',
  'no-reader': 'Считыватель карт не работает — введите номер полиса',
  'patient-not-found': 'Полис с таким номером не найден в поликлинике. Обратитесь в регистратуру',
  'bad-barcode': 'Штрихкод не распознан. Поднесите полис ещё раз или введите номер',
  unavailable: 'Не удалось проверить полис. Попробуйте ещё раз через минуту или введите номер',
  'needs-birth-date': 'Поликлинике нужна и дата рождения: введите номер полиса, затем дату рождения',
};

export interface IdentityService {
  fromCard(outcome: CardReadOutcome): Promise<void>;
  fromScan(scan: Scan): Promise<void>;
}

export interface IdentityServiceOptions {
  readonly startSession: StartSession;
  readonly publish: (event: BridgeEvent) => void;
  readonly logger: Logger;
  /** The same barcode read again within this window (scanners re-read a code held under them) is ignored. */
  readonly repeatWindowMs?: number;
  readonly now?: () => number;
}

export function createIdentityService(options: IdentityServiceOptions): IdentityService {
  const { logger, publish } = options;
  const repeatWindowMs = options.repeatWindowMs ?? 3000;
  const now = options.now ?? Date.now;
  // A digest, not the number: the last scan is remembered only to drop its echo.
  let lastScan: { digest: string; at: number } | null = null;

  const fail = (channel: IdentityChannel, reason: IdentityErrorReason) => {
    logger.info({ event: 'identity-error', channel, reason }, 'identification failed');
    publish({ type: 'identity-error', channel, reason, message: IDENTITY_MESSAGES[reason] });
  };

  async function identify(channel: IdentityChannel, enp: string, birthDate: string | null, holder?: CardHolderName): Promise<void> {
    let started: Result<SessionStarted, ApiError>;
    try {
      started = await options.startSession(enp, channel, birthDate ?? undefined, holder);
    } catch (cause) {
      logger.error({ event: 'identity-start-failed', channel, err: cause }, 'starting a session failed');
      fail(channel, 'unavailable');
      return;
    }
    if (started.ok) {
      logger.info({ event: 'identified', channel }, 'patient identified by a reader');
      publish({ type: 'identified', channel, session: started.value });
    } else {
      const { kind } = started.error;
      // The only invalid request a read can make: a QR's bare number where the birth date is needed too.
      fail(channel, kind === 'patient-not-found' ? 'patient-not-found' : kind === 'invalid-request' ? 'needs-birth-date' : 'unavailable');
    }
  }

  return {
    async fromCard(outcome) {
      if (outcome.kind === 'failed') {
        fail('card', outcome.reason);
        return;
      }
      const { owner } = outcome;
      const consistency = compareEnpWithRecord(owner.enp, owner);
      if (consistency.kind === 'mismatch') {
        // For staff: records get corrected after issue. Field names only, never values.
        logger.warn({ event: 'card-enp-mismatch', fields: consistency.fields }, 'the card data differ from what its ЕНП encodes');
      }
      await identify('card', owner.enp, owner.birthDate, { surname: owner.surname, givenName: owner.name, patronymic: owner.patronymic });
    },

    async fromScan(scan) {
      if (scan.kind === 'unrecognised') {
        fail('barcode', 'bad-barcode');
        return;
      }
      const enp = scan.kind === 'paper-policy' ? scan.barcode.enp : scan.enp;
      const digest = createHash('sha256').update(enp).digest('hex');
      const at = now();
      if (lastScan && lastScan.digest === digest && at - lastScan.at < repeatWindowMs) {
        lastScan = { digest, at };
        return;
      }
      lastScan = { digest, at };
      if (scan.kind === 'paper-policy' && !scan.barcode.enpChecksumValid) {
        logger.info({ event: 'barcode-enp-checksum', valid: false }, 'the barcode ЕНП fails its check digit; looked up anyway');
      }
      await identify('barcode', enp, scan.kind === 'paper-policy' ? scan.barcode.birthDate : null);
    },
  };
}
