import { ScreenFrame, type BookingStep } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

/** Shown while the journey waits for the bridge; no buttons, nothing to tap twice. `message` is a translation key. */
export function BusyScreen({ view, message, step }: ScreenProps & { readonly message: string; readonly step?: BookingStep }) {
  const t = useT();
  const { patient, kiosk } = view.context;
  return (
    <ScreenFrame name="busy" title={t(message)} clinicName={kiosk?.clinic.name} patient={patient} {...(step ? { step } : {})}>
      <div class="spinner" role="status" aria-label={t('app.loading')} />
    </ScreenFrame>
  );
}
