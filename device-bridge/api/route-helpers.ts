// Registers a route of the contract's route table (device-bridge/contract/routes.ts)
// on fastify, in one place: its path params, query and body are checked with the
// route's schemas (contract/route-schemas.ts) before the handler runs, a failed
// check answers 400 `invalid-request`, and every answer is a Result with the
// HTTP status the table gives its error kind.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import { SESSION_HEADER } from '../contract/headers';
import { invalidRequestOf, type InvalidRequest } from '../contract/invalid-request';
import { err, ok, type Result } from '../contract/result';
import { routeSchemas, type RouteSchemas, type SchemasOf } from '../contract/route-schemas';
import { routes, type ErrorOf, type RouteName, type Routes, type ValueOf } from '../contract/routes';

/** A group of routes (booking, printer, …) the composition root hands to the server. */
export type RouteRegistrar = (app: FastifyInstance) => void;

type Parsed<S, K extends string> = S extends { readonly [P in K]: z.ZodType<infer O> } ? O : undefined;

/** What a handler gets: the checked params, query and body, and the session header. */
export interface RouteInput<N extends RouteName> {
  readonly params: Parsed<SchemasOf<N>, 'params'>;
  readonly query: Parsed<SchemasOf<N>, 'query'>;
  readonly body: Parsed<SchemasOf<N>, 'body'>;
  /** The `x-kiosk-session` header, when the call carries one. */
  readonly session: string | undefined;
  readonly request: FastifyRequest;
}

type Answer<N extends RouteName> = Result<ValueOf<Routes[N]>, ErrorOf<Routes[N]>>;

export interface HandleOptions<N extends RouteName> {
  /** Runs before the route's handler (the service token guard). */
  readonly preHandler?: preHandlerAsyncHookHandler;
  /** Refuses before the request is parsed (e.g. `not-virtual-printer` before the fault body is read). */
  readonly precondition?: () => Answer<N> | null;
  /** Extra headers for every answer of the route (service mode: `cache-control: no-store`, `retry-after`). */
  readonly headers?: (answer: Answer<N>) => Record<string, string>;
  /** Sends a 200's value itself instead of the Result envelope (POST /api/speech answers WAV bytes). */
  readonly sendValue?: (reply: FastifyReply, value: ValueOf<Routes[N]>) => FastifyReply;
}

export function sessionOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): Result<T, InvalidRequest> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidRequestOf(parsed.error.issues));
}

/** Sends a Result with the status the route table gives its error kind (a kind the table lacks is a bug: 500). */
function answer<N extends RouteName>(reply: FastifyReply, name: N, result: Answer<N>, options: Pick<HandleOptions<N>, 'headers' | 'sendValue'> = {}): FastifyReply {
  const status = routes[name].status as Readonly<Record<string, number>>;
  if (options.headers) reply.headers(options.headers(result));
  if (result.ok && options.sendValue) return options.sendValue(reply.code(200), result.value);
  return reply.code(result.ok ? 200 : (status[(result.error as { kind: string }).kind] ?? 500)).send(result);
}

/** Registers route `name` of the table with its handler. */
export function handle<N extends RouteName>(
  app: FastifyInstance,
  name: N,
  handler: (input: RouteInput<N>) => Promise<Answer<N>>,
  options: HandleOptions<N> = {},
): void {
  const route = routes[name];
  const schemas: RouteSchemas = (routeSchemas as Partial<Record<RouteName, RouteSchemas>>)[name] ?? {};
  app.route({
    method: route.method,
    url: route.path,
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    handler: async (request, reply) => {
      const refused = options.precondition?.();
      if (refused) return answer(reply, name, refused, options);
      const parsed: Record<'params' | 'query' | 'body', unknown> = { params: undefined, query: undefined, body: undefined };
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = schemas[part];
        if (!schema) continue;
        const checked = parseWith(schema, request[part]);
        // Every route's error union includes `invalid-request` (contract/invalid-request.ts).
        if (!checked.ok) return answer(reply, name, checked as Answer<N>, options);
        parsed[part] = checked.value;
      }
      const input = { ...parsed, session: sessionOf(request), request } as RouteInput<N>;
      return answer(reply, name, await handler(input), options);
    },
  });
}
