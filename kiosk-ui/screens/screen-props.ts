import type { JourneyEvent } from '../journey/journey-machine';
import type { JourneySnapshot } from '../journey/use-journey';

export interface ScreenProps {
  readonly snapshot: JourneySnapshot;
  readonly send: (event: JourneyEvent) => void;
}
