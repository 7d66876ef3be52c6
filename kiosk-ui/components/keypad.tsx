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
    <div class="keypad" role="group" data-show-me={disabled ? undefined : showMe}>
      {DIGITS.map((digit) => (
        <button key={digit} type="button" class="keypad__key" disabled={disabled} onClick={() => onDigit(digit)} aria-label={t('identify.digitLabel', { digit })}>
          {digit}
        </button>
      ))}
      <button type="button" class="keypad__key keypad__key--action" onClick={onClear}>
        {t('identify.clear')}
      </button>
      <button type="button" class="keypad__key" disabled={disabled} onClick={() => onDigit('0')} aria-label={t('identify.digitLabel', { digit: '0' })}>
        0
      </button>
      <button type="button" class="keypad__key keypad__key--action" onClick={onErase}>
        <span aria-hidden="true">⌫</span> {t('identify.erase')}
      </button>
    </div>
  );
}
