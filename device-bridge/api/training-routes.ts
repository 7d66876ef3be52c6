// Training mode over HTTP: the on-screen "insert a demo card" button. It
// starts a sandbox session for a demo patient and announces it on the event
// stream exactly as a card read does, so the volunteer shows the card path
// without a card. Turning training on and off is the volunteer PIN's (service
// login); the state reaches the UI in `KioskInfo.training`.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { TrainingMode } from '../training/training-mode';
import type { BridgeEvent, SessionStarted } from './contract';
import { parseBody, type RouteRegistrar } from './route-helpers';

export const demoCardRequest = z.strictObject({ patient: z.number().int().min(0).max(99) });

export type TrainingApiError =
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
  /** 409: the kiosk is not in training mode; demo cards exist only there. */
  | { readonly kind: 'training-off' }
  /** 404: no demo patient with that number. */
  | { readonly kind: 'demo-patient-not-found' }
  /** 503: the sandbox refused (should not happen: it is in memory). */
  | { readonly kind: 'unavailable'; readonly cause: string };

type TrainingResult<T> = { ok: true; value: T } | { ok: false; error: TrainingApiError };

const HTTP_STATUS: Record<TrainingApiError['kind'], number> = {
  'invalid-request': 400,
  'training-off': 409,
  'demo-patient-not-found': 404,
  unavailable: 503,
};

function reply<T>(res: FastifyReply, result: TrainingResult<T>): FastifyReply {
  return res.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).send(result);
}

export function trainingRoutes(deps: { readonly training: TrainingMode; readonly publish: (event: BridgeEvent) => void }): RouteRegistrar {
  return (app) => {
    app.post('/api/training/demo-card', async (request, res) => {
      const body = parseBody(demoCardRequest, request.body);
      if (!body.ok) return reply(res, { ok: false, error: body.error.kind === 'invalid-request' ? body.error : { kind: 'invalid-request', field: 'patient', message: 'invalid' } });
      const booking = deps.training.booking();
      if (!booking) return reply(res, { ok: false, error: { kind: 'training-off' } });
      const policy = deps.training.demoPolicy(body.value.patient);
      if (policy === null) return reply(res, { ok: false, error: { kind: 'demo-patient-not-found' } });
      const started = await booking.startSession(policy, 'card');
      if (!started.ok) return reply(res, { ok: false, error: { kind: 'unavailable', cause: started.error.kind } });
      deps.publish({ type: 'identified', channel: 'card', session: started.value });
      return reply<SessionStarted>(res, { ok: true, value: started.value });
    });
  };
}
