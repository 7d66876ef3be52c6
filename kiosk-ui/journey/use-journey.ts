// Subscribes a component to the journey actor (the ~10-line hook from the stack
// notes; @xstate/react would pull in real React).
import { useSyncExternalStore } from 'preact/compat';
import type { Actor, SnapshotFrom } from 'xstate';
import type { JourneyMachine } from './journey-machine';

export type JourneyActor = Actor<JourneyMachine>;
export type JourneySnapshot = SnapshotFrom<JourneyMachine>;

export function useJourney(actor: JourneyActor): JourneySnapshot {
  return useSyncExternalStore(
    (onChange) => {
      const subscription = actor.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    () => actor.getSnapshot(),
  );
}
