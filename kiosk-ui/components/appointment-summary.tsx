// The facts of one appointment, shown on review and on the done screen.
import type { PatientView, Slot } from '../../device-bridge/contract';
import { dayMonth, longWeekday } from '../i18n/format-date';
import { specialtyName } from '../i18n/specialty-name';
import { startsInText } from '../i18n/starts-in';
import { useT } from '../i18n/translation-context';
import { slotDay } from '../journey/selectors';

interface AppointmentSummaryProps {
  readonly slot: Slot;
  readonly patient?: PatientView | null;
  /** Set by the bridge for an appointment of today only: «Сегодня, 11:45 (через 36 минут)». */
  readonly startsInMinutes?: number | null | undefined;
}

export function AppointmentSummary({ slot, patient, startsInMinutes }: AppointmentSummaryProps) {
  const t = useT();
  const date = slotDay(slot);
  return (
    <dl class="summary">
      <div class="summary__row">
        <dt>{t('review.specialty')}</dt>
        <dd>{specialtyName(t, slot.specialty)}</dd>
      </div>
      <div class="summary__row">
        <dt>{t('review.doctor')}</dt>
        <dd>{slot.doctor.fullName}</dd>
      </div>
      <div class="summary__row summary__row--large">
        <dt>{t('review.when')}</dt>
        {typeof startsInMinutes === 'number' ? (
          <dd data-testid="starts-in">
            {t('when.today')}, <strong>{slot.start.slice(11, 16)}</strong> ({startsInText(t, startsInMinutes)})
          </dd>
        ) : (
          <dd>
            {dayMonth(t, date)}, {longWeekday(t, date)}, <strong>{slot.start.slice(11, 16)}</strong>
          </dd>
        )}
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
