// Shared plumbing for route modules: every answer is an ApiResult with an HTTP
// status that matches its error kind; every body is validated with zod first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from './contract';
import { SESSION_HEADER } from './contract';

/** A group of routes (booking, printer, …) the composition root hands to the server. */
export type RouteRegistrar = (app: FastifyInstance) => void;

const HTTP_STATUS: Record<ApiError['kind'], number> = {
  'invalid-request': 400,
  'patient-not-found': 404,
  'slot-not-found': 404,
  'appointment-not-found': 404,
  'hold-not-found': 404,
  'session-expired': 401,
  'slot-taken': 409,
  'hold-expired': 409,
  'not-attached': 403,
  'rejected-by-rule': 422,
  unavailable: 503,
};

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function sessionOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): Outcome<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: { kind: 'invalid-request', field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' } };
}

export function send<T>(reply: FastifyReply, result: Outcome<T>): FastifyReply {
  return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).send(result);
}
