// One fan-out point for device and booking events: devices publish, WebSocket
// clients (the UI) subscribe. Keeps the latest event of each type so a UI that
// (re)connects learns the current state at once.
import type { BridgeEvent } from '../contract';

export interface EventHub {
  publish(event: BridgeEvent): void;
  /** Calls `listener` with the latest event of each (non-transient) type, then with every new one. Returns unsubscribe. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

/**
 * Events about one moment, not a state: never replayed to a client that
 * connects later (a reconnecting UI must not receive a previous patient's session).
 */
export const TRANSIENT_EVENT_TYPES: ReadonlySet<BridgeEvent['type']> = new Set<BridgeEvent['type']>(['identified', 'identity-error', 'assistance-call']);

export function createEventHub(): EventHub {
  const latest = new Map<BridgeEvent['type'], BridgeEvent>();
  const listeners = new Set<(event: BridgeEvent) => void>();
  return {
    publish(event) {
      if (!TRANSIENT_EVENT_TYPES.has(event.type)) latest.set(event.type, event);
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      for (const event of latest.values()) listener(event);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
