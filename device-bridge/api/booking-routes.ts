// The patient's booking flow over HTTP: identify; specialties, doctors, days,
// times; hold, book, print; the patient's appointments, cancel; waiting list.
// Reads work without a session (clinic-wide rules); with the session header
// the patient's own rules apply (district, age, active bookings).
import { appointmentParams, daySlotsParams, doctorFilter, specialtyParams, waitingListRequest } from '../booking/booking-api';
import type { BookingStack } from '../booking-stack';
import type { PrinterMonitor } from '../health/printer-monitor';
import { sessionEndReasonOf } from '../metrics/kiosk-metrics';
import { ok } from '../result';
import { bookRequest, holdRequest, startSessionRequest } from './contract';
import { parseBody, send, sessionOf, type RouteRegistrar } from './route-helpers';

/**
 * `stack` is asked at every request: while training mode is on it is the
 * sandbox's booking service and ticket printer (training/training-mode.ts),
 * else the real ones.
 */
export function bookingRoutes(stack: () => BookingStack, printerMonitor: PrinterMonitor): RouteRegistrar {
  const booking = () => stack().booking;
  return (app) => {
    app.get('/api/printer/status', async () => ({ ok: true, value: await printerMonitor.refresh() }));

    app.post('/api/sessions', async (request, reply) => {
      const body = parseBody(startSessionRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking().startSession(body.value.policyNumber, body.value.channel ?? 'keypad'));
    });

    app.delete('/api/sessions/current', async (request, reply) => {
      const sessionId = sessionOf(request);
      // `?reason=done|home|idle` (metrics only); an unknown or missing reason still ends the session.
      if (sessionId) await booking().endSession(sessionId, sessionEndReasonOf(request.query));
      return reply.code(200).send({ ok: true, value: null });
    });

    app.get('/api/specialties', async (request, reply) => send(reply, await booking().listSpecialties(sessionOf(request))));

    app.get('/api/specialties/:code/slots', async (request, reply) => {
      const params = parseBody(specialtyParams, request.params);
      if (!params.ok) return send(reply, params);
      const query = parseBody(doctorFilter, request.query);
      if (!query.ok) return send(reply, query);
      return send(reply, await booking().listSlots(params.value.code, sessionOf(request), query.value.doctorId));
    });

    app.get('/api/specialties/:code/doctors', async (request, reply) => {
      const params = parseBody(specialtyParams, request.params);
      if (!params.ok) return send(reply, params);
      return send(reply, await booking().listDoctors(params.value.code, sessionOf(request)));
    });

    app.get('/api/specialties/:code/days', async (request, reply) => {
      const params = parseBody(specialtyParams, request.params);
      if (!params.ok) return send(reply, params);
      const query = parseBody(doctorFilter, request.query);
      if (!query.ok) return send(reply, query);
      return send(reply, await booking().listDays(params.value.code, sessionOf(request), query.value.doctorId));
    });

    app.get('/api/specialties/:code/days/:date/slots', async (request, reply) => {
      const params = parseBody(daySlotsParams, request.params);
      if (!params.ok) return send(reply, params);
      const query = parseBody(doctorFilter, request.query);
      if (!query.ok) return send(reply, query);
      return send(reply, await booking().listDaySlots(params.value.code, params.value.date, sessionOf(request), query.value.doctorId));
    });

    app.post('/api/holds', async (request, reply) => {
      const body = parseBody(holdRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking().hold(sessionOf(request), body.value.slotId));
    });

    app.post('/api/bookings', async (request, reply) => {
      const body = parseBody(bookRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking().book(sessionOf(request), body.value.holdId, body.value.clientKey));
    });

    // The booking service says which ticket this session may print; the ticket printer prints it (printer/ticket-printer.ts).
    app.post<{ Params: { id: string } }>('/api/bookings/:id/print', async (request, reply) => {
      const { booking: service, tickets } = stack();
      const ticket = service.ticketOf(sessionOf(request), request.params.id);
      if (!ticket.ok) return send(reply, ticket);
      return send(reply, ok(await tickets.printTicket(ticket.value, request.params.id)));
    });

    app.get('/api/appointments', async (request, reply) => send(reply, await booking().listAppointments(sessionOf(request))));

    app.delete('/api/appointments/:id', async (request, reply) => {
      const params = parseBody(appointmentParams, request.params);
      if (!params.ok) return send(reply, params);
      return send(reply, await booking().cancelAppointment(sessionOf(request), params.value.id));
    });

    app.post('/api/waiting-list', async (request, reply) => {
      const body = parseBody(waitingListRequest, request.body);
      if (!body.ok) return send(reply, body);
      return send(reply, await booking().joinWaitingList(sessionOf(request), body.value));
    });
  };
}
