import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { SpecialtyIcon } from '../components/specialty-icon';
import { clinicToday, relativeDateTime } from '../i18n/format-date';
import { HIDDEN_RULES, refusalText } from '../i18n/refusal-text';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/**
 * Booking is the default path: the specialties come first, each with a one-tap
 * "book the nearest time"; "my appointments" and help stay one tap away.
 */
export function SpecialtyScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { specialties, patient, kiosk, refusal } = view.context;
  const today = clinicToday(clinicTimeZone(kiosk));
  const shown = specialties.filter((s) => !(s.blockedBy?.kind === 'rejected-by-rule' && HIDDEN_RULES.has(s.blockedBy.rule)));
  // Bookable first, then nothing-free, then blocked: the likely choice is at the top.
  const rank = (s: (typeof shown)[number]) => (s.blockedBy ? 2 : s.nearestFree ? 0 : 1);
  const ordered = [...shown].sort((a, b) => rank(a) - rank(b));
  return (
    <ScreenFrame
      name="specialty"
      title={t('specialty.title')}
      clinicName={kiosk?.clinic.name}
      patient={patient}
      step="specialty"
      onBack={() => send({ type: 'BACK' })}
      onHome={() => send({ type: 'HOME' })}
      footerExtra={
        <button type="button" class="button button--secondary button--nav" onClick={() => send({ type: 'OPEN_APPOINTMENTS' })}>
          {t('specialty.myAppointments')}
        </button>
      }
    >
      {refusal && (
        <p class="feedback feedback--error" role="alert">
          {refusalText(t, refusal, today)}
        </p>
      )}
      {ordered.length === 0 && <p class="feedback feedback--info">{t('specialty.empty')}</p>}
      {/* Nothing to book here (attached to another clinic, every specialty refused): a dead end, so a person helps. */}
      {ordered.every((s) => s.blockedBy) && <CallVolunteerButton screen="specialty" />}
      <div class="choice-grid" data-show-me="specialty">
        {ordered.map((specialty) => {
          const nearest = !specialty.blockedBy && specialty.nearestFree ? relativeDateTime(t, specialty.nearestFree, today) : null;
          return (
            <div key={specialty.code} class="specialty-card">
              <button
                type="button"
                class="choice"
                disabled={Boolean(specialty.blockedBy)}
                onClick={() => send({ type: 'PICK_SPECIALTY', code: specialty.code })}
              >
                <SpecialtyIcon code={specialty.code} />
                <span class="choice__text">
                  <span class="choice__title">{specialtyName(t, specialty)}</span>
                  <span class="choice__detail">
                    {specialty.blockedBy ? refusalText(t, specialty.blockedBy, today) : nearest ? t('specialty.chooseTime') : t('specialty.noneFree')}
                  </span>
                </span>
              </button>
              {nearest && (
                <button type="button" class="nearest" onClick={() => send({ type: 'PICK_NEAREST', code: specialty.code })}>
                  <span aria-hidden="true">⚡</span> {t('specialty.bookNearest', { when: nearest })}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </ScreenFrame>
  );
}
