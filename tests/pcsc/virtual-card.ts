// Inserting a virtual OMS card in tests, on the real PC/SC stack
// (pcscd + vsmartcard-vpcd; start it with acquirePcscd() from ./pcscd).
//
// Each vpcd reader takes one card at a time and every kiosk configured for a
// reader reads what goes into it, so the suites keep to their own reader:
//   Vitest      → "Virtual PCD 00 00", card port 35963 (VITEST_READER)
//   Playwright  → "Virtual PCD 00 01", card port 35964 (PLAYWRIGHT_READER)
// and, within a suite, a reader's tests run one after another (one file in
// Vitest; one worker / serial describe in Playwright).
//
// A Playwright test (acquirePcscd and lockVirtualReader from ./pcscd):
//   const reader = await lockVirtualReader(PLAYWRIGHT_READER.port);   // one kiosk per reader, across runs
//   const pcscd = await acquirePcscd();
//   const kut = await startKioskUnderTest({ cardReader: cardReaderFor(PLAYWRIGHT_READER) });
//   await page.goto(kut.kiosk.url);                       // the UI subscribes to /api/events
//   const card = await insertTestCard(DEMO_PATIENT.policy, { reader: PLAYWRIGHT_READER });
//   … expect the masked name on screen …
//   await card.remove(); await kut.kiosk.close(); await pcscd.release(); reader.release();
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizePolicyNumber } from '../../device-bridge/domain/oms-policy';
import { parseHexBytes } from '../../device-bridge/readers/oms-card-apdu';
import { virtualCardPatientFor } from '../../device-bridge/readers/virtual-card-controller';
import { insertVirtualOmsCard, type InsertedVirtualCard, type VirtualCardBehaviour } from '../../device-bridge/readers/virtual-oms-card';
import { err, ok } from '../../device-bridge/contract/result';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface VirtualReader {
  readonly name: string;
  readonly port: number;
}

export const VITEST_READER: VirtualReader = { name: 'Virtual PCD 00 00', port: 35963 };
export const PLAYWRIGHT_READER: VirtualReader = { name: 'Virtual PCD 00 01', port: 35964 };

const defaults = JSON.parse(readFileSync(join(REPO_ROOT, 'config/kiosk.defaults.json'), 'utf8')) as {
  cardReader: { aid: string; ownerFileId: string };
};
/** The AID and owner file id the kiosk reads by default (config/kiosk.defaults.json). */
export const TEST_CARD_LAYOUT = { aid: parseHexBytes(defaults.cardReader.aid), ownerFileId: parseHexBytes(defaults.cardReader.ownerFileId) };

/** `cardReader` overrides for startKioskUnderTest: read this virtual reader, and insert service-mode cards into it. */
export function cardReaderFor(reader: VirtualReader) {
  return { enabled: true, reader: reader.name, virtualCard: { host: '127.0.0.1', port: reader.port } };
}

interface ClinicPatient {
  policyNumber: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
}
const demoPatients = (JSON.parse(readFileSync(join(REPO_ROOT, 'config/demo-clinic.json'), 'utf8')) as { patients: ClinicPatient[] }).patients;

/**
 * Puts the card of a demo-clinic patient (or, for any other ЕНП, a card with
 * a test name) into a virtual reader; resolves once pcscd has seen it.
 * Throws with the reason when pcscd / vpcd is not there.
 */
export async function insertTestCard(
  policyNumber: string,
  options: { readonly reader?: VirtualReader; readonly behaviour?: VirtualCardBehaviour } = {},
): Promise<InsertedVirtualCard> {
  const reader = options.reader ?? VITEST_READER;
  const { patient } = await virtualCardPatientFor(policyNumber, async (enp) => {
    const p = demoPatients.find((candidate) => normalizePolicyNumber(candidate.policyNumber) === enp);
    return p ? ok({ id: 'test', ...p }) : err({ kind: 'patient-not-found' as const });
  });
  const inserted = await insertVirtualOmsCard({
    patient,
    layout: TEST_CARD_LAYOUT,
    port: reader.port,
    ...(options.behaviour ? { behaviour: options.behaviour } : {}),
  });
  if (!inserted.ok) throw new Error(`virtual card not inserted into ${reader.name}: ${inserted.error.message}`);
  return inserted.value;
}
