// The ticket as the patient sees it on screen: the fallback when paper fails,
// with the booking number large and the same check-in QR the printed ticket carries.
import { useEffect, useState } from 'preact/hooks';
import type { TicketData } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';

export function TicketCard({ ticket }: { readonly ticket: TicketData }) {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  // The same QR as the paper ticket: the signed check-in code (digits only), which the kiosk's own check-in reads
  // from a photo of this screen. A clinic without check-in codes gets no QR, not one that nothing can read.
  const code = ticket.checkInCode ?? null;
  useEffect(() => {
    let live = true;
    setQr(null);
    // The QR encoder loads only when paper failed: it stays out of the first screen's bundle.
    if (code !== null) void import('uqr').then(({ renderSVG }) => live && setQr(renderSVG(code, { border: 2 })));
    return () => {
      live = false;
    };
  }, [code]);
  return (
    <section class="ticket-card" data-testid="ticket-on-screen">
      {code !== null && <div class="ticket-card__qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: qr ?? '' }} />}
      <div>
        <div class="ticket-card__label">{t('done.bookingNumber')}</div>
        <div class="ticket-card__number">{ticket.bookingNumber}</div>
      </div>
    </section>
  );
}
