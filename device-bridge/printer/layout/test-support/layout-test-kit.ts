// Shared by the layout tests (tickets, the памятка): a printer profile by id,
// and bytes as the hex text the golden files hold.
import { loadPrinterProfile, type PrinterProfile } from '../../driver/printer-profile';

/** The profile of a model under `models/`; a broken one fails the test that asked for it. */
export function profileOf(id: string): PrinterProfile {
  const result = loadPrinterProfile(id);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** «1b 40 1b 74 11»: the golden files' form. */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');
