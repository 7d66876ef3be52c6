// One call of the route table (device-bridge/contract/routes.ts) over
// same-origin HTTP: the path and headers come from the table, the per-boot
// kiosk token is fetched when the route needs it (and once more after a 401
// `kiosk-token-required`: the bridge restarted under the page), and the answer
// is checked before anyone believes it. Network trouble and a malformed answer
// both become an `unavailable` value, so the journey handles a dead or confused
// bridge like any other expected failure; so does a 429 `rate-limited` (the
// bridge's limit on session creation and volunteer calls, device-bridge/api/rate-limit.ts),
// which no journey needs to tell apart from a busy bridge.
import type { KioskTokenGrant } from '../../device-bridge/contract/kiosk-token-rule';
import type { RateLimited } from '../../device-bridge/contract/rate-limited';
import { isResultEnvelope } from '../../device-bridge/contract/answer-checks';
import { KIOSK_TOKEN_HEADER, SERVICE_TOKEN_HEADER, SESSION_HEADER } from '../../device-bridge/contract/headers';
import type { Result } from '../../device-bridge/contract/result';
import { routes, type AnyRoute, type BodyOf, type ErrorOf, type ParamsOf, type QueryOf, type ValueOf } from '../../device-bridge/contract/routes';

/** Longer than the bridge's own printer timeout, so the bridge decides a print's outcome, not the network. */
export const CALL_TIMEOUT_MS = 20_000;

export interface Unavailable {
  readonly kind: 'unavailable';
  readonly cause: string;
}

/** The route's errors, with `rate-limited` turned into `unavailable`. */
export type CallResult<R extends AnyRoute> = Result<ValueOf<R>, Exclude<ErrorOf<R>, RateLimited> | Unavailable>;

export type CallOptions<R extends AnyRoute> = {
  readonly sessionId?: string | undefined;
  readonly serviceToken?: string;
} & (keyof ParamsOf<R> extends never ? { readonly params?: undefined } : { readonly params: ParamsOf<R> }) &
  (BodyOf<R> extends undefined ? { readonly body?: undefined } : { readonly body: BodyOf<R> }) &
  (QueryOf<R> extends undefined ? { readonly query?: undefined } : { readonly query?: QueryOf<R> });

/** The seams the client needs from the browser; tests hand in fakes. */
export interface BrowserIo {
  readonly fetch: typeof fetch;
  readonly WebSocket: typeof WebSocket;
}

const unavailable = (cause: string) => ({ ok: false, error: { kind: 'unavailable', cause } }) as const;

/** `/api/bookings/:id/print` with `{ id }` → `/api/bookings/a%2Fb/print`, plus the query. */
export function urlOf(route: AnyRoute, base: string, params: Record<string, string | number> = {}, query: object = {}): URL {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_match: string, name: string) => encodeURIComponent(String(params[name])));
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/** Reads an answer: JSON, a Result envelope, and a value that passes the route's cheap check. */
async function readAnswer(route: AnyRoute, response: Response): Promise<Result<unknown, { readonly kind: string }>> {
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    return unavailable(`malformed answer from the bridge (HTTP ${response.status}): not JSON`);
  }
  if (!isResultEnvelope(answer)) return unavailable(`malformed answer from the bridge (HTTP ${response.status}): not a Result`);
  if (answer.ok && route.check && !route.check(answer.value)) return unavailable(`malformed answer from the bridge: ${route.method} ${route.path}`);
  if (!answer.ok && answer.error.kind === 'rate-limited') return unavailable(`bridge busy: ${route.method} ${route.path} rate-limited`);
  return answer;
}

export interface Caller {
  call<R extends AnyRoute>(route: R, options: CallOptions<R>): Promise<CallResult<R>>;
  /** The kiosk token, fetched again when `renew` (or when the last try found no bridge). */
  kioskToken(renew?: boolean): Promise<string | null>;
}

export function createCaller(base: string, io: Pick<BrowserIo, 'fetch'>): Caller {
  // Kept in memory only (never storage): a new bridge process has a new token, asked for again on its 401.
  let kioskToken: Promise<string | null> | null = null;
  const fetchKioskToken = async (): Promise<string | null> => {
    try {
      const response = await io.fetch(urlOf(routes.kioskToken, base), { cache: 'no-store', signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      const answer = await readAnswer(routes.kioskToken, response);
      return answer.ok ? (answer.value as KioskTokenGrant).token : null;
    } catch {
      return null;
    }
  };
  const currentKioskToken = (renew = false): Promise<string | null> => {
    if (renew || kioskToken === null) {
      const asked = fetchKioskToken();
      kioskToken = asked;
      // A bridge that was down must be asked again next time, not remembered as tokenless.
      void asked.then((token) => {
        if (token === null && kioskToken === asked) kioskToken = null;
      });
    }
    return kioskToken;
  };

  async function call<R extends AnyRoute>(route: R, options: CallOptions<R>): Promise<CallResult<R>> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.sessionId) headers[SESSION_HEADER] = options.sessionId;
    if (options.serviceToken) headers[SERVICE_TOKEN_HEADER] = options.serviceToken;
    const url = urlOf(route, base, options.params as Record<string, string | number> | undefined, options.query ?? {});
    try {
      for (let attempt = 0; ; attempt++) {
        if (route.kioskToken === 'header') {
          const token = await currentKioskToken(attempt > 0);
          if (token !== null) headers[KIOSK_TOKEN_HEADER] = token;
        }
        const response = await io.fetch(url, {
          method: route.method,
          headers,
          body: options.body === undefined ? null : JSON.stringify(options.body),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        const answer = await readAnswer(route, response);
        if (!answer.ok && answer.error.kind === 'kiosk-token-required') {
          // The bridge restarted under this page: one retry with the new token, then it is a fault.
          if (attempt === 0) continue;
          return unavailable('bridge refused the kiosk token');
        }
        return answer as CallResult<R>;
      }
    } catch (cause) {
      return unavailable(`bridge unreachable: ${(cause as Error).name}`);
    }
  }

  return { call, kioskToken: currentKioskToken };
}
