import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../contract';
import { createEventHub } from './event-hub';

const session = { sessionId: 's-1', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } };

describe('event hub', () => {
  it('tells a newly connected client the current printer and reader status', () => {
    const hub = createEventHub();
    hub.publish({ type: 'printer-status', status: { state: 'ready' } });
    hub.publish({ type: 'reader-status', card: { state: 'no-reader' }, scanners: [] });
    const seen: BridgeEvent[] = [];
    hub.subscribe((event) => seen.push(event));
    expect(seen.map((e) => e.type)).toEqual(['printer-status', 'reader-status']);
  });

  it("never hands a previous patient's identification to a client that connects later", () => {
    const hub = createEventHub();
    const live: BridgeEvent[] = [];
    hub.subscribe((event) => live.push(event));
    hub.publish({ type: 'identified', channel: 'card', session });
    hub.publish({ type: 'identity-error', channel: 'barcode', reason: 'bad-barcode', message: 'Штрихкод не прочитан' });
    // The client that was connected saw both, as they happened.
    expect(live.map((e) => e.type)).toEqual(['identified', 'identity-error']);

    const reconnected: BridgeEvent[] = [];
    hub.subscribe((event) => reconnected.push(event));
    expect(reconnected).toEqual([]);
    expect(JSON.stringify(reconnected)).not.toContain('Иванова');
  });

  it('never replays a volunteer call: a listener that connects later must not send help to a patient long gone', () => {
    const hub = createEventHub();
    const live: BridgeEvent[] = [];
    hub.subscribe((event) => live.push(event));
    hub.publish({ type: 'assistance-call', screen: 'failed', at: '2026-11-23T07:00:00.000Z' });
    expect(live.map((e) => e.type)).toEqual(['assistance-call']);
    const later: BridgeEvent[] = [];
    hub.subscribe((event) => later.push(event));
    expect(later).toEqual([]);
  });
});
