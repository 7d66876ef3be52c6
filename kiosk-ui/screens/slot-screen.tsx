import { PagedGrid } from '../components/paged-grid';
import { ScreenFrame } from '../components/screen-frame';
import { clinicToday, relativeDay } from '../i18n/format-date';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone, doctorsOf, holdMinutes, slotDays } from '../journey/selectors';
import type { Slot } from '../../device-bridge/contract';
import type { ScreenProps } from './screen-props';

/** «Петрова А. С.»: enough to tell two doctors apart on a button. */
const doctorShort = (fullName: string) => {
  const [surname = '', ...rest] = fullName.split(' ');
  return [surname, ...rest.map((part) => `${part[0] ?? ''}.`)].join(' ');
};

const clock = (slot: Slot) => slot.start.slice(11, 16);

/** One button per time: with «любой врач» two doctors free at 10:00 are one choice (the doctor is shown on review). */
const oneByTime = (slots: readonly Slot[]): Slot[] => [...new Map(slots.map((s) => [s.start, s])).values()];

/** Portrait: the days in two rows above the times. Landscape: the days fill the left column, the times the right. */
const portrait = () => typeof matchMedia === 'function' && matchMedia('(orientation: portrait)').matches;
const stripRows = (): 'fill' | number => (portrait() ? 2 : 'fill');

export function SlotScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { slots, selectedDay, specialty, patient, notice, kiosk, doctorId } = view.context;
  const today = clinicToday(clinicTimeZone(kiosk));
  const doctors = doctorsOf(slots);
  const days = slotDays(slots, doctorId);
  const daySlots = oneByTime(selectedDay ? (days.get(selectedDay) ?? []) : []);
  // One doctor (the only one, or the one picked): name and room once, above the times.
  const theDoctor = doctors.length === 1 ? doctors[0] : doctors.find((d) => d.id === doctorId);
  const range = (list: readonly Slot[]) => ({ from: list[0] ? clock(list[0]) : '', to: list.at(-1) ? clock(list.at(-1)!) : '' });
  const dayList = [...days];
  const doctorChoices: (string | null)[] = [null, ...doctors.map((d) => d.id)];

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
        <div class="slot-layout">
          <div class="slot-layout__choose">
            {doctors.length > 1 && (
              <section class="slot-section">
                <h2 class="section-title">{t('slot.doctor')}</h2>
                <PagedGrid
                  items={doctorChoices}
                  keyOf={(id) => id ?? 'any'}
                  gridClass="strip"
                  label={t('slot.doctor')}
                  rows={1}
                  moreLabel={() => t('slot.moreDoctors')}
                  backLabel={() => t('slot.earlierDoctors')}
                  render={(id) => {
                    const doctor = doctors.find((d) => d.id === id);
                    return (
                      <button type="button" class={id === doctorId ? 'day day--selected' : 'day'} aria-pressed={id === doctorId} onClick={() => send({ type: 'PICK_DOCTOR', doctorId: id })}>
                        <span class="day__name">{doctor ? doctorShort(doctor.fullName) : t('slot.anyDoctor')}</span>
                        {doctor && <span class="day__count">{t('slot.room', { room: doctor.room })}</span>}
                      </button>
                    );
                  }}
                />
              </section>
            )}
            {theDoctor && (
              <p class="slot-doctor" data-testid="slot-doctor">
                <span class="slot-doctor__label">{t('slot.doctor')}:</span>
                <span class="slot-doctor__name">{theDoctor.fullName}</span>
                <span class="slot-doctor__room">{t('slot.room', { room: theDoctor.room })}</span>
              </p>
            )}
            <section class="slot-section">
              <h2 class="section-title">{t('slot.day')}</h2>
              <PagedGrid
                key={doctorId ?? 'any'}
                items={dayList}
                keyOf={([day]) => day}
                gridClass="strip"
                label={t('slot.day')}
                rows={stripRows()}
                moreLabel={() => t('slot.moreDays')}
                backLabel={() => t('slot.earlierDays')}
                render={([day, list]) => (
                  <button type="button" class={day === selectedDay ? 'day day--selected' : 'day'} aria-pressed={day === selectedDay} onClick={() => send({ type: 'PICK_DAY', date: day })}>
                    <span class="day__name">{relativeDay(t, day, today)}</span>
                    <span class="day__count">{t('slot.freeShort', { count: oneByTime(list).length })}</span>
                  </button>
                )}
              />
            </section>
          </div>
          <section class="slot-layout__times">
            <h2 class="section-title">{t('slot.time')}</h2>
            <PagedGrid
              key={`${doctorId ?? 'any'}/${selectedDay ?? ''}`}
              items={daySlots}
              keyOf={(slot) => slot.id}
              gridClass="time-grid"
              label={t('slot.time')}
              rows="fill"
              showMe="time"
              moreLabel={(next) => t('slot.moreTimes', range(next))}
              backLabel={(previous) => t('slot.earlierTimes', range(previous))}
              render={(slot) => (
                <button type="button" class="time" onClick={() => send({ type: 'PICK_SLOT', slotId: slot.id })}>
                  <span class="time__clock">{clock(slot)}</span>
                </button>
              )}
            />
          </section>
        </div>
      )}
    </ScreenFrame>
  );
}
