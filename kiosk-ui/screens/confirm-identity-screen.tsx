import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

/**
 * Only what the kiosk knows, masked: the name (surname and initials) when a card, a barcode or the
 * scheduler's lookup gave one (never invented), the birth date the patient typed (else the birth
 * year the scheduler has), the last 4 digits of the policy.
 */
export function ConfirmIdentityScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { patient, kiosk, askBirthDate, birthDate } = view.context;
  return (
    <ScreenFrame name="confirmIdentity" title={t('confirmIdentity.title')} clinicName={kiosk?.clinic.name} onHome={() => send({ type: 'HOME' })}>
      {patient && (
        <div class="identity-card" data-private>
          {patient.displayName === null && <p class="identity-card__lead">{t('confirmIdentity.check')}</p>}
          {patient.displayName !== null && <div class="identity-card__name">{patient.displayName}</div>}
          <div class={patient.displayName === null ? 'identity-card__name' : 'identity-card__detail'}>
            {askBirthDate && birthDate !== null
              ? t('confirmIdentity.birthDate', { date: `${birthDate.slice(8, 10)}.${birthDate.slice(5, 7)}.${birthDate.slice(0, 4)}` })
              : t('confirmIdentity.born', { year: patient.birthYear })}
          </div>
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
