// «Готово» (the main action) and «Записаться к другому врачу» on the done screen when the ticket printed.
// When it did not, «Готово» moves to the bottom bar beside «Позвать волонтёра» (done-screen.tsx) and only
// «Записаться к другому врачу» stays in the screen, under «Напечатать ещё раз».
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from '../screens/screen-props';

export function DoneChoices({ send }: Pick<ScreenProps, 'send'>) {
  const t = useT();
  return (
    <div class="choice-pair">
      <button type="button" class="button button--primary" data-show-me="done" onClick={() => send({ type: 'FINISH' })}>
        {t('done.finish')}
      </button>
      <BookAnotherButton send={send} />
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
