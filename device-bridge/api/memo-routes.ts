// POST /api/memo/print: the памятка «Как записаться к врачу через инфомат»
// from the attract screen, printed by the ticket printer (printer/ticket-printer.ts).
// No session (nobody identified yet); the kiosk token and the Host/Origin guard
// apply as to every mutating call (server.ts).
import type { TicketPrinter } from '../printer/ticket-printer';
import { handle, type RouteRegistrar } from './route-helpers';

export function memoRoutes(tickets: Pick<TicketPrinter, 'memo'>): RouteRegistrar {
  // A printer that failed is still a 200: the outcome is the answer (`failed` with the printer status), as for tickets.
  return (app) => handle(app, 'printMemo', async ({ body }) => tickets.memo(body.language));
}
