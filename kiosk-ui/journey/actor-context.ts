// The running journey, available to shared chrome (display controls, dialogs)
// without threading it through every screen's props.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { JourneyActor } from './use-journey';

export const ActorContext = createContext<JourneyActor | null>(null);

export function useJourneyActor(): JourneyActor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error('useJourneyActor() outside <ActorContext.Provider>');
  return actor;
}
