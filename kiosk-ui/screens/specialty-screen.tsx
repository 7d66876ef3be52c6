import type { SpecialtyAvailability, SpecialtyBlock } from '../../device-bridge/contract';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { Hyphenated } from '../components/hyphenated';
import { PagedGrid } from '../components/paged-grid';
import { ScreenFrame } from '../components/screen-frame';
import { SpecialtyIcon } from '../components/specialty-icon';
import { clinicToday, relativeDateTime } from '../i18n/format-date';
import { HIDDEN_RULES, refusalText } from '../i18n/refusal-text';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** «Петрова А. С.» */
const doctorShort = (fullName: string) => {
  const [surname = '', ...rest] = fullName.split(' ');
  return [surname, ...rest.map((part) => `${part[0] ?? ''}.`)].join(' ');
};

/**
 * Refusals that are about who the patient is (attachment, district): those
 * specialties are grouped apart with the reason. Refusals of this visit (already
 * booked, the session's limit, the horizon) keep the specialty in its place, so
 * the list never reshuffles after a booking.
 */
const APART: ReadonlySet<string> = new Set(['not-attached', 'other-district', 'no-district', 'backend-rule']);
type Cell =
  | { readonly kind: 'card'; readonly specialty: SpecialtyAvailability }
  /** Specialties this patient cannot book here, grouped by the reason, after the cards. */
  | { readonly kind: 'apart'; readonly reason: string; readonly names: readonly string[] };

const isApart = (block: SpecialtyBlock | null | undefined): boolean =>
  Boolean(block) && APART.has(block!.kind === 'not-attached' ? 'not-attached' : block!.rule);

/**
 * Booking is the default path: one card per specialty, in the clinic's own
 * order, with two labelled buttons far enough apart for a shaky finger: «Записаться
 * на сегодня, 11:40» (the nearest time, one tap) and «Другое время».
 */
export function SpecialtyScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { specialties, patient, kiosk, refusal } = view.context;
  const today = clinicToday(clinicTimeZone(kiosk));
  const shown = specialties.filter((s) => !(s.blockedBy?.kind === 'rejected-by-rule' && HIDDEN_RULES.has(s.blockedBy.rule)));
  const cards = shown.filter((s) => !isApart(s.blockedBy));
  const apart = shown.filter((s) => isApart(s.blockedBy));
  // One cell per reason, after the cards: «Врач общей практики — Запись только к врачу вашего участка».
  const reasons = new Map<string, string[]>();
  for (const s of apart) reasons.set(refusalText(t, s.blockedBy!, today), [...(reasons.get(refusalText(t, s.blockedBy!, today)) ?? []), specialtyName(t, s)]);
  const cells: Cell[] = [...cards.map((s): Cell => ({ kind: 'card', specialty: s })), ...[...reasons].map(([reason, names]): Cell => ({ kind: 'apart', reason, names }))];
  const namesOf = (list: readonly Cell[]) => {
    const names = list.flatMap((c) => (c.kind === 'card' ? [specialtyName(t, c.specialty)] : c.names));
    return names.slice(0, 2).join(', ') + (names.length > 2 ? '…' : '');
  };

  const card = (specialty: SpecialtyAvailability) => {
    const nearest = !specialty.blockedBy && specialty.nearestFree ? relativeDateTime(t, specialty.nearestFree, today) : null;
    const own = specialty.ownDoctor;
    return (
      <div class={specialty.blockedBy ? 'specialty-card specialty-card--done' : 'specialty-card'}>
        <div class="specialty-card__head">
          <SpecialtyIcon code={specialty.code} />
          <span class="specialty-card__name">
            <Hyphenated text={specialtyName(t, specialty)} />
          </span>
        </div>
        {own && !specialty.blockedBy && (
          <p class="specialty-card__doctor">{t('specialty.ownDoctor', { name: doctorShort(own.fullName), room: own.room })}</p>
        )}
        {specialty.blockedBy ? (
          <p class="specialty-card__note">{refusalText(t, specialty.blockedBy, today)}</p>
        ) : nearest ? (
          <div class="specialty-card__actions">
            {/* Its name says which specialty too: a blind patient moving by keypad hears the button, not the card's heading. */}
            <button
              type="button"
              class="specialty-card__book"
              aria-label={`${t('specialty.bookNearest', { when: nearest })} — ${specialtyName(t, specialty)}`}
              onClick={() => send({ type: 'PICK_NEAREST', code: specialty.code })}
            >
              {t('specialty.bookNearest', { when: nearest })}
            </button>
            {/* Named with the specialty, so «Другое время» is clear out of context (a screen reader, a test). */}
            <button type="button" class="specialty-card__other" aria-label={t('specialty.otherTimeOf', { name: specialtyName(t, specialty) })} onClick={() => send({ type: 'PICK_SPECIALTY', code: specialty.code })}>
              {t('specialty.otherTime')}
            </button>
          </div>
        ) : (
          <div class="specialty-card__actions">
            <p class="specialty-card__note">{t('specialty.noneFree')}</p>
            <button type="button" class="specialty-card__other" aria-label={t('specialty.waitingListOf', { name: specialtyName(t, specialty) })} onClick={() => send({ type: 'PICK_SPECIALTY', code: specialty.code })}>
              {t('specialty.waitingList')}
            </button>
          </div>
        )}
      </div>
    );
  };

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
      {shown.length === 0 && <p class="feedback feedback--info">{t('specialty.empty')}</p>}
      {/* Nothing to book here (attached to another clinic, every specialty refused): a dead end, so a person helps. */}
      {shown.length > 0 && shown.every((s) => s.blockedBy) && <CallVolunteerButton screen="specialty" />}
      {cells.length > 0 && (
        <PagedGrid
          items={cells}
          keyOf={(c) => (c.kind === 'card' ? c.specialty.code : c.reason)}
          gridClass="choice-grid"
          label={t('specialty.title')}
          rows="fill"
          showMe="specialty"
          moreLabel={(next) => t('specialty.more', { names: namesOf(next) })}
          backLabel={(previous) => t('specialty.earlier', { names: namesOf(previous) })}
          render={(c) =>
            c.kind === 'card' ? (
              card(c.specialty)
            ) : (
              <div class="unavailable">
                <h2 class="unavailable__title">{t('specialty.unavailable')}</h2>
                <p class="unavailable__names">{c.names.join(', ')}</p>
                <p class="unavailable__reason">{c.reason}</p>
              </div>
            )
          }
        />
      )}
    </ScreenFrame>
  );
}
