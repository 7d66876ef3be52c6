// Which calls carry the per-boot kiosk token, and how (api/kiosk-token.ts has
// the why). Pure, with no Node imports: the bridge enforces this rule, the UI's
// bridge client and the tests' HTTP helper follow the same one.

export const KIOSK_TOKEN_HEADER = 'x-kiosk-token';
/** The WebSocket API of browsers cannot set headers: the event stream takes the token as `?token=`. */
export const KIOSK_TOKEN_QUERY = 'token';

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
