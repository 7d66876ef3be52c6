// «Готово» and «Записаться к другому врачу» on the done screen; «Готово» is the main action when the ticket printed.
// When it did not, «Готово» moves to the bottom bar beside «Позвать волонтёра» (done-screen.tsx) and only
// «Записаться к другому врачу» stays in the screen, under «Напечатать ещё раз».
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from '../screens/screen-props';

export function DoneChoices({ send, primary, disabled = false }: Pick<ScreenProps, 'send'> & { primary: 'finish' | null; disabled?: boolean }) {
  const t = useT();
  return (
    <div class="choice-pair">
      <button
        type="button"
        class={primary === 'finish' ? 'button button--primary' : 'button button--secondary'}
        data-show-me="done"
        disabled={disabled}
        onClick={() => send({ type: 'FINISH' })}
      >
        {t('done.finish')}
      </button>
      <BookAnotherButton send={send} disabled={disabled} />
    </div>
  );
}

export function BookAnotherButton({ send, disabled = false, wide = false }: Pick<ScreenProps, 'send'> & { disabled?: boolean; wide?: boolean }) {
  const t = useT();
  return (
    <button type="button" class={`button button--secondary${wide ? ' button--wide' : ''}`} disabled={disabled} onClick={() => send({ type: 'BOOK_ANOTHER' })}>
      {t('done.bookAnother')}
    </button>
  );
}
