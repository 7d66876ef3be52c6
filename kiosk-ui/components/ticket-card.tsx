// The ticket as the patient sees it on screen: the fallback when paper fails,
// with the booking number large and as the same QR the printed ticket carries.
import { useEffect, useState } from 'preact/hooks';
import type { TicketData } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';

export function TicketCard({ ticket }: { readonly ticket: TicketData }) {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The QR encoder loads only when paper failed: it stays out of the first screen's bundle.
    void import('uqr').then(({ renderSVG }) => live && setQr(renderSVG(ticket.bookingNumber, { border: 2 })));
    return () => {
      live = false;
    };
  }, [ticket.bookingNumber]);
  return (
    <section class="ticket-card" data-testid="ticket-on-screen">
      <div class="ticket-card__qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: qr ?? '' }} />
      <div>
        <div class="ticket-card__label">{t('done.bookingNumber')}</div>
        <div class="ticket-card__number">{ticket.bookingNumber}</div>
      </div>
    </section>
  );
}
