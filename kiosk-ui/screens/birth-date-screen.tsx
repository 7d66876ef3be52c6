// The birth-date step after a typed (or wedge-scanned) number, where the
// scheduler identifies patients by the number and the birth date (kiosk info
// `identification.needsBirthDate`). ДД.ММ.ГГГГ on the kiosk's own keypad,
// checked as typed (device-bridge/domain/birth-date.ts): a digit that makes
// the date impossible is the last one taken, and the screen says why in plain
// words. «Назад» returns to the number as typed.
import type { TFunction } from 'i18next';
import { birthDateDisplay, typedBirthDate, type BirthDateEntry } from '../../device-bridge/domain/birth-date';
import { Keypad } from '../components/keypad';
import { PolicyEntry, identifyFooter, type Feedback } from '../components/policy-entry';
import { ScreenFrame } from '../components/screen-frame';
import '../i18n/birth-date-strings';
import { clinicToday, dayMonth } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import { sameAsRejected } from '../journey/identification-machine';
import { clinicTimeZone } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

function feedbackOf(t: TFunction, entry: BirthDateEntry): Feedback {
  switch (entry.state) {
    case 'typing':
      return { text: t('birthDate.digitsLeft', { count: entry.missing }), tone: 'info' };
    case 'problem':
      return { text: t(`birthDate.problem.${entry.problem}`), tone: 'error' };
    case 'complete':
      return { text: t('birthDate.complete', { date: `${dayMonth(t, entry.date)} ${entry.date.slice(0, 4)}` }), tone: 'ok' };
  }
}

/** The last 4 digits of the number typed before, so the patient sees which number the date goes with. */
const last4 = (typed: string) => typed.replace(/\D/g, '').slice(-4);

export function BirthDateScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { birthDigits, policyDigits, kiosk } = view.context;
  const checking = view.state === 'session.identifying';
  // "In the future" is after the clinic's today, whatever the kiosk computer's zone.
  const entry = typedBirthDate(birthDigits, clinicToday(clinicTimeZone(kiosk)));
  const problem = entry.state === 'problem';
  const feedback: Feedback = checking
    ? { text: t('identify.checking'), tone: 'info' }
    : entry.state === 'complete' && sameAsRejected(view.context)
      ? { text: t('identify.notFoundWithBirthDate'), tone: 'error' }
      : feedbackOf(t, entry);
  return (
    <ScreenFrame
      name="birthDate"
      title={t('birthDate.title')}
      clinicName={kiosk?.clinic.name}
      onBack={() => send({ type: 'BACK' })}
      onHome={() => send({ type: 'HOME' })}
      footerExtra={identifyFooter(feedback.tone === 'error')}
    >
      {last4(policyDigits) && <p class="birth-date__policy">{t('birthDate.policy', { last4: last4(policyDigits) })}</p>}
      <div class="identify">
        <PolicyEntry
          hint={birthDigits.length === 8 || problem ? null : t('birthDate.hint')}
          display={birthDateDisplay(birthDigits, t('birthDate.placeholder'))}
          displayClass={problem ? 'policy-display--error' : ''}
          label={t('birthDate.label')}
          feedback={feedback}
          canSubmit={entry.state === 'complete' && !checking && !sameAsRejected(view.context)}
          submitLabel={t('identify.submit')}
          onSubmit={() => entry.state === 'complete' && send({ type: 'BIRTH_DATE', date: entry.date })}
        />
        <Keypad
          disabled={checking || problem || birthDigits.length === 8}
          onDigit={(digit) => send({ type: 'DIGIT', digit })}
          onErase={() => send({ type: 'ERASE' })}
          onClear={() => send({ type: 'CLEAR' })}
        />
      </div>
    </ScreenFrame>
  );
}
