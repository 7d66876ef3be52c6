// The patient's booking flow over HTTP: identify; specialties, doctors, days,
// times; hold, book, print; the patient's appointments, cancel; waiting list.
// Reads work without a session (clinic-wide rules); with the session header
// the patient's own rules apply (district, age, active bookings). Paths, checks
// and statuses come from the route table (contract/routes.ts).
import { ok } from '../contract/result';
import type { BookingService } from '../booking/booking-service';
import type { PrinterMonitor } from '../health/printer-monitor';
import { sessionEndReasonOf } from '../metrics/kiosk-metrics';
import { handle, type RouteRegistrar } from './route-helpers';

/**
 * `booking` is asked at every request: while training mode is on it is the
 * sandbox's service (training/training-mode.ts), else the real one.
 */
export function bookingRoutes(booking: () => BookingService, printerMonitor: PrinterMonitor): RouteRegistrar {
  return (app) => {
    handle(app, 'printerStatus', async () => ok(await printerMonitor.refresh()));

    handle(app, 'startSession', async ({ body }) => booking().startSession(body.policyNumber, body.channel ?? 'keypad'));

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
    handle(app, 'book', async ({ body, session }) => booking().book(session, body.holdId, body.clientKey));
    handle(app, 'printTicket', async ({ params, session }) => booking().printTicket(session, params.id));
    handle(app, 'listAppointments', async ({ session }) => booking().listAppointments(session));
    handle(app, 'cancelAppointment', async ({ params, session }) => booking().cancelAppointment(session, params.id));
    handle(app, 'joinWaitingList', async ({ body, session }) => booking().joinWaitingList(session, body));
  };
}
