import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

/** Masked data only: surname, initials, birth year, last 4 digits of the policy. */
export function ConfirmIdentityScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { patient, kiosk } = view.context;
  return (
    <ScreenFrame name="confirmIdentity" title={t('confirmIdentity.title')} clinicName={kiosk?.clinic.name} onHome={() => send({ type: 'HOME' })}>
      {patient && (
        <div class="identity-card" data-private>
          <div class="identity-card__name">{patient.displayName}</div>
          <div class="identity-card__detail">{t('confirmIdentity.born', { year: patient.birthYear })}</div>
          <div class="identity-card__detail">{t('confirmIdentity.policy', { last4: patient.policyLast4 })}</div>
        </div>
      )}
      <div class="choice-pair">
        <button type="button" class="button button--primary" data-show-me="confirmIdentity" onClick={() => send({ type: 'CONFIRM_IDENTITY' })}>
          {t('confirmIdentity.yes')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => send({ type: 'REJECT_IDENTITY' })}>
          {t('confirmIdentity.no')}
        </button>
      </div>
    </ScreenFrame>
  );
}
