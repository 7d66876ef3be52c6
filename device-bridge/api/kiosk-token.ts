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

// Which calls need it, and the header names: contract/kiosk-token-rule.ts, contract/headers.ts.

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

/** A page's own fetch() from the served UI, as the browser labels it. */
export function isServedPageFetch(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['sec-fetch-site'] === 'same-origin' && headers['sec-fetch-mode'] !== 'navigate';
}
