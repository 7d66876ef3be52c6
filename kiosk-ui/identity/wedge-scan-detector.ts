// Tells a keyboard-wedge barcode scanner from a person at a keyboard. A wedge
// scanner "types" what it reads as key presses, much faster than any human,
// and ends with Enter; the digital policy's QR (Госуслуги) holds a 16-digit
// ЕНП somewhere in its text (docs/domain/oms-policy.md §4). Pure: no DOM, no
// timers; the caller feeds it each key with the event's timestamp.
//
// Keys are KeyboardEvent.key values. Modifier keys (Shift, which scanners send
// for capitals) are ignored. Digits reach the page the same under the Russian
// and the Latin layout; letters do not, so only the digits are relied on.
// A wedge scanner cannot carry the paper policy's binary PDF417: that needs a
// serial / USB-CDC scanner on the bridge.

export interface WedgeScanOptions {
  /** Keys closer together than this (ms) are machine-fast. People manage ~80–200 ms between keys. */
  readonly maxGapMs?: number;
  /** A burst shorter than this is not taken for a scan. */
  readonly minLength?: number;
}

export interface WedgeKey {
  /** KeyboardEvent.key: `'7'`, `'Enter'`, `'Shift'`, … */
  readonly key: string;
  /** KeyboardEvent.timeStamp (ms). */
  readonly timeStamp: number;
}

export type WedgeVerdict =
  /** Nothing decided yet: the key is held as a possible scan. */
  | { readonly kind: 'pending' }
  /** A scan ended with Enter. `enp` is the 16-digit policy number in it, or null for some other code. */
  | { readonly kind: 'scan'; readonly text: string; readonly enp: string | null }
  /** These keys were typed by a person (or are not a scan): handle them as ordinary input, or ignore them. */
  | { readonly kind: 'typed'; readonly text: string }
  /** A key that is neither (a modifier), or Enter with nothing held. */
  | { readonly kind: 'ignored' };

export interface WedgeScanDetector {
  /** Feeds one keydown. The verdict is about the held keys *before* this key when the burst broke off. */
  push(key: WedgeKey): WedgeVerdict;
  /** Call when no key came for a while: held keys without an Enter are typing. */
  flush(now: number): WedgeVerdict;
  reset(): void;
}

export const DEFAULT_WEDGE_MAX_GAP_MS = 35;
export const DEFAULT_WEDGE_MIN_LENGTH = 8;

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);
const ENP_IN_TEXT = /(?<!\d)\d{16}(?!\d)/;

/** The 16-digit ЕНП in a scanned text (a bare number, or a QR payload around it), or null. */
export function enpFromScanText(text: string): string | null {
  return ENP_IN_TEXT.exec(text)?.[0] ?? null;
}

export function createWedgeScanDetector(options: WedgeScanOptions = {}): WedgeScanDetector {
  const maxGapMs = options.maxGapMs ?? DEFAULT_WEDGE_MAX_GAP_MS;
  const minLength = options.minLength ?? DEFAULT_WEDGE_MIN_LENGTH;
  let held = '';
  let lastAt = -Infinity;

  // Held keys are always a machine-fast run: a slow gap releases them as typing at once.
  const take = (): string => {
    const text = held;
    held = '';
    return text;
  };

  return {
    push({ key, timeStamp }) {
      if (MODIFIERS.has(key)) return { kind: 'ignored' };
      const gap = timeStamp - lastAt;
      const quick = gap >= 0 && gap < maxGapMs;

      if (key === 'Enter') {
        lastAt = timeStamp;
        if (held.length === 0) return { kind: 'ignored' };
        const isScan = quick && held.length >= minLength;
        const text = take();
        return isScan ? { kind: 'scan', text, enp: enpFromScanText(text) } : { kind: 'typed', text };
      }

      if ([...key].length !== 1) {
        // Backspace, Tab, arrows: a person at a keyboard.
        lastAt = timeStamp;
        return held.length > 0 ? { kind: 'typed', text: take() } : { kind: 'ignored' };
      }

      lastAt = timeStamp;
      if (held.length > 0 && !quick) {
        // A human pause: what was held is typing; this key may start a new burst.
        const text = take();
        held = key;
        return { kind: 'typed', text };
      }
      held += key;
      return { kind: 'pending' };
    },

    flush(now) {
      if (held.length === 0) return { kind: 'ignored' };
      if (now - lastAt < maxGapMs) return { kind: 'pending' };
      return { kind: 'typed', text: take() };
    },

    reset() {
      take();
      lastAt = -Infinity;
    },
  };
}
