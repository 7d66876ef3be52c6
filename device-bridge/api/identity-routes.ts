// Identification devices over HTTP: the readers' status, and for service mode
// the virtual OMS card (insert a patient's test card, pull it out) behind the
// service token. Card and scan reads themselves reach the UI as events on /api/events.
import type { FastifyReply } from 'fastify';
import type { IdentityReaders } from '../readers/identity-readers';
import type { VirtualCardController } from '../readers/virtual-card-controller';
import { virtualCardInsertRequest, type VirtualCardError, type VirtualCardResult, type VirtualCardState } from './contract';
import type { ServiceTokenGuard } from '../service/service-routes';
import type { RouteRegistrar } from './route-helpers';

const HTTP_STATUS: Record<VirtualCardError['kind'], number> = {
  'invalid-request': 400,
  'reader-not-virtual': 409,
  'vpcd-unreachable': 503,
  'reader-not-polling': 503,
};

function sendCard(reply: FastifyReply, result: VirtualCardResult<VirtualCardState>): FastifyReply {
  return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).send(result);
}

export interface IdentityRoutesOptions {
  readonly readers: IdentityReaders;
  readonly virtualCard: VirtualCardController;
  /** The service token check: a test card can only be put in by someone who knows the service PIN. */
  readonly serviceGuard: ServiceTokenGuard;
}

export function identityRoutes(deps: IdentityRoutesOptions): RouteRegistrar {
  const guarded = { preHandler: deps.serviceGuard };
  return (app) => {
    app.get('/api/readers/status', async () => ({ ok: true, value: deps.readers.status() }));

    app.get('/api/service/virtual-card', guarded, async (_request, reply) => sendCard(reply, deps.virtualCard.state()));

    app.post('/api/service/virtual-card/insert', guarded, async (request, reply) => {
      const parsed = virtualCardInsertRequest.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return sendCard(reply, {
          ok: false,
          error: { kind: 'invalid-request', field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' },
        });
      }
      return sendCard(reply, await deps.virtualCard.insert(parsed.data.policyNumber, parsed.data.behaviour));
    });

    app.post('/api/service/virtual-card/remove', guarded, async (_request, reply) => sendCard(reply, await deps.virtualCard.remove()));
  };
}
