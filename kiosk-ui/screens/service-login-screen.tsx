import '../i18n/service-strings';
import { Keypad } from '../components/keypad';
import { ScreenFrame } from '../components/screen-frame';
import { clockTime } from '../i18n/clock-time';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** The PIN is shown as dots only; it leaves the UI's memory after each attempt. */
export function ServiceLoginScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { servicePin, serviceLoginProblem, kiosk } = view.context;
  const verifying = view.state === 'service.verifying';
  const problem = serviceLoginProblem
    ? serviceLoginProblem.kind === 'wrong-pin'
      ? t('service.wrongPin', { count: serviceLoginProblem.attemptsLeft })
      : serviceLoginProblem.kind === 'locked-out'
        ? t('service.lockedUntil', {
            count: Math.ceil(serviceLoginProblem.retryAfterSeconds / 60),
            time: clockTime(serviceLoginProblem.until ?? new Date(Date.now() + serviceLoginProblem.retryAfterSeconds * 1000).toISOString(), clinicTimeZone(kiosk)),
          })
        : t(`service.${serviceLoginProblem.kind}`)
    : null;
  return (
    <ScreenFrame name="serviceLogin" title={t('service.loginTitle')} clinicName={kiosk?.clinic.name} onHome={() => send({ type: 'SERVICE_EXIT' })} homeLabel={t('service.exit')}>
      <div class="identify">
        <div class="identify__entry">
          <output class="policy-display" data-testid="service-pin" aria-label={t('service.pinEntered', { count: servicePin.length })}>
            {'●'.repeat(servicePin.length) || '·'}
          </output>
          {/* The problem takes the hint's place: «Войти» stays on the screen in landscape with large text. */}
          {!problem && <p class="lead">{t('service.pinHint')}</p>}
          {problem && (
            <p class="feedback feedback--error" role="alert">
              {problem}
            </p>
          )}
          <button type="button" class="button button--primary button--wide" disabled={servicePin.length < 4 || verifying} onClick={() => send({ type: 'SERVICE_SUBMIT' })}>
            {verifying ? t('app.loading') : t('service.enter')}
          </button>
        </div>
        <Keypad
          disabled={verifying}
          onDigit={(digit) => send({ type: 'SERVICE_DIGIT', digit })}
          onErase={() => send({ type: 'SERVICE_ERASE' })}
          onClear={() => {
            for (let i = 0; i < servicePin.length; i++) send({ type: 'SERVICE_ERASE' });
          }}
        />
      </div>
    </ScreenFrame>
  );
}
