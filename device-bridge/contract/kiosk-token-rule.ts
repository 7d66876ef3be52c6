// Which calls carry the per-boot kiosk token, and how (device-bridge/api/kiosk-token.ts
// has the why). Pure, with no Node imports: the bridge enforces this rule, the UI's
// bridge client and the tests' HTTP helper follow the same one.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which requests need the kiosk token: every mutating /api/ call, and the
 * event stream (it carries who was just identified). Service routes carry
 * their own, stronger credential (the PIN-derived service token) instead.
 */
export function needsKioskToken(method: string, path: string): 'header' | 'query' | null {
  if (path === '/api/events') return 'query';
  if (!path.startsWith('/api/') || path.startsWith('/api/service/')) return null;
  return SAFE_METHODS.has(method) ? null : 'header';
}

/** GET /api/kiosk/token: the per-boot token the served UI sends as `x-kiosk-token` on every mutating call. */
export interface KioskTokenGrant {
  readonly token: string;
}

/** The 401 answer to a mutating call or event stream without the current kiosk token. */
export interface KioskTokenRefusal {
  readonly ok: false;
  readonly error: { readonly kind: 'kiosk-token-required' };
}
