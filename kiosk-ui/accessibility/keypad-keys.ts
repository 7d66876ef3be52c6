// What each key of a tactile keypad means (README "Accessibility"), and the
// filter that keeps a keyboard-wedge barcode scanner's burst of keys from being
// taken for a patient's presses. Pure: no DOM; the runtime feeds it keydowns.
//
// The choice for the policy number: while focus is on the digit keypad
// (`[data-digit-entry]`), the numeric keypad's digits type digits, Backspace or
// Delete erases, and Enter means «Продолжить». Everywhere else 8/4 and 2/6 move
// like the arrows, 5 selects and 0 repeats the prompt. The arrow keys (and the
// numpad with Num Lock off, which sends them) always move, so a patient can
// always leave the number field; Enter/5 on a focused control always presses it.

export type KeypadCommand =
  | { readonly kind: 'move'; readonly by: -1 | 1 }
  | { readonly kind: 'select' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'volume'; readonly by: -1 | 1 }
  | { readonly kind: 'back' }
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'erase' }
  | { readonly kind: 'submit' };

export interface KeyPress {
  /** KeyboardEvent.key */
  readonly key: string;
  /** KeyboardEvent.timeStamp (ms) */
  readonly timeStamp: number;
}

const BACKWARD = new Set(['ArrowUp', 'ArrowLeft', 'PageUp']);
const FORWARD = new Set(['ArrowDown', 'ArrowRight', 'PageDown']);

/** The command of `key`; `digitEntry`: focus is on the number keypad. Null: not a keypad key (left to the browser). */
export function commandOf(key: string, digitEntry: boolean): KeypadCommand | null {
  if (BACKWARD.has(key)) return { kind: 'move', by: -1 };
  if (FORWARD.has(key)) return { kind: 'move', by: 1 };
  if (/^[0-9]$/.test(key) && digitEntry) return { kind: 'digit', digit: key };
  switch (key) {
    case '8':
    case '4':
      return { kind: 'move', by: -1 };
    case '2':
    case '6':
      return { kind: 'move', by: 1 };
    case '5':
    case 'Clear':
      return { kind: 'select' };
    case 'Enter':
      return digitEntry ? { kind: 'submit' } : { kind: 'select' };
    case '0':
    case 'Insert':
    case '.':
    case ',':
      return { kind: 'repeat' };
    case '+':
      return { kind: 'volume', by: 1 };
    case '-':
      return { kind: 'volume', by: -1 };
    case 'Escape':
    case '*':
      return { kind: 'back' };
    case 'Backspace':
    case 'Delete':
      return digitEntry ? { kind: 'erase' } : key === 'Backspace' ? { kind: 'back' } : null;
    default:
      return null;
  }
}

/** Keys a scanner never types: handled at once. Everything printable waits a moment to see whether a burst follows. */
const NAMED_KEY = /^(Arrow(Up|Down|Left|Right)|Escape|Backspace|Delete|Insert|Clear|PageUp|PageDown)$/;

export interface BurstFilter {
  push(press: KeyPress): void;
  /** Forgets held keys (the session ended). */
  reset(): void;
}

export interface BurstFilterOptions {
  /** Keys closer together than this are machine-fast (the wedge detector's figure, identity/wedge-scan-detector.ts). */
  readonly maxGapMs?: number;
  /** How long a printable key is held before it counts as pressed by a person. */
  readonly settleMs?: number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

/** Passes a person's presses to `deliver`, in order; a burst of two or more machine-fast keys is dropped whole. */
export function createBurstFilter(deliver: (press: KeyPress) => void, options: BurstFilterOptions = {}): BurstFilter {
  const maxGapMs = options.maxGapMs ?? 35;
  const settleMs = options.settleMs ?? 60;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let held: KeyPress[] = [];
  let burst = false;
  let timer: unknown = null;
  const settle = () => {
    timer = null;
    const keys = held;
    const wasBurst = burst;
    held = [];
    burst = false;
    if (!wasBurst) keys.forEach(deliver);
  };
  return {
    push(press) {
      if (NAMED_KEY.test(press.key) && held.length === 0) return deliver(press);
      const last = held.at(-1);
      if (last && press.timeStamp - last.timeStamp < maxGapMs) burst = true;
      held.push(press);
      if (timer !== null) clearTimer(timer);
      timer = setTimer(settle, settleMs);
    },
    reset() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      held = [];
      burst = false;
    },
  };
}
