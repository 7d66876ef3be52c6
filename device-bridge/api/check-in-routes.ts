// POST /api/check-in: check-in on arrival, by the patient's session or by a
// ticket's QR code (check-in/check-in-service.ts). `stack` is asked at every
// request: while training mode is on it is the sandbox's.
import type { BookingStack } from '../booking-stack';
import { handle, type RouteRegistrar } from './route-helpers';

export function checkInRoutes(stack: () => BookingStack): RouteRegistrar {
  return (app) => {
    handle(app, 'checkIn', async ({ body, session }) => stack().checkIn.checkIn(session, body));
  };
}
