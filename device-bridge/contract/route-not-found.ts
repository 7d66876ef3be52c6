// The answer to a path the bridge has no route for: the bridge's own envelope
// (404), so a client reads every refusal the same way and never sees the
// framework's error shape.

export interface RouteNotFound {
  readonly ok: false;
  /** `path` is the request path without its query (a query may carry a number someone typed). */
  readonly error: { readonly kind: 'not-found'; readonly method: string; readonly path: string };
}

export const ROUTE_NOT_FOUND_STATUS = 404;
