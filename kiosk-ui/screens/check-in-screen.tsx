// «Отметиться о приходе»: the answer of the check-in (check-in-machine.ts) in
// plain words: where to go and when, or why not and what to do instead. Shows
// the room and time large, no name and no policy number.
import type { CheckInAppointment } from '../../device-bridge/contract/check-in';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { CheckInResult } from '../journey/check-in-machine';
import type { ScreenProps } from './screen-props';
import '../i18n/check-in-strings';
import './check-in-screen.css';

const hhmm = (local: string) => local.slice(11, 16);

function Where({ appointment }: { readonly appointment: CheckInAppointment }) {
  const t = useT();
  const { room, floor } = appointment;
  return (
    <div class="check-in__where" data-testid="check-in-where">
      <span class="check-in__time">{hhmm(appointment.start)}</span>
      <span class="check-in__room">{floor ? t('checkIn.whereFloor', { room, floor }) : t('checkIn.where', { room })}</span>
      <span class="check-in__doctor">{t('checkIn.doctor', { specialty: appointment.specialty, doctor: appointment.doctor })}</span>
    </div>
  );
}

function titleKey(result: CheckInResult): string {
  switch (result.outcome) {
    case 'arrived':
      return 'checkIn.arrived.title';
    case 'too-early':
      return 'checkIn.tooEarly.title';
    case 'too-late':
      return 'checkIn.tooLate.title';
    case 'no-appointment-today':
      return 'checkIn.none.title';
    case 'ticket-refused':
      return result.reason === 'ticket-other-clinic' ? 'checkIn.otherClinic.title' : 'checkIn.forged.title';
  }
}

function Body({ result }: { readonly result: CheckInResult }) {
  const t = useT();
  switch (result.outcome) {
    case 'arrived':
      return (
        <>
          <Where appointment={result.appointment} />
          <p class="feedback feedback--ok feedback--large" role="status">
            {t('checkIn.arrived.text')}
          </p>
          {result.already && <p class="lead">{t('checkIn.arrived.already')}</p>}
          <p class="lead">{t(result.slip === 'printed' ? 'checkIn.arrived.slipPrinted' : 'checkIn.arrived.slipFailed')}</p>
        </>
      );
    case 'too-early':
      return (
        <>
          <Where appointment={result.appointment} />
          <p class="feedback feedback--large" role="status">
            {t('checkIn.tooEarly.text', { time: hhmm(result.appointment.start), opensAt: hhmm(result.opensAt) })}
          </p>
        </>
      );
    case 'too-late':
      return (
        <>
          <Where appointment={result.appointment} />
          <p class="feedback feedback--error feedback--large" role="alert">
            {t('checkIn.tooLate.text', { time: hhmm(result.appointment.start) })}
          </p>
        </>
      );
    case 'no-appointment-today':
      return (
        <p class="feedback feedback--large" role="status">
          {t('checkIn.none.text')}
        </p>
      );
    case 'ticket-refused':
      return (
        <p class="feedback feedback--error feedback--large" role="alert">
          {t(result.reason === 'ticket-other-clinic' ? 'checkIn.otherClinic.text' : 'checkIn.forged.text')}
        </p>
      );
  }
}

export function CheckInScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { checkIn, kiosk, patient } = view.context;
  if (checkIn === null) {
    return (
      <ScreenFrame name="checkIn" title={t('attract.checkIn')} clinicName={kiosk?.clinic.name} patient={patient}>
        <p class="lead" role="status">
          {t('checkIn.checking')}
        </p>
      </ScreenFrame>
    );
  }
  const needsHelp = checkIn.outcome !== 'arrived' && checkIn.outcome !== 'too-early';
  return (
    <ScreenFrame name="checkIn" title={t(titleKey(checkIn))} clinicName={kiosk?.clinic.name} patient={patient} onHome={() => send({ type: 'HOME' })}>
      <div class={'appointment' in checkIn ? 'check-in check-in--with-where' : 'check-in'}>
        <Body result={checkIn} />
        <button type="button" class="button button--primary button--wide" onClick={() => send({ type: 'FINISH' })}>
          {t('checkIn.finish')}
        </button>
        {needsHelp && <CallVolunteerButton screen="checkIn" />}
      </div>
    </ScreenFrame>
  );
}
