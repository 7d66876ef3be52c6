import { ScreenFrame } from '../components/screen-frame';
import { clinicToday, relativeDay } from '../i18n/format-date';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone, doctorsOf, holdMinutes, slotDays } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** «Петрова А. С.»: enough to tell two doctors apart on a time button. */
const doctorShort = (fullName: string) => {
  const [surname = '', ...rest] = fullName.split(' ');
  return [surname, ...rest.map((part) => `${part[0] ?? ''}.`)].join(' ');
};

export function SlotScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { slots, selectedDay, specialty, patient, notice, kiosk, doctorId } = view.context;
  const today = clinicToday(clinicTimeZone(kiosk));
  const doctors = doctorsOf(slots);
  const days = slotDays(slots, doctorId);
  const daySlots = selectedDay ? (days.get(selectedDay) ?? []) : [];

  return (
    <ScreenFrame
      name="slot"
      title={`${specialty ? specialtyName(t, specialty) : ''}: ${t('slot.title').toLowerCase()}`}
      clinicName={kiosk?.clinic.name}
      patient={patient}
      step="slot"
      onBack={() => send({ type: 'BACK' })}
      onHome={() => send({ type: 'HOME' })}
    >
      {notice === 'slot-taken' && <p class="feedback feedback--error" role="alert">{t('slot.taken')}</p>}
      {notice === 'hold-expired' && <p class="feedback feedback--error" role="alert">{t('slot.holdExpired', { count: holdMinutes(kiosk) })}</p>}
      {slots.length === 0 ? (
        <p class="feedback feedback--info">{t('slot.none')}</p>
      ) : (
        <>
          {doctors.length > 1 && (
            <>
              <h2 class="section-title">{t('slot.doctor')}</h2>
              <div class="day-strip" role="group" aria-label={t('slot.doctor')}>
                <button type="button" class={doctorId === null ? 'day day--selected' : 'day'} aria-pressed={doctorId === null} onClick={() => send({ type: 'PICK_DOCTOR', doctorId: null })}>
                  <span class="day__name">{t('slot.anyDoctor')}</span>
                </button>
                {doctors.map((doctor) => (
                  <button key={doctor.id} type="button" class={doctor.id === doctorId ? 'day day--selected' : 'day'} aria-pressed={doctor.id === doctorId} onClick={() => send({ type: 'PICK_DOCTOR', doctorId: doctor.id })}>
                    <span class="day__name">{doctorShort(doctor.fullName)}</span>
                    <span class="day__count">{t('slot.room', { room: doctor.room })}</span>
                  </button>
                ))}
              </div>
            </>
          )}
          <h2 class="section-title">{t('slot.day')}</h2>
          <div class="day-strip" role="group" aria-label={t('slot.day')}>
            {[...days].map(([day, list]) => (
              <button key={day} type="button" class={day === selectedDay ? 'day day--selected' : 'day'} aria-pressed={day === selectedDay} onClick={() => send({ type: 'PICK_DAY', date: day })}>
                <span class="day__name">{relativeDay(t, day, today)}</span>
                <span class="day__count">{t('slot.free', { count: list.length })}</span>
              </button>
            ))}
          </div>
          <h2 class="section-title">{t('slot.time')}</h2>
          <div class="time-grid" role="group" aria-label={t('slot.time')} data-show-me="time">
            {daySlots.map((slot) => (
              <button key={slot.id} type="button" class="time" onClick={() => send({ type: 'PICK_SLOT', slotId: slot.id })}>
                <span class="time__clock">{slot.start.slice(11, 16)}</span>
                <span class="time__doctor">{doctorShort(slot.doctor.fullName)}</span>
                <span class="time__room">{t('slot.room', { room: slot.doctor.room })}</span>
              </button>
            ))}
          </div>
        </>
      )}
    </ScreenFrame>
  );
}
