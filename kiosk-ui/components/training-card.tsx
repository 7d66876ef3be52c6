// Training mode on the attract screen: a full violet card above «Начать» (beside it in landscape), so a
// real patient who walks up reads that bookings here are not real, and whom to ask, before touching anything.
import '../i18n/training-strings';
import { useT } from '../i18n/translation-context';

export function TrainingCard() {
  const t = useT();
  return (
    <section class="training-card" data-testid="training-card" aria-labelledby="training-card-title">
      <h2 id="training-card-title" class="training-card__title">
        {t('training.attractTitle')}
      </h2>
      <p class="training-card__text">{t('training.attractText')}</p>
      <p class="training-card__text training-card__text--soft">{t('training.attractEnds')}</p>
    </section>
  );
}
