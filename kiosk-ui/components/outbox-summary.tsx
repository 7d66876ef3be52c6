// Service mode's view of the outbox («Оставить заявку», device-bridge/outbox/):
// counts, and the requests the registry must call back, by reference and
// initials only, the phone masked (the registry finds the number by the
// reference in the kiosk's outbox, see docs/operator-guide.ru.md).
import type { OutboxReport, OutboxRequestView } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';

export function OutboxSummary({ outbox }: { readonly outbox: OutboxReport }) {
  const t = useT();
  const failed = outbox.requests.filter((r) => r.state === 'failed');
  const pending = outbox.requests.filter((r) => r.state === 'pending');
  const row = (r: OutboxRequestView) => (
    <li key={r.reference} class="appointment">
      <div class="appointment__facts">
        <div class="appointment__who">
          {t('service.outbox.row', {
            reference: r.reference,
            who: r.initials ?? t('service.outbox.unknownName'),
            specialty: r.specialtyName,
            claim: t(`service.outbox.claim.${r.claim}`),
            phone: r.phoneMasked,
          })}
        </div>
      </div>
    </li>
  );
  return (
    <section data-testid="service-outbox">
      <h2 class="section-title">{t('service.outbox.title')}</h2>
      {outbox.state === 'unavailable' ? (
        <p class="feedback feedback--error" role="alert">
          {t('service.outbox.unavailable', { detail: outbox.detail ?? '' })}
        </p>
      ) : (
        <p class="lead">{t('service.outbox.counts', { pending: outbox.pending, sent: outbox.sent, failed: outbox.failed })}</p>
      )}
      {failed.length > 0 && (
        <>
          <h3 class="section-title">{t('service.outbox.failedTitle')}</h3>
          <ul class="appointment-list">{failed.slice(0, 10).map(row)}</ul>
        </>
      )}
      {pending.length > 0 && (
        <>
          <h3 class="section-title">{t('service.outbox.pendingTitle')}</h3>
          <ul class="appointment-list">{pending.slice(0, 5).map(row)}</ul>
        </>
      )}
    </section>
  );
}
