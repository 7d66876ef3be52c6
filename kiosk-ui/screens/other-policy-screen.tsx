// The identify screen for the numbers other than the ЕНП (docs/domain/oms-policy.md
// §1): a 9-digit temporary certificate on the digit keypad, or an old-style
// policy's series and number on the letter keypad. Feedback per kind: digits
// left; for an old-style number, characters left to its shortest form, then
// "now the digits". Loaded on first use with its strings and letter keypad.
import type { TFunction } from 'i18next';
import { typedPolicyState, type TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import { Keypad } from '../components/keypad';
import { LetterKeypad } from '../components/letter-keypad';
import { PolicyEntry, identifyFooter, identifyNotice, submitAction, type Feedback } from '../components/policy-entry';
import { PolicyKindChoice } from '../components/policy-kind-choice';
import { ScreenFrame } from '../components/screen-frame';
import '../i18n/policy-kind-strings';
import { useT } from '../i18n/translation-context';
import { policyComplete, policyFull } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** «570 312 840»: a temporary certificate's digits in threes, the places still empty as «·». */
const groupedCertificate = (typed: string) => typed.padEnd(9, '·').replace(/(.{3})(?=.)/g, '$1 ');

function typingFeedback(t: TFunction, kind: Exclude<TypedPolicyKind, 'enp'>, typed: string): Feedback {
  const state = typedPolicyState(kind, typed);
  if (state.state === 'complete') return { text: kind === 'old' ? t('identify.oldReady') : t('identify.complete'), tone: 'ok' };
  if (state.state === 'short') {
    return { text: kind === 'old' ? t('identify.charsLeft', { count: state.missing }) : t('identify.digitsLeft', { count: state.missing }), tone: 'info' };
  }
  // The keypads type nothing else: only an old-style entry of letters alone gets here.
  return { text: t('identify.oldNoDigits'), tone: 'info' };
}

export function OtherPolicyScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { policyDigits, kiosk } = view.context;
  const kind = view.context.policyKind === 'old' ? 'old' : 'temporary';
  const checking = view.state === 'session.identifying';
  const full = policyFull(kind, policyDigits);
  const ready = policyComplete(kind, policyDigits);
  const notice = identifyNotice(t, view);
  const old = kind === 'old';
  return (
    <ScreenFrame
      name="identify"
      title={old ? t('identify.titleOld') : t('identify.titleTemporary')}
      clinicName={kiosk?.clinic.name}
      onBack={() => send({ type: 'BACK' })}
      onHome={() => send({ type: 'HOME' })}
      footerExtra={identifyFooter(notice?.tone === 'error')}
    >
      <PolicyKindChoice kind={kind} disabled={checking} onPick={(picked) => send({ type: 'PICK_POLICY_KIND', kind: picked })} />
      <div class={old ? 'identify identify--letters' : 'identify'}>
        <PolicyEntry
          hint={full || notice?.tone === 'error' ? null : old ? t('identify.hintOld') : t('identify.hintTemporary')}
          display={old ? policyDigits || <span class="policy-display__placeholder">{t('identify.placeholderOld')}</span> : groupedCertificate(policyDigits)}
          displayClass={old ? 'policy-display--text' : ''}
          feedback={notice ?? typingFeedback(t, kind, policyDigits)}
          {...submitAction(t, view, send, ready)}
        />
        {old ? (
          <LetterKeypad
            full={checking || full}
            onLetter={(letter) => send({ type: 'LETTER', letter })}
            onDigit={(digit) => send({ type: 'DIGIT', digit })}
            onSpace={() => send({ type: 'SPACE' })}
            onErase={() => send({ type: 'ERASE' })}
            onClear={() => send({ type: 'CLEAR' })}
          />
        ) : (
          <Keypad
            disabled={checking || full}
            onDigit={(digit) => send({ type: 'DIGIT', digit })}
            onErase={() => send({ type: 'ERASE' })}
            onClear={() => send({ type: 'CLEAR' })}
          />
        )}
      </div>
    </ScreenFrame>
  );
}
