import type { AppointmentView } from '../../device-bridge/contract';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { clinicToday, relativeDateTime } from '../i18n/format-date';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone, upcoming } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** The patient's upcoming appointments: cancel one (asked first) or print its ticket again. */
export function AppointmentsScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { appointments, patient, kiosk, notice } = view.context;
  const busy = view.state === 'session.reprinting';
  const today = clinicToday(clinicTimeZone(kiosk));
  const ahead = upcoming(appointments);
  return (
    <ScreenFrame name="appointments" title={t('appointments.title')} clinicName={kiosk?.clinic.name} patient={patient} onBack={busy ? undefined : () => send({ type: 'BACK' })} onHome={busy ? undefined : () => send({ type: 'HOME' })}>
      {notice === 'cancelled' && <p class="feedback feedback--ok" role="status">{t('appointments.cancelled')}</p>}
      {notice === 'reprinted' && <p class="feedback feedback--ok" role="status">{t('appointments.reprinted')}</p>}
      {notice === 'reprint-failed' && <p class="feedback feedback--warning" role="alert">{t('appointments.reprintFailed')}</p>}
      {notice === 'reprint-failed' && <CallVolunteerButton screen="appointments" />}
      {ahead.length === 0 && <p class="feedback feedback--info">{t('appointments.empty')}</p>}
      <ul class="appointment-list">
        {ahead.map((a) => (
          <AppointmentRow key={a.appointmentId} appointment={a} today={today} busy={busy} send={send} />
        ))}
      </ul>
    </ScreenFrame>
  );
}

function AppointmentRow({ appointment, today, busy, send }: { appointment: AppointmentView; today: string; busy: boolean; send: ScreenProps['send'] }) {
  const t = useT();
  const { slot } = appointment;
  return (
    <li class="appointment">
      <div class="appointment__facts">
        <div class="appointment__when">{relativeDateTime(t, slot.start, today)}</div>
        <div class="appointment__who">
          {specialtyName(t, slot.specialty)} · {slot.doctor.fullName}
        </div>
        <div class="appointment__where">
          {t('review.room')}: {slot.doctor.room} · {t('appointments.bookingNumber', { number: appointment.bookingNumber })}
        </div>
      </div>
      <div class="appointment__actions">
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => send({ type: 'REPRINT', appointmentId: appointment.appointmentId })}>
          {t('appointments.reprint')}
        </button>
        <button type="button" class="button button--danger" disabled={busy} onClick={() => send({ type: 'CANCEL_APPOINTMENT', appointmentId: appointment.appointmentId })}>
          {t('appointments.cancel')}
        </button>
      </div>
    </li>
  );
}
