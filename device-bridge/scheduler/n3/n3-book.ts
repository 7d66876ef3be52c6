// What the bridge keeps for a HubService, which has no hold: the slots it has
// shown (a hold needs the slot's doctor and time), the holds themselves, the
// confirms by client key, and the appointments it booked or cancelled. One
// book per bridge: every N3Scheduler of the bridge shares it, so two screens of
// one kiosk never hold the same slot. Another kiosk on the same hub does not
// see these holds: the hub settles that race at confirm (slot-taken).
// Holds no names, birth dates or policy numbers: ids, times and doctors only.
import { createHash } from 'node:crypto';
import type { Appointment, Slot, WaitingListEntry } from '../scheduler-port';
import type { KeyedConfirm, N3KeyStore } from './n3-key-store';

export interface BookHold {
  readonly id: string;
  readonly slot: Slot;
  readonly patientId: string;
  readonly expiresAtMs: number;
  /** `sent`: SetAppointment went out and its answer may have been lost; the history says whether it booked. */
  state: 'held' | 'sent' | 'confirmed';
}

/** Most slots remembered; the oldest are forgotten first (a patient lists again). */
const MAX_SLOTS = 20_000;

export class N3Book {
  readonly slots = new Map<string, Slot>();
  readonly holds = new Map<string, BookHold>();
  private readonly keyMemory = new Map<string, KeyedConfirm>();
  /** Appointments this bridge booked, by appointment id (= the hub's IdAppointment = the slot id). */
  readonly booked = new Map<string, Appointment>();
  readonly cancelled = new Map<string, Appointment>();
  readonly waiting = new Map<string, WaitingListEntry>();
  /** One SetAppointment per hold at a time: a retry waits for the call already out. */
  readonly confirming = new Map<string, Promise<unknown>>();

  /** `keyStore`: where confirms' client keys outlive a restart (none: memory only, e.g. in tests). */
  constructor(private readonly keyStore: N3KeyStore | null = null) {}

  /** The confirm a client key made, from memory or (after a restart) from disk. */
  confirmOf(clientKey: string): KeyedConfirm | null {
    return this.keyMemory.get(clientKey) ?? this.keyStore?.get(clientKey) ?? null;
  }

  recordConfirm(clientKey: string, confirm: KeyedConfirm): void {
    this.keyMemory.set(clientKey, confirm);
    this.keyStore?.set(clientKey, confirm);
  }

  close(): void {
    this.keyStore?.close();
  }

  remember(slots: readonly Slot[]): void {
    for (const s of slots) {
      this.slots.delete(s.id);
      this.slots.set(s.id, s);
    }
    for (const id of this.slots.keys()) {
      if (this.slots.size <= MAX_SLOTS) break;
      this.slots.delete(id);
    }
  }

  /** The live hold on a slot, if any (expired ones are dropped here). */
  liveHoldOn(slotId: string, nowMs: number): BookHold | null {
    for (const h of this.holds.values()) {
      // Expired holds go now; confirmed ones an hour after they would have expired (their key is kept apart).
      if (h.expiresAtMs + (h.state === 'confirmed' ? 3_600_000 : 0) <= nowMs) this.holds.delete(h.id);
      else if (h.slot.id === slotId && h.state !== 'confirmed') return h;
    }
    return null;
  }

  /** A slot this bridge has booked (and not cancelled) or holds: not offered to anyone else. */
  isTaken(slotId: string, nowMs: number): boolean {
    return this.booked.has(slotId) || this.liveHoldOn(slotId, nowMs) !== null;
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `Н-7K2M-9QXD` (Cyrillic Н, like the other adapters' З-/Ф-): short and stable for one hub appointment (a retried confirm prints the same). */
export function n3BookingNumber(appointmentId: string): string {
  const digest = createHash('sha256').update(`n3:${appointmentId}`).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[digest[i]! % 32];
  return `Н-${s.slice(0, 4)}-${s.slice(4)}`;
}
