// Subscribes a component to the journey (the ~10-line hook from the stack
// notes; @xstate/react would pull in real React). It follows the shell and the
// part of the visit that runs, as one view (journey-view.ts).
import { useCallback } from 'preact/hooks';
import { useExternalStore } from '../components/use-external-store';
import { journeyView, watchJourney, type JourneyActor, type JourneyView } from './journey-view';

export type { JourneyActor, JourneyView } from './journey-view';

export function useJourney(actor: JourneyActor): JourneyView {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = watchJourney(actor, onChange);
      return () => subscription.unsubscribe();
    },
    [actor],
  );
  const read = useCallback(() => journeyView(actor), [actor]);
  return useExternalStore(subscribe, read);
}
