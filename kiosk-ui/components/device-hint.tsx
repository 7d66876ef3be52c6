// «Вставьте полис ↓ или поднесите QR из Госуслуг»: said on the identify screen,
// in the place of «16 цифр — на полисе…» (components/policy-entry.tsx), only while the bridge reports a card reader or a scanner ready (its
// reader-status event, identity/device-events.ts), so nobody is sent to a
// device that is not there. The picture is a few flat shapes in the kiosk's
// colours (like help-picture.tsx): a policy going into a slot, a phone with a QR.
// Loaded with its strings only where a reader or scanner is ready (screens/identify-screen.tsx).
import type { IdentityDevices } from '../journey/types';
import '../i18n/device-strings';
import { useT } from '../i18n/translation-context';

const ink = { fill: 'none', stroke: 'var(--ink)', 'stroke-width': 5, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

/** The plastic policy above the reader's slot, with an arrow down into it. */
function CardIntoSlot() {
  return (
    <>
      <rect x="10" y="8" width="90" height="58" rx="8" {...ink} />
      <rect x="10" y="20" width="90" height="10" fill="var(--blue)" />
      <rect x="20" y="40" width="18" height="14" rx="3" fill="var(--ink)" />
      <path d="M55 74 v26 M45 90 l10 10 l10 -10" {...ink} />
      <rect x="4" y="108" width="102" height="14" rx="7" fill="var(--ink)" />
    </>
  );
}

/** A phone showing a QR code. */
function PhoneWithQr({ x }: { readonly x: number }) {
  const cells = [[0, 0], [2, 0], [1, 1], [0, 2], [2, 2], [3, 1], [1, 3], [3, 3]] as const;
  return (
    <g transform={`translate(${x} 0)`}>
      <rect x="8" y="4" width="64" height="118" rx="10" {...ink} />
      <rect x="18" y="30" width="44" height="44" fill="var(--paper)" stroke="var(--ink)" stroke-width="3" />
      {cells.map(([cx, cy]) => (
        <rect key={`${cx}${cy}`} x={22 + cx * 9} y={34 + cy * 9} width="8" height="8" fill="var(--ink)" />
      ))}
      <path d="M32 108 h16" {...ink} />
    </g>
  );
}

export function DeviceHint({ devices }: { readonly devices: IdentityDevices }) {
  const t = useT();
  if (!devices.card && !devices.scanner) return null;
  const which = devices.card && devices.scanner ? 'both' : devices.card ? 'card' : 'scanner';
  const width = devices.card && devices.scanner ? 200 : 110;
  return (
    <div class="device-hint" data-testid="device-hint" role="note">
      <svg class="device-hint__picture" viewBox={`0 0 ${width} 126`} width={width * 0.5} height={126 * 0.5} aria-hidden="true" focusable="false">
        {devices.card && <CardIntoSlot />}
        {devices.scanner && <PhoneWithQr x={devices.card ? 120 : 15} />}
      </svg>
      <p class="device-hint__text">
        {t(`identify.devices.${which}`)}
        <span class="device-hint__or"> {t('identify.devices.or')}</span>
      </p>
    </div>
  );
}
