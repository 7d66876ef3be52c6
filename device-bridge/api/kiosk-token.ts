// The per-boot kiosk token: every mutating call of the journey and the event
// stream must carry it. What it protects against, exactly:
// - web pages of other origins open in a browser on this machine (the kiosk's
//   own Chromium, or a browser of a user at the console): the Origin check in
//   server.ts only refuses requests that carry an Origin, and not every
//   browser request does; the token is what such a page cannot read or attach;
// - DNS rebinding (also refused by the Host check in server.ts) and CSRF.
// What it does NOT protect against: a program running on this machine, under
// any user (loopback is open to every local user). Such a program is not a
// browser; it can send `Sec-Fetch-Site: same-origin` itself, get the token from
// GET /api/kiosk/token and call everything the UI can. What keeps those out is
// the machine: the 127.0.0.1 bind keeps other machines away, and the kiosk runs
// only its own services (deploy/systemd/kiosk-bridge.service and
// kiosk-chromium.service, both as user `kiosk`), so there is no other program
// to ask; one that got in as `kiosk` could read the database anyway. Handing
// the token to Chromium out of band (a file only `kiosk` may read) would not
// change that, so it is not done.
//
// Only the served UI receives it from a browser: GET /api/kiosk/token answers a
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
