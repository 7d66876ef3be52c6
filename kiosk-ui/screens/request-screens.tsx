// «Оставить заявку» (journey/request-machine.ts): specialty, claim, mobile
// number on the kiosk's keypad, then «Заявка принята» with the reference, or
// the plain "call the registry" when the kiosk cannot keep a request. One
// screen name («request») for help and metrics; one decision per screen.
import '../i18n/request-strings';
import { Keypad } from '../components/keypad';
import { PolicyEntry, type Feedback } from '../components/policy-entry';
import { PagedGrid } from '../components/paged-grid';
import { ScreenFrame } from '../components/screen-frame';
import { SpecialtyIcon } from '../components/specialty-icon';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { PHONE_DIGITS, formatPhone } from '../../device-bridge/domain/phone';
import { WAITING_LIST_CLAIMS } from '../../device-bridge/contract/scheduling';
import type { ScreenProps } from './screen-props';
import { BusyScreen } from './busy-screen';

export function RequestScreen(props: ScreenProps) {
  switch (props.view.state) {
    case 'session.requestSpecialty':
      return <RequestSpecialty {...props} />;
    case 'session.requestClaim':
      return <RequestClaim {...props} />;
    case 'session.requestPhone':
    case 'session.requestSending':
      return <RequestPhone {...props} />;
    case 'session.requestAccepted':
      return <RequestAccepted {...props} />;
    case 'session.requestUnavailable':
      return <RequestUnavailable {...props} />;
    default:
      return <BusyScreen {...props} message="app.loading" />;
  }
}

function RequestSpecialty({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, patient, requestForm } = view.context;
  const namesOf = (list: readonly { readonly code: string; readonly name: string }[]) =>
    list.slice(0, 2).map((s) => specialtyName(t, s)).join(', ') + (list.length > 2 ? '…' : '');
  return (
    <ScreenFrame name="request" title={t('request.specialtyTitle')} clinicName={kiosk?.clinic.name} patient={patient} onBack={() => send({ type: 'BACK' })} onHome={() => send({ type: 'HOME' })}>
      <p class="lead">{t('request.specialtyLead')}</p>
      {/* A clinic's whole list does not fit: it pages behind labelled controls, like the booking's specialty screen. */}
      <PagedGrid
        items={requestForm.specialties}
        keyOf={(s) => s.code}
        gridClass="choice-grid"
        label={t('request.specialtyTitle')}
        rows="fill"
        moreLabel={(next) => t('specialty.more', { names: namesOf(next) })}
        backLabel={(previous) => t('specialty.earlier', { names: namesOf(previous) })}
        render={(s) => (
          <button type="button" class="choice" onClick={() => send({ type: 'PICK_REQUEST_SPECIALTY', code: s.code })}>
            <SpecialtyIcon code={s.code} />
            <span class="choice__text">
              <span class="choice__title">{specialtyName(t, s)}</span>
            </span>
          </button>
        )}
      />
    </ScreenFrame>
  );
}

function RequestClaim({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, patient, requestForm } = view.context;
  return (
    <ScreenFrame name="request" title={t('request.claimTitle')} clinicName={kiosk?.clinic.name} patient={patient} onBack={() => send({ type: 'BACK' })} onHome={() => send({ type: 'HOME' })}>
      <p class="lead lead--large">{t('request.claimLead', { specialty: requestForm.specialty?.name ?? '' })}</p>
      <div class="choice-list">
        {WAITING_LIST_CLAIMS.map((claim) => (
          <button key={claim} type="button" class="choice" onClick={() => send({ type: 'PICK_CLAIM', claim })}>
            <span class="choice__text">
              <span class="choice__title">{t(`request.claim.${claim}`)}</span>
            </span>
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}

function RequestPhone({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, patient, requestForm } = view.context;
  const sending = view.state === 'session.requestSending';
  const { phone, phoneHint } = requestForm;
  const left = PHONE_DIGITS - phone.length;
  const feedback: Feedback =
    phoneHint === 'not-mobile'
      ? { text: t('request.phone.notMobile'), tone: 'error' }
      : phoneHint === 'too-short'
        ? { text: t('request.phone.tooShort', { count: left }), tone: 'error' }
        : phoneHint === 'complete'
          ? { text: t('request.phone.complete'), tone: 'ok' }
          : phoneHint === 'digits-left'
            ? { text: t('request.phone.digitsLeft', { count: left }), tone: 'info' }
            : { text: t('request.phone.start'), tone: 'info' };
  return (
    <ScreenFrame
      name="request"
      title={t('request.phoneTitle')}
      clinicName={kiosk?.clinic.name}
      patient={patient}
      onBack={sending ? undefined : () => send({ type: 'BACK' })}
      onHome={sending ? undefined : () => send({ type: 'HOME' })}
    >
      <div class="identify">
        <PolicyEntry
          hint={t('request.phoneLead')}
          display={<span data-testid="phone-display">{formatPhone(phone.padEnd(PHONE_DIGITS, '·'))}</span>}
          displayClass={phoneHint === 'not-mobile' || phoneHint === 'too-short' ? 'policy-display--error' : ''}
          feedback={sending ? { text: t('request.sending'), tone: 'info' } : feedback}
          canSubmit={!sending}
          submitLabel={t('request.send')}
          onSubmit={() => send({ type: 'SEND_REQUEST' })}
        />
        <Keypad
          disabled={sending || phone.length >= PHONE_DIGITS}
          onDigit={(digit) => send({ type: 'PHONE_DIGIT', digit })}
          onErase={() => send({ type: 'PHONE_ERASE' })}
          onClear={() => send({ type: 'PHONE_CLEAR' })}
        />
      </div>
    </ScreenFrame>
  );
}

function RequestAccepted({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, patient, requestForm } = view.context;
  const accepted = requestForm.accepted;
  const printed = accepted?.print.outcome === 'printed';
  return (
    <ScreenFrame name="request" title={t('request.acceptedTitle')} clinicName={kiosk?.clinic.name} patient={patient}>
      <p class="feedback feedback--ok feedback--large" role="status">
        {t('request.acceptedText', { specialty: accepted?.specialtyName ?? '' })}
      </p>
      <p class="request-reference">
        {t('request.reference')} <strong data-testid="request-reference">{accepted?.reference}</strong>
      </p>
      <p class="lead">{printed ? t('request.takeSlip') : t('request.slipFailed')}</p>
      <button type="button" class="button button--primary button--wide" onClick={() => send({ type: 'FINISH' })}>
        {t('request.finish')}
      </button>
    </ScreenFrame>
  );
}

function RequestUnavailable({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, patient } = view.context;
  return (
    <ScreenFrame name="request" title={t('request.unavailableTitle')} clinicName={kiosk?.clinic.name} patient={patient} onBack={() => send({ type: 'BACK' })} onHome={() => send({ type: 'HOME' })}>
      <p class="feedback feedback--error feedback--large" role="alert">
        {t('request.unavailableText')}
      </p>
      {kiosk?.clinic.phone && (
        <p class="request-reference">
          {t('request.registryPhone')} <strong>{kiosk.clinic.phone}</strong>
        </p>
      )}
      <button type="button" class="button button--primary button--wide" onClick={() => send({ type: 'FINISH' })}>
        {t('request.finish')}
      </button>
    </ScreenFrame>
  );
}
