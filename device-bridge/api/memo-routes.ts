// POST /api/memo/print: the памятка «Как записаться к врачу через инфомат»
// from the attract screen. No session (nobody identified yet); the kiosk token
// and the Host/Origin guard apply as to every mutating call (server.ts).
import type { MemoPrinting } from '../memo/memo-printing';
import { handle, type RouteRegistrar } from './route-helpers';

export function memoRoutes(memo: MemoPrinting): RouteRegistrar {
  // A printer that failed is still a 200: the outcome is the answer (`failed` with the printer status), as for tickets.
  return (app) => handle(app, 'printMemo', async ({ body }) => memo.print(body.language));
}
