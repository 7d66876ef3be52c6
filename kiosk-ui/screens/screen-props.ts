import type { JourneyEvent } from '../journey/types';
import type { JourneyView } from '../journey/journey-view';

export interface ScreenProps {
  readonly view: JourneyView;
  readonly send: (event: JourneyEvent) => void;
}
