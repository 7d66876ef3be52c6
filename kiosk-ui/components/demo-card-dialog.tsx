// The demo cards of training mode, one per kind of patient, each with a note of what it shows
// (demo-card-chooser.tsx opens it; it loads with training mode's strings on first use).
import '../i18n/training-strings';
import type { DemoCard } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';

export interface DemoCardDialogProps {
  readonly patients: readonly DemoCard[];
  readonly onInsert: (patient: number) => void;
  readonly onClose: () => void;
}

export function DemoCardDialog({ patients, onInsert, onClose }: DemoCardDialogProps) {
  const t = useT();
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="demo-cards-title">
        <h2 id="demo-cards-title" class="dialog__title">
          {t('training.demoCardsTitle')}
        </h2>
        {patients.map((patient, index) => (
          <button key={patient.displayName} type="button" class="button button--secondary button--wide demo-card" onClick={() => onInsert(index)}>
            <span class="demo-card__name">{patient.displayName}</span>
            {patient.kind && <span class="demo-card__note">{t(`training.demoKind.${patient.kind}`)}</span>}
          </button>
        ))}
        <button type="button" class="button button--primary button--wide" onClick={onClose} autoFocus>
          {t('training.demoCardsClose')}
        </button>
      </div>
    </div>
  );
}
