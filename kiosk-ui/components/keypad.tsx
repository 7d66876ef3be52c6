// The kiosk's own digit keypad: large keys, no native keyboard, no hover.
import { useT } from '../i18n/translation-context';

interface KeypadProps {
  readonly onDigit: (digit: string) => void;
  readonly onErase: () => void;
  readonly onClear: () => void;
  readonly disabled?: boolean;
  /** Show-me mode's step name when typing is what the patient should do next (components/show-me-guide.tsx). */
  readonly showMe?: string | undefined;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function Keypad({ onDigit, onErase, onClear, disabled = false, showMe }: KeypadProps) {
  const t = useT();
  return (
    // data-digit-entry / data-key: a tactile keypad's digits type here (accessibility/keypad-keys.ts).
    <div class="keypad" role="group" data-digit-entry data-show-me={disabled ? undefined : showMe}>
      {DIGITS.map((digit) => (
        <button key={digit} type="button" class="keypad__key" data-key={digit} disabled={disabled} onClick={() => onDigit(digit)} aria-label={t('identify.digitLabel', { digit })}>
          {digit}
        </button>
      ))}
      <button type="button" class="keypad__key keypad__key--action" data-key="clear" onClick={onClear}>
        {t('identify.clear')}
      </button>
      <button type="button" class="keypad__key" data-key="0" disabled={disabled} onClick={() => onDigit('0')} aria-label={t('identify.digitLabel', { digit: '0' })}>
        0
      </button>
      <button type="button" class="keypad__key keypad__key--action" data-key="erase" onClick={onErase}>
        <span aria-hidden="true">⌫</span> {t('identify.erase')}
      </button>
    </div>
  );
}
