import { ScreenFrame } from '../components/screen-frame';
import { SpecialtyIcon } from '../components/specialty-icon';
import { clinicToday, relativeDateTime } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function SpecialtyScreen({ snapshot, send }: ScreenProps) {
  const t = useT();
  const { specialties, patient, kiosk } = snapshot.context;
  const today = clinicToday(kiosk?.clinic.timeZone ?? 'Europe/Moscow');
  return (
    <ScreenFrame name="specialty" title={t('specialty.title')} clinicName={kiosk?.clinic.name} patient={patient} step="specialty" onBack={() => send({ type: 'BACK' })} onHome={() => send({ type: 'HOME' })}>
      {specialties.length === 0 && <p class="feedback feedback--info">{t('specialty.empty')}</p>}
      <div class="choice-grid">
        {specialties.map((specialty) => (
          <button
            key={specialty.code}
            type="button"
            class="choice"
            disabled={specialty.nearestFree === null}
            onClick={() => send({ type: 'PICK_SPECIALTY', code: specialty.code })}
          >
            <SpecialtyIcon code={specialty.code} />
            <span class="choice__text">
              <span class="choice__title">{specialty.name}</span>
              <span class="choice__detail">
                {specialty.nearestFree ? t('specialty.nearest', { when: relativeDateTime(t, specialty.nearestFree, today) }) : t('specialty.noneFree')}
              </span>
            </span>
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}
