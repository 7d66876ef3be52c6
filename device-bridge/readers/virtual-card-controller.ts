// Service mode's "insert test card": one virtual OMS card at a time, put into
// the vsmartcard reader the kiosk is configured to read. Refused, as a value,
// when the card reader is not a virtual one or vpcd does not answer.
import type { Logger } from 'pino';
import type { ApiError, VirtualCardError, VirtualCardResult, VirtualCardState } from '../contract';
import { decodeEnpBirthInfo } from '../domain/oms-policy';
import type { Result } from '../contract/result';
import type { Patient } from '../scheduler/scheduler-port';
import { cardLayoutOf, type CardReaderConfig } from './identity-readers';
import { VIRTUAL_READER_PREFIX } from './pcsc-card-reader';
import { insertVirtualOmsCard, type InsertedVirtualCard, type VirtualCardBehaviour, type VirtualCardPatient } from './virtual-oms-card';

export type FindPatient = (policyNumber: string) => Promise<Result<Patient, ApiError>>;

export interface VirtualCardController {
  insert(policyNumber: string, behaviour?: VirtualCardBehaviour): Promise<VirtualCardResult<VirtualCardState>>;
  remove(): Promise<VirtualCardResult<VirtualCardState>>;
  state(): VirtualCardResult<VirtualCardState>;
  close(): Promise<void>;
}

/** Whether the config points the card reader at one of vsmartcard's virtual readers. */
export function isVirtualReader(config: CardReaderConfig): boolean {
  return config.enabled && config.reader.trim().toLowerCase().startsWith(VIRTUAL_READER_PREFIX.toLowerCase());
}

/**
 * The card of a patient the registry knows carries their data; for any other
 * number the card carries a test name and the birth date its ЕНП encodes, so
 * "patient not found" can be tried too.
 */
export async function virtualCardPatientFor(policyNumber: string, findPatient: FindPatient | null): Promise<{ patient: VirtualCardPatient; known: boolean | null }> {
  const found = findPatient ? await findPatient(policyNumber) : null;
  if (found?.ok) {
    const p = found.value;
    return {
      patient: { enp: policyNumber, surname: p.surname, name: p.givenName, patronymic: p.patronymic, birthDate: p.birthDate, sex: p.sex ?? decodeEnpBirthInfo(policyNumber)?.sex ?? 'female' },
      known: true,
    };
  }
  const encoded = decodeEnpBirthInfo(policyNumber);
  return {
    patient: {
      enp: policyNumber,
      surname: 'Тестовый',
      name: 'Пациент',
      patronymic: '',
      birthDate: encoded?.birthDate ?? '1980-01-01',
      sex: encoded?.sex ?? 'female',
    },
    known: found && !found.ok && found.error.kind === 'patient-not-found' ? false : null,
  };
}

export function createVirtualCardController(options: { readonly cardReader: CardReaderConfig; readonly findPatient: FindPatient; readonly logger: Logger }): VirtualCardController {
  const { cardReader, logger } = options;
  let inserted: { card: InsertedVirtualCard; known: boolean | null } | null = null;

  const refuse = (error: VirtualCardError): VirtualCardResult<VirtualCardState> => ({ ok: false, error });
  const current = (): VirtualCardResult<VirtualCardState> => ({
    ok: true,
    value: { inserted: inserted !== null, reader: cardReader.reader, patientKnown: inserted?.known ?? null },
  });
  const notVirtual = () =>
    refuse({
      kind: 'reader-not-virtual',
      message: cardReader.enabled
        ? `cardReader.reader is "${cardReader.reader}", not one of vsmartcard's virtual readers ("Virtual PCD 00 00")`
        : 'the card reader is disabled in the config (cardReader.enabled)',
    });

  async function remove(): Promise<void> {
    const card = inserted?.card;
    inserted = null;
    await card?.remove();
  }

  return {
    async insert(policyNumber, behaviour = 'normal') {
      if (!isVirtualReader(cardReader)) return notVirtual();
      await remove();
      const { patient, known } = await virtualCardPatientFor(policyNumber, options.findPatient);
      const result = await insertVirtualOmsCard({
        patient,
        layout: cardLayoutOf(cardReader),
        host: cardReader.virtualCard.host,
        port: cardReader.virtualCard.port,
        behaviour,
      });
      if (!result.ok) {
        logger.warn({ event: 'virtual-card-refused', reason: result.error.kind }, 'virtual card not inserted');
        return refuse(result.error);
      }
      const entry = { card: result.value, known };
      inserted = entry;
      // Pulled out from elsewhere (the reader went away, a test's behaviour): forget it.
      void result.value.removed.then(() => {
        if (inserted === entry) inserted = null;
      });
      logger.info({ event: 'virtual-card-inserted', behaviour, patientKnown: known }, 'virtual card inserted');
      return current();
    },
    async remove() {
      if (!isVirtualReader(cardReader)) return notVirtual();
      await remove();
      logger.info({ event: 'virtual-card-removed' }, 'virtual card removed');
      return current();
    },
    state: () => (isVirtualReader(cardReader) ? current() : notVirtual()),
    close: remove,
  };
}
