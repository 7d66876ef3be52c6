// Device input that reaches the journey without a tap: bridge events (printer
// status, a card or scanner read on the bridge) and a keyboard-wedge scanner
// typing a digital policy's QR into the page.
import type { BridgeEvent, ReaderStatusEvent } from '../../device-bridge/contract';
import type { IdentityDevices } from '../journey/types';
import type { JourneyActor } from '../journey/use-journey';
import { isTicketCode } from '../../device-bridge/contract/check-in';
import { createWedgeScanDetector } from './wedge-scan-detector';

/** A card reader that is there and polling (or busy with a card), a scanner whose port is open. */
export function identityDevicesOf(event: Pick<ReaderStatusEvent, 'card' | 'scanners'>): IdentityDevices {
  return {
    card: event.card.state === 'ready' || event.card.state === 'reading' || event.card.state === 'card-present',
    scanner: event.scanners.some((scanner) => scanner.state === 'open'),
  };
}

export function journeyEventFromBridge(actor: JourneyActor, event: BridgeEvent): void {
  switch (event.type) {
    case 'printer-status':
      actor.send({ type: 'PRINTER_STATUS', status: event.status });
      return;
    case 'identified':
      actor.send({ type: 'IDENTIFIED', session: event.session });
      return;
    case 'kiosk-info':
      // A config reload on the bridge: new timeouts, clinic texts, touch size.
      actor.send({ type: 'KIOSK_INFO', kiosk: event.kiosk });
      return;
    case 'identity-error':
      actor.send({ type: 'IDENTITY_ERROR', problem: { reason: event.reason, message: event.message } });
      return;
    case 'reader-status':
      // What the identify screen may offer: «Вставьте полис» only when a reader would take it.
      actor.send({ type: 'READER_STATUS', devices: identityDevicesOf(event) });
      return;
    default:
      // A volunteer call is answered by the dialog, not by the journey.
      return;
  }
}

/** A burst of keys faster than a person types, ending in Enter, is a scan: its ЕНП (or a ticket's check-in code) goes to the journey. */
export function listenForWedgeScans(actor: JourneyActor, target: Document = document): () => void {
  const detector = createWedgeScanDetector();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const onKey = (event: KeyboardEvent) => {
    const verdict = detector.push({ key: event.key, timeStamp: event.timeStamp });
    // A kiosk ticket's QR (check-in on arrival) is digits only, like a policy, but never a bare 16-digit run.
    if (verdict.kind === 'scan' && isTicketCode(verdict.text)) actor.send({ type: 'TICKET_SCANNED', code: verdict.text });
    else if (verdict.kind === 'scan' && verdict.enp) actor.send({ type: 'SCANNED', policyNumber: verdict.enp });
    clearTimeout(idle);
    idle = setTimeout(() => detector.flush(performance.now()), 200);
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
