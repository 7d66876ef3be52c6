// «Позвать волонтёра»: on every dead end and in help. It only asks the journey
// to open the volunteer dialog over the screen; the patient stays where they are.
import type { AssistanceScreen } from '../../device-bridge/contract/assistance-screens';
import { useT } from '../i18n/translation-context';
import { useJourneyActor } from '../journey/actor-context';

interface CallVolunteerButtonProps {
  /** One of the names the bridge counts by name (device-bridge/contract/assistance-screens.ts). */
  readonly screen: AssistanceScreen;
  /** Called first (help closes itself before the volunteer dialog opens). */
  readonly onCall?: () => void;
  /** In a screen's footer, between Back and Home, instead of full width in its body. */
  readonly nav?: boolean;
}

export function CallVolunteerButton({ screen, onCall, nav = false }: CallVolunteerButtonProps) {
  const t = useT();
  const actor = useJourneyActor();
  return (
    <button
      type="button"
      class={`button button--secondary button--assist ${nav ? 'button--nav' : 'button--wide'}`}
      onClick={() => {
        onCall?.();
        actor.send({ type: 'CALL_ASSISTANCE', screen });
      }}
    >
      {t('assistance.call')}
    </button>
  );
}
