// POST /api/memo/print: the памятка «Как записаться к врачу через инфомат»
// from the attract screen, printed by the ticket printer (printer/ticket-printer.ts).
// No session (nobody identified yet); the kiosk token and the Host/Origin guard
// apply as to every mutating call (server.ts).
import type { TicketPrinter } from '../printer/ticket-printer';
import { memoPrintRequest, type MemoPrintAnswer } from './contract';
import { parseBody, type RouteRegistrar } from './route-helpers';

const HTTP_STATUS: Record<Extract<MemoPrintAnswer, { ok: false }>['error']['kind'], number> = {
  'invalid-request': 400,
  'memo-disabled': 404,
};

export function memoRoutes(tickets: Pick<TicketPrinter, 'memo'>): RouteRegistrar {
  return (app) => {
    app.post('/api/memo/print', async (request, reply) => {
      const body = parseBody(memoPrintRequest, request.body);
      if (!body.ok) return reply.code(HTTP_STATUS['invalid-request']).send(body);
      const answer: MemoPrintAnswer = await tickets.memo(body.value.language);
      // A printer that failed is still a 200: the outcome is the answer (`failed` with the printer status), as for tickets.
      return reply.code(answer.ok ? 200 : HTTP_STATUS[answer.error.kind]).send(answer);
    });
  };
}
