// Identification devices over HTTP, for service mode: the readers' status, and
// the virtual OMS card (insert a patient's test card, pull it out). Card and
// scan reads themselves reach the UI as events on /api/events.
import type { FastifyReply } from 'fastify';
import type { IdentityReaders } from '../readers/identity-readers';
import type { VirtualCardController } from '../readers/virtual-card-controller';
import { virtualCardInsertRequest, type VirtualCardError, type VirtualCardResult, type VirtualCardState } from './contract';
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

export function identityRoutes(deps: { readonly readers: IdentityReaders; readonly virtualCard: VirtualCardController }): RouteRegistrar {
  return (app) => {
    app.get('/api/readers/status', async () => ({ ok: true, value: deps.readers.status() }));

    app.get('/api/virtual-card', async (_request, reply) => sendCard(reply, deps.virtualCard.state()));

    app.post('/api/virtual-card/insert', async (request, reply) => {
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

    app.post('/api/virtual-card/remove', async (_request, reply) => sendCard(reply, await deps.virtualCard.remove()));
  };
}
