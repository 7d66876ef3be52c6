import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { clinicToday } from '../i18n/format-date';
import { refusalText } from '../i18n/refusal-text';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** No free time: say so plainly and offer the waiting list or another doctor. */
export function NoSlotsScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { specialty, patient, kiosk, refusal } = view.context;
  const joining = view.state === 'session.joiningWaitingList';
  const today = clinicToday(clinicTimeZone(kiosk));
  return (
    <ScreenFrame name="noSlots" title={`${specialty ? specialtyName(t, specialty) : ''}: ${t('noSlots.title').toLowerCase()}`} clinicName={kiosk?.clinic.name} patient={patient} step="slot" onBack={joining ? undefined : () => send({ type: 'BACK' })} onHome={joining ? undefined : () => send({ type: 'HOME' })}>
      <p class="lead lead--large">{t('noSlots.text')}</p>
      {refusal && (
        <p class="feedback feedback--error" role="alert">
          {refusalText(t, refusal, today)}
        </p>
      )}
      <div class="choice-pair">
        <button type="button" class="button button--primary" disabled={joining} onClick={() => send({ type: 'JOIN_WAITING_LIST' })}>
          {joining ? t('app.loading') : t('noSlots.join')}
        </button>
        <button type="button" class="button button--secondary" disabled={joining} onClick={() => send({ type: 'BACK' })}>
          {t('noSlots.other')}
        </button>
      </div>
      {/* «Оставить заявку»: the same list, with the claim and a phone number of the patient's choosing (request-machine.ts). */}
      <button type="button" class="button button--secondary button--wide" disabled={joining} onClick={() => send({ type: 'LEAVE_REQUEST' })}>
        {t('request.leave')}
      </button>
      {!joining && <CallVolunteerButton screen="noSlots" />}
    </ScreenFrame>
  );
}
