// A booking rule's refusal in words a patient understands, with what to do.
import type { TFunction } from 'i18next';
import type { SpecialtyBlock } from '../../device-bridge/contract';
import { relativeDateTime } from './format-date';

export function refusalText(t: TFunction, block: SpecialtyBlock, today: string): string {
  if (block.kind === 'not-attached') return t('rules.not-attached');
  switch (block.rule) {
    case 'active-booking-exists':
      return block.existingStart ? t('rules.active-booking-exists', { when: relativeDateTime(t, block.existingStart, today) }) : t('rules.active-booking-exists-plain');
    case 'session-cap':
      return t('rules.session-cap', { count: block.limit ?? 0 });
    case 'beyond-horizon':
      return t('rules.beyond-horizon', { count: block.horizonDays ?? 14 });
    case 'children-only':
    case 'adults-only':
      return t(`rules.${block.rule}`, { age: block.adultAge ?? 18 });
    default:
      return t(`rules.${block.rule}`);
  }
}

/** Rules that make a specialty irrelevant for this patient: better not shown at all than shown greyed out. */
export const HIDDEN_RULES: ReadonlySet<string> = new Set(['children-only', 'adults-only', 'specialty-not-self-bookable']);
