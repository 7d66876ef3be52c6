// A specialty's name in the screen's language, by its code (`specialty.ophthalmologist`):
// the bridge sends the clinic's Russian name, which stays the fallback for a code no
// locale knows (a clinic's own specialty), so nothing is ever blank.
import type { TFunction } from 'i18next';
import type { Specialty } from '../../device-bridge/contract';

export const specialtyName = (t: TFunction, specialty: Pick<Specialty, 'code' | 'name'>): string =>
  t(`specialty.${specialty.code}`, { defaultValue: specialty.name });
