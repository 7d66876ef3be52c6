// Training mode: «Учебная карта» between Back and Home on the identify screen
// opens the demo patients as large cards, one per kind of patient (an adult, a
// child, a temporary certificate, an old-style policy), each with a note of
// what it shows; a tap "inserts" one, and the bridge reports it like a card
// read (the journey moves on by its `identified` event). A button and a
// dialog, so it fits beside the keypad in either orientation.
import { useState } from 'preact/hooks';
import type { DemoCard } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';
import { lazyPart } from './lazy-part';

/** The dialog and its notes load on first use: patients at a real kiosk never need them. */
const DemoCardDialog = lazyPart(() => import('./demo-card-dialog').then((m) => m.DemoCardDialog));

interface DemoCardChooserProps {
  readonly patients: readonly DemoCard[];
  readonly disabled: boolean;
  readonly onInsert: (patient: number) => void;
}

export function DemoCardChooser({ patients, disabled, onInsert }: DemoCardChooserProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="button button--secondary button--nav demo-card-button" disabled={disabled} onClick={() => setOpen(true)}>
        <span aria-hidden="true">▭</span> {t('training.demoCards')}
      </button>
      {open && (
        <DemoCardDialog
          patients={patients}
          onClose={() => setOpen(false)}
          onInsert={(patient) => {
            setOpen(false);
            onInsert(patient);
          }}
        />
      )}
    </>
  );
}
