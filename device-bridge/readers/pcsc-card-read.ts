// One read of an inserted card over the PC/SC host: connect, the APDU
// sequence of oms-card-apdu.ts, disconnect; what went wrong becomes a
// CardReadOutcome. Failures of the transport keep a `transport:` prefix so the
// reader can tell a pulled card from a bad one (pcsc-card-reader.ts).
import type { CardReadOutcome } from './card-reader';
import { readOmsOwner, type CardReadError, type OmsCardLayout, type Transmit } from './oms-card-apdu';
import type { PcscHost } from './pcsc-host-client';

/** One read of an inserted card: connect, the APDU sequence, disconnect. */
export async function readCard(host: PcscHost, reader: string, layout: OmsCardLayout): Promise<CardReadOutcome> {
  let protocol: number;
  try {
    protocol = await host.connect(reader);
  } catch (cause) {
    return { kind: 'failed', reason: 'card-unreadable', detail: `transport: connect: ${(cause as Error).message}` };
  }
  const transmit: Transmit = (capdu) => host.transmit(reader, protocol, capdu);
  const result = await readOmsOwner(transmit, layout);
  await host.disconnect(reader).catch(() => undefined);
  if (result.ok) return { kind: 'read', owner: result.value };
  return failureOf(result.error);
}

function failureOf(error: CardReadError): CardReadOutcome {
  switch (error.kind) {
    case 'not-oms':
      return { kind: 'failed', reason: 'unknown-card', detail: `${error.step} answered ${error.sw}` };
    case 'unreadable':
      return { kind: 'failed', reason: 'card-unreadable', detail: error.detail };
    case 'transport':
      return { kind: 'failed', reason: 'card-unreadable', detail: `transport: ${error.detail}` };
  }
}
