// Renders the one screen that matches the journey's state. No screen keeps
// state of its own that outlives a session: the machine's context is the truth.
import { useT } from './i18n/translation-context';
import type { JourneyActor } from './journey/use-journey';
import { useJourney } from './journey/use-journey';
import { AttractScreen } from './screens/attract-screen';
import { BusyScreen } from './screens/busy-screen';
import { DoneScreen } from './screens/done-screen';
import { FailedScreen } from './screens/failed-screen';
import { IdentifyScreen } from './screens/identify-screen';
import { ReviewScreen } from './screens/review-screen';
import { SlotScreen } from './screens/slot-screen';
import { SpecialtyScreen } from './screens/specialty-screen';

export function App({ actor }: { readonly actor: JourneyActor }) {
  const t = useT();
  const snapshot = useJourney(actor);
  const props = { snapshot, send: actor.send.bind(actor) };
  const at = (state: string) => snapshot.matches({ session: state } as never);

  if (snapshot.matches('attract') || at('ending')) return <AttractScreen {...props} />;
  if (at('identify') || at('identifying')) return <IdentifyScreen {...props} />;
  if (at('loadingSpecialties')) return <BusyScreen {...props} message={t('app.loading')} step="specialty" />;
  if (at('specialty')) return <SpecialtyScreen {...props} />;
  if (at('loadingSlots') || at('holding')) return <BusyScreen {...props} message={t('app.loading')} step="slot" />;
  if (at('slot')) return <SlotScreen {...props} />;
  if (at('review') || at('booking')) return <ReviewScreen {...props} />;
  if (at('printing')) return <BusyScreen {...props} message={t('printing.progress')} step="ticket" />;
  if (at('done')) return <DoneScreen {...props} />;
  return <FailedScreen {...props} />;
}
