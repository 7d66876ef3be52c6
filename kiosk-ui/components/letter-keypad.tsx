// The keypad for an old-style policy's series and number: the Russian
// alphabet in its school order (easier to find a letter in than ЙЦУКЕН for
// someone who never typed), the ten digits, a space between series and
// number, erase and clear. Large keys, no native keyboard, no hover. Loaded
// only when a patient picks «Полис старого образца» (components/lazy-part.tsx).
import './letter-keypad.css';
import { useT } from '../i18n/translation-context';

const ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const DIGITS = '1234567890';

export interface LetterKeypadProps {
  readonly onLetter: (letter: string) => void;
  readonly onDigit: (digit: string) => void;
  readonly onSpace: () => void;
  readonly onErase: () => void;
  readonly onClear: () => void;
  /** No room for another character, or the number is being checked. */
  readonly full: boolean;
}

export function LetterKeypad({ onLetter, onDigit, onSpace, onErase, onClear, full }: LetterKeypadProps) {
  const t = useT();
  return (
    <div class="letter-keypad" role="group" aria-label={t('identify.letterKeypad')}>
      <div class="letter-keypad__letters">
        {Array.from(ALPHABET, (letter) => (
          <button key={letter} type="button" class="keypad__key letter-keypad__key" disabled={full} onClick={() => onLetter(letter)} aria-label={t('identify.letterLabel', { letter })}>
            {letter}
          </button>
        ))}
      </div>
      <div class="letter-keypad__digits">
        {Array.from(DIGITS, (digit) => (
          <button key={digit} type="button" class="keypad__key letter-keypad__key" disabled={full} onClick={() => onDigit(digit)} aria-label={t('identify.digitLabel', { digit })}>
            {digit}
          </button>
        ))}
      </div>
      <div class="letter-keypad__actions">
        <button type="button" class="keypad__key keypad__key--action letter-keypad__space" disabled={full} onClick={onSpace}>
          {t('identify.space')}
        </button>
        <button type="button" class="keypad__key keypad__key--action" onClick={onErase}>
          <span aria-hidden="true">⌫</span> {t('identify.erase')}
        </button>
        <button type="button" class="keypad__key keypad__key--action" onClick={onClear}>
          {t('identify.clear')}
        </button>
      </div>
    </div>
  );
}
