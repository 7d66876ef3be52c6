// Identification devices over HTTP: the readers' status, and for service mode
// the virtual OMS card (insert a patient's test card, pull it out) behind the
// service token. Card and scan reads themselves reach the UI as events on /api/events.
import { ok } from '../contract/result';
import type { IdentityReaders } from '../readers/identity-readers';
import type { VirtualCardController } from '../readers/virtual-card-controller';
import type { ServiceTokenGuard } from '../service/service-routes';
import { handle, type RouteRegistrar } from './route-helpers';

export interface IdentityRoutesOptions {
  readonly readers: IdentityReaders;
  readonly virtualCard: VirtualCardController;
  /** The service token check: a test card can only be put in by someone who knows the service PIN. */
  readonly serviceGuard: ServiceTokenGuard;
}

export function identityRoutes(deps: IdentityRoutesOptions): RouteRegistrar {
  const guarded = { preHandler: deps.serviceGuard };
  return (app) => {
    handle(app, 'readersStatus', async () => ok(deps.readers.status()));
    handle(app, 'virtualCard', async () => deps.virtualCard.state(), guarded);
    handle(app, 'virtualCardInsert', async ({ body }) => deps.virtualCard.insert(body.policyNumber, body.behaviour), guarded);
    handle(app, 'virtualCardRemove', async () => deps.virtualCard.remove(), guarded);
  };
}
