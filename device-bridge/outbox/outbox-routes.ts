// «Оставить заявку» over HTTP: which specialties a request may name (from the
// scheduler, or from the clinic file while it is down), and the request itself:
// kept on disk first, then the slip printed, then answered. Service mode's
// view of the outbox is here too (behind the service token).
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { OutboxApiError, RequestAccepted, RequestSpecialty } from '../contract';
import { invalidRequest } from '../contract/invalid-request';
import { err, ok, type Result } from '../contract/result';
import { handle, type RouteRegistrar } from '../api/route-helpers';
import { shortName } from '../booking/booking-ticket';
import type { BookingService } from '../booking/booking-service';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { Scheduler } from '../scheduler/scheduler-port';
import type { Outbox } from './outbox';
import { requestReference, requestSlip } from './request-slip';

export interface OutboxRoutesOptions {
  readonly outbox: Outbox;
  /** The real scheduler (its reference-data cache answers while it is briefly down). */
  readonly scheduler: Pick<Scheduler, 'listDirectory'>;
  /** The clinic file's specialties: what a request may name when the scheduler cannot say. */
  readonly fallbackSpecialties: () => readonly RequestSpecialty[];
  /** The patients' booking service (never the training sandbox's): it knows a session's patient. */
  readonly booking: () => Pick<BookingService, 'sessionPatient'>;
  readonly tickets: Pick<TicketPrinter, 'requestSlip'>;
  /** While training mode is on, no request reaches the real outbox. */
  readonly training: () => boolean;
  readonly clinic: () => { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly now: () => Date;
  readonly serviceGuard: preHandlerAsyncHookHandler;
}

export function outboxRoutes(options: OutboxRoutesOptions): RouteRegistrar {
  const { outbox } = options;

  async function specialties(): Promise<readonly RequestSpecialty[]> {
    const dir = await options.scheduler.listDirectory();
    return dir.ok ? dir.value.specialties.map((s) => ({ code: s.code, name: s.name })) : options.fallbackSpecialties();
  }

  return (app: FastifyInstance) => {
    handle(app, 'outboxOptions', async () =>
      ok({ accepting: outbox.state().state === 'ok' && !options.training(), specialties: await specialties() }),
    );

    handle(app, 'leaveRequest', async ({ body, session }): Promise<Result<RequestAccepted, OutboxApiError>> => {
      if (options.training()) return err({ kind: 'outbox-unavailable' });
      const known = session ? options.booking().sessionPatient(session) : null;
      const patient = known?.ok ? known.value.patient : null;
      if (!patient && body.policyNumber === undefined) return err({ kind: 'patient-unknown' });
      const specialty = (await specialties()).find((s) => s.code === body.specialtyCode);
      if (!specialty) return err(invalidRequest('specialtyCode', 'no such specialty at this clinic'));
      const createdAt = options.now();
      const displayName = patient ? shortName(patient) : null;
      const accepted = outbox.accept({
        clientKey: body.clientKey,
        reference: requestReference(body.clientKey),
        createdAt: createdAt.getTime(),
        // The scheduler's id when it identified the patient: the policy number is then not kept at all.
        patientId: patient?.id ?? null,
        policyNumber: patient ? null : (body.policyNumber ?? null),
        policyKind: patient ? null : body.policyKind,
        displayName,
        specialtyCode: specialty.code,
        specialtyName: specialty.name,
        doctorId: body.doctorId,
        claim: body.claim,
        phone: body.phone,
      });
      if (!accepted.ok) return accepted;
      const stored = accepted.value;
      // On disk before the slip: the paper never promises what a crash could lose.
      const print = await options.tickets.requestSlip(
        requestSlip({
          reference: stored.reference,
          displayName: stored.displayName,
          specialtyName: stored.specialtyName,
          claim: stored.claim,
          createdAt: new Date(stored.createdAt),
          language: body.language,
          clinic: options.clinic(),
        }),
      );
      return ok({ reference: stored.reference, displayName: stored.displayName, specialtyName: stored.specialtyName, print });
    });

    handle(app, 'serviceOutbox', async () => ok(outbox.report()), { preHandler: options.serviceGuard, headers: () => ({ 'cache-control': 'no-store' }) });
  };
}
