import { DemoCardChooser } from '../components/demo-card-chooser';
import { Keypad } from '../components/keypad';
import { lazyPart } from '../components/lazy-part';
import { PolicyEntry, identifyFooter, identifyNotice, submitAction, type Feedback } from '../components/policy-entry';
import { PolicyKindChoice } from '../components/policy-kind-choice';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import { ENP_LENGTH, enpEntry, isTraining } from '../journey/selectors';
import { BusyScreen } from './busy-screen';
import { lazyScreen } from './lazy-screen';
import type { ScreenProps } from './screen-props';

/**
 * A temporary certificate or an old-style policy (with its letter keypad): few
 * patients have one, so that screen loads when one is picked (preloaded after start-up).
 */
export const OtherPolicyScreen = lazyScreen(
  () => import('./other-policy-screen').then((m) => m.OtherPolicyScreen),
  (props) => <BusyScreen {...props} message="app.loading" />,
);

/** «Вставьте полис ↓ или поднесите QR»: only kiosks with a reader or a scanner ready load it. */
const DeviceHint = lazyPart(() => import('../components/device-hint').then((m) => m.DeviceHint));

/** The birth-date step (and its "checking…"): only kiosks whose scheduler matches on it load it. */
export const BirthDateScreen = lazyScreen(
  () => import('./birth-date-screen').then((m) => m.BirthDateScreen),
  (props) => <BusyScreen {...props} message="app.loading" />,
);

/** «6449 0208 8600 6380»: groups of four are how the number is printed on the policy. */
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The default: the 16-digit ЕНП, with live check-digit feedback. */
export function IdentifyScreen(props: ScreenProps) {
  const { view, send } = props;
  const t = useT();
  const { policyDigits, policyKind, kiosk, askBirthDate, identityDevices } = view.context;
  const checking = view.state === 'session.identifying';
  // With a birth date, the number was sent from the birth-date step: "checking…" shows there.
  if (checking && askBirthDate) return <BirthDateScreen {...props} />;
  if (policyKind !== 'enp') return <OtherPolicyScreen {...props} />;
  const { complete, valid } = enpEntry(policyDigits);
  const notice = identifyNotice(t, view);
  const feedback: Feedback = notice
    ?? (complete
      ? valid
        ? { text: t('identify.complete'), tone: 'ok' }
        : { text: t('identify.checkFailed'), tone: 'error' }
      : { text: t('identify.digitsLeft', { count: ENP_LENGTH - policyDigits.length }), tone: 'info' });

  return (
    <ScreenFrame
      name="identify"
      title={t('identify.title')}
      clinicName={kiosk?.clinic.name}
      onBack={() => send({ type: 'BACK' })}
      onHome={() => send({ type: 'HOME' })}
      footerExtra={
        <>
          {identifyFooter(notice?.tone === 'error')}
          {kiosk && isTraining(kiosk) && (
            <DemoCardChooser patients={kiosk.training.demoPatients} disabled={checking} onInsert={(patient) => send({ type: 'DEMO_CARD', patient })} />
          )}
        </>
      }
    >
      <PolicyKindChoice kind={policyKind} disabled={checking} onPick={(kind) => send({ type: 'PICK_POLICY_KIND', kind })} />
      <div class="identify">
        <PolicyEntry
          hint={complete || notice?.tone === 'error' ? null : t('identify.hint')}
          hintBox={(identityDevices.card || identityDevices.scanner) && <DeviceHint devices={identityDevices} />}
          display={grouped(policyDigits.padEnd(ENP_LENGTH, '·'))}
          displayClass={complete && !valid ? 'policy-display--error' : ''}
          feedback={feedback}
          {...submitAction(t, view, send, valid)}
        />
        <Keypad
          showMe="policy"
          disabled={checking || complete}
          onDigit={(digit) => send({ type: 'DIGIT', digit })}
          onErase={() => send({ type: 'ERASE' })}
          onClear={() => send({ type: 'CLEAR' })}
        />
      </div>
    </ScreenFrame>
  );
}

