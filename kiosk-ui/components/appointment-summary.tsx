// The facts of one appointment, shown on review and on the done screen.
import type { PatientView, Slot } from '../../device-bridge/contract';
import { dayMonth, longWeekday } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import { slotDay } from '../journey/selectors';

export function AppointmentSummary({ slot, patient }: { readonly slot: Slot; readonly patient?: PatientView | null }) {
  const t = useT();
  const date = slotDay(slot);
  return (
    <dl class="summary">
      <div class="summary__row">
        <dt>{t('review.specialty')}</dt>
        <dd>{slot.specialty.name}</dd>
      </div>
      <div class="summary__row">
        <dt>{t('review.doctor')}</dt>
        <dd>{slot.doctor.fullName}</dd>
      </div>
      <div class="summary__row summary__row--large">
        <dt>{t('review.when')}</dt>
        <dd>
          {dayMonth(t, date)}, {longWeekday(t, date)}, <strong>{slot.start.slice(11, 16)}</strong>
        </dd>
      </div>
      <div class="summary__row">
        <dt>{t('review.room')}</dt>
        <dd>{slot.doctor.room}</dd>
      </div>
      {patient && (
        <div class="summary__row" data-private>
          <dt>{t('review.patient')}</dt>
          <dd>{patient.displayName ?? t('patient.policyOnly', { last4: patient.policyLast4 })}</dd>
        </div>
      )}
    </dl>
  );
}
