// The patient's booking flow over HTTP: identify; specialties, doctors, days,
// times; hold, book, print; the patient's appointments, cancel; waiting list.
// Reads work without a session (clinic-wide rules); with the session header
// the patient's own rules apply (district, age, active bookings). Paths, checks
// and statuses come from the route table (contract/routes.ts).
import { ok } from '../contract/result';
import type { BookingStack } from '../booking-stack';
import type { PrinterMonitor } from '../health/printer-monitor';
import { sessionEndReasonOf } from '../metrics/kiosk-metrics';
import { limited, retryAfterHeader, type RateLimiter } from './rate-limit';
import { handle, type RouteRegistrar } from './route-helpers';

/**
 * `stack` is asked at every request: while training mode is on it is the
 * sandbox's booking service and ticket printer (training/training-mode.ts),
 * else the real ones.
 */
export function bookingRoutes(stack: () => BookingStack, printerMonitor: PrinterMonitor, sessionLimiter: RateLimiter): RouteRegistrar {
  const booking = () => stack().booking;
  return (app) => {
    handle(app, 'printerStatus', async () => ok(await printerMonitor.refresh()));

    // Rate-limited per bridge (api/rate-limit.ts), before the body is read.
    handle(app, 'startSession', async ({ body }) => booking().startSession(body.policyNumber, body.channel ?? 'keypad', body.birthDate), {
      precondition: () => limited(sessionLimiter),
      headers: retryAfterHeader,
    });

    handle(app, 'endSession', async ({ session, request }) => {
      // `?reason=done|home|idle` (metrics only); an unknown or missing reason still ends the session.
      if (session) await booking().endSession(session, sessionEndReasonOf(request.query));
      return ok(null);
    });

    handle(app, 'listSpecialties', async ({ session }) => booking().listSpecialties(session));
    handle(app, 'listSlots', async ({ params, query, session }) => booking().listSlots(params.code, session, query.doctorId));
    handle(app, 'listDoctors', async ({ params, session }) => booking().listDoctors(params.code, session));
    handle(app, 'listDays', async ({ params, query, session }) => booking().listDays(params.code, session, query.doctorId));
    handle(app, 'listDaySlots', async ({ params, query, session }) => booking().listDaySlots(params.code, params.date, session, query.doctorId));
    handle(app, 'hold', async ({ body, session }) => booking().hold(session, body.slotId));
    handle(app, 'book', async ({ body, session }) => {
      const { booking: service, tickets } = stack();
      const booked = await service.book(session, body.holdId, body.clientKey);
      // Journaled before the answer: a crash right after "booked" still leaves the ticket for reprint (printer/ticket-printer.ts).
      if (booked.ok) tickets.journalBooking(booked.value.ticket, booked.value.appointmentId);
      return booked;
    });
    // The booking service says which ticket this session may print; the ticket printer prints it (printer/ticket-printer.ts).
    handle(app, 'printTicket', async ({ params, session }) => {
      const { booking: service, tickets } = stack();
      const ticket = service.ticketOf(session, params.id);
      return ticket.ok ? ok(await tickets.printTicket(ticket.value, params.id)) : ticket;
    });
    handle(app, 'listAppointments', async ({ session }) => booking().listAppointments(session));
    handle(app, 'cancelAppointment', async ({ params, session }) => booking().cancelAppointment(session, params.id));
    handle(app, 'joinWaitingList', async ({ body, session }) => booking().joinWaitingList(session, body));
  };
}
