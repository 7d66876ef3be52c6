// The patient's booking flow over HTTP: identify, list, hold, book, print.
import type { BookingService } from '../booking/booking-service';
import type { PrinterMonitor } from '../health/printer-monitor';
import { bookRequest, holdRequest, startSessionRequest } from './contract';
import { parseBody, send, sessionOf, type RouteRegistrar } from './route-helpers';

export function bookingRoutes(booking: BookingService, printerMonitor: PrinterMonitor): RouteRegistrar {
  return (app) => {
    app.get('/api/printer/status', async () => ({ ok: true, value: await printerMonitor.refresh() }));

    app.post('/api/sessions', async (request, reply) => {
      const body = parseBody(startSessionRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking.startSession(body.value.policyNumber));
    });

    app.delete('/api/sessions/current', async (request, reply) => {
      const sessionId = sessionOf(request);
      if (sessionId) await booking.endSession(sessionId);
      return reply.code(200).send({ ok: true, value: null });
    });

    app.get('/api/specialties', async (_request, reply) => send(reply, await booking.listSpecialties()));

    app.get<{ Params: { code: string } }>('/api/specialties/:code/slots', async (request, reply) =>
      send(reply, await booking.listSlots(request.params.code)),
    );

    app.post('/api/holds', async (request, reply) => {
      const body = parseBody(holdRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking.hold(sessionOf(request), body.value.slotId));
    });

    app.post('/api/bookings', async (request, reply) => {
      const body = parseBody(bookRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking.book(sessionOf(request), body.value.holdId, body.value.clientKey));
    });

    app.post<{ Params: { id: string } }>('/api/bookings/:id/print', async (request, reply) =>
      send(reply, await booking.printTicket(sessionOf(request), request.params.id)),
    );
  };
}
