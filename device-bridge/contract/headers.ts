// Header names on the wire, written once: the bridge reads them (api/), the UI's
// bridge client and the tests' HTTP helper (tests/bridge-http.ts) send them.

/** The session id; never a URL parameter, so it stays out of access logs. */
export const SESSION_HEADER = 'x-kiosk-session';
/** The per-boot kiosk token on every mutating call (contract/kiosk-token-rule.ts). */
export const KIOSK_TOKEN_HEADER = 'x-kiosk-token';
/** The WebSocket API of browsers cannot set headers: the event stream takes the kiosk token as `?token=`. */
export const KIOSK_TOKEN_QUERY = 'token';
/** The service token from POST /api/service/login; never a URL parameter. */
export const SERVICE_TOKEN_HEADER = 'x-service-token';
