// The per-boot kiosk token: every mutating call of the journey and the event
// stream must carry it. The Host/Origin guard (server.ts) already refuses a
// foreign page; the token is the second lock, so that a request that carries
// no Origin at all (another program on the machine, a page on another local
// port through some proxy) cannot book, cancel or print in a patient's name.
//
// Only the served UI receives it: GET /api/kiosk/token answers a browser's
// same-origin fetch (`Sec-Fetch-Site: same-origin`, a header page scripts
// cannot set), never a cross-site or a navigation request. The token is not
// baked into index.html because the service worker caches the shell across
// bridge restarts; the UI asks for it again when the bridge says it changed.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const KIOSK_TOKEN_HEADER = 'x-kiosk-token';
/** The WebSocket API of browsers cannot set headers: the event stream takes the token as `?token=`. */
export const KIOSK_TOKEN_QUERY = 'token';

export interface KioskToken {
  /** The token, for the one route that hands it to the served UI. */
  readonly value: string;
  matches(candidate: unknown): boolean;
}

export function createKioskToken(): KioskToken {
  const value = randomBytes(32).toString('base64url');
  const expected = Buffer.from(value);
  return {
    value,
    matches(candidate) {
      if (typeof candidate !== 'string') return false;
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

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

/** A page's own fetch() from the served UI, as the browser labels it. */
export function isServedPageFetch(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['sec-fetch-site'] === 'same-origin' && headers['sec-fetch-mode'] !== 'navigate';
}
