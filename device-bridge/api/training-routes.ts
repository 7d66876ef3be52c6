// Training mode over HTTP: the on-screen "insert a demo card" button. It
// starts a sandbox session for a demo patient and announces it on the event
// stream exactly as a card read does, so the volunteer shows the card path
// without a card. Turning training on and off is the volunteer PIN's (service
// login); the state reaches the UI in `KioskInfo.training`.
import type { BridgeEvent } from '../contract/events';
import { err, ok } from '../contract/result';
import type { TrainingMode } from '../training/training-mode';
import { handle, type RouteRegistrar } from './route-helpers';

export function trainingRoutes(deps: { readonly training: TrainingMode; readonly publish: (event: BridgeEvent) => void }): RouteRegistrar {
  return (app) => {
    handle(app, 'insertDemoCard', async ({ body }) => {
      const booking = deps.training.booking();
      if (!booking) return err({ kind: 'training-off' });
      const policy = deps.training.demoPolicy(body.patient);
      if (policy === null) return err({ kind: 'demo-patient-not-found' });
      const started = await booking.startSession(policy, 'card');
      if (!started.ok) return err({ kind: 'unavailable', cause: started.error.kind });
      deps.publish({ type: 'identified', channel: 'card', session: started.value });
      return ok(started.value);
    });
  };
}
