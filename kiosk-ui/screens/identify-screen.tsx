import { isValidEnp } from '../../device-bridge/domain/oms-policy';
import { Keypad } from '../components/keypad';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import { ENP_LENGTH } from '../journey/journey-machine';
import type { ScreenProps } from './screen-props';

/** «6449 0208 8600 6380»: groups of four are how the number is printed on the policy. */
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

export function IdentifyScreen({ snapshot, send }: ScreenProps) {
  const t = useT();
  const { policyDigits, notice, kiosk, identityProblem } = snapshot.context;
  const checking = snapshot.matches({ session: 'identifying' });
  const complete = policyDigits.length === ENP_LENGTH;
  const valid = complete && isValidEnp(policyDigits);
  const feedback = notice === 'patient-not-found'
    ? { text: t('identify.notFound'), tone: 'error' }
    : identityProblem && policyDigits.length === 0
      ? { text: t(`identityErrors.${identityProblem.reason}`, { defaultValue: identityProblem.message }), tone: 'error' }
    : checking
      ? { text: t('identify.checking'), tone: 'info' }
      : complete
        ? valid
          ? { text: t('identify.complete'), tone: 'ok' }
          : { text: t('identify.checkFailed'), tone: 'error' }
        : { text: t('identify.digitsLeft', { count: ENP_LENGTH - policyDigits.length }), tone: 'info' };

  return (
    <ScreenFrame name="identify" title={t('identify.title')} clinicName={kiosk?.clinic.name} onBack={() => send({ type: 'BACK' })} onHome={() => send({ type: 'HOME' })}>
      <div class="identify">
      <div class="identify__entry">
      <p class="lead">{t('identify.hint')}</p>
      <output class={`policy-display${complete && !valid ? ' policy-display--error' : ''}`} data-testid="policy-display" aria-live="polite">
        {grouped(policyDigits.padEnd(ENP_LENGTH, '·'))}
      </output>
      <p class={`feedback feedback--${feedback.tone}`} role={feedback.tone === 'error' ? 'alert' : 'status'}>
        {feedback.text}
      </p>
      <button type="button" class="button button--primary button--wide" disabled={!valid || checking} onClick={() => send({ type: 'SUBMIT' })}>
        {t('identify.submit')}
      </button>
      </div>
      <Keypad
        disabled={checking || complete}
        onDigit={(digit) => send({ type: 'DIGIT', digit })}
        onErase={() => send({ type: 'ERASE' })}
        onClear={() => send({ type: 'CLEAR' })}
      />
      </div>
    </ScreenFrame>
  );
}
