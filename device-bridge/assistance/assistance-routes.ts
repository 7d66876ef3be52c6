// POST /api/assistance/call: a patient pressed «Позвать волонтёра». The body
// names the screen only (never anything about the patient): the call is
// logged, counted in /metrics and published on the event stream, where a
// volunteer's pager, a desk display or any other listener can pick it up.
// It never touches the patient's session. A screen name the bridge does not
// know is still taken (a newer UI gets its volunteer) but counted as `other`
// (contract/assistance-screens.ts); calls beyond the rate limit answer 429.
import type { Logger } from 'pino';
import type { EventHub } from '../api/event-hub';
import type { AssistanceCall } from '../contract/kiosk';
import { ok } from '../contract/result';
import { handle, type RouteRegistrar } from '../api/route-helpers';
import type { KioskMetrics } from '../metrics/kiosk-metrics';
import { limited, retryAfterHeader, type RateLimiter } from '../api/rate-limit';

export interface AssistanceRoutesOptions {
  readonly events: EventHub;
  readonly metrics: Pick<KioskMetrics, 'assistanceCalled'>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The bridge's bucket for volunteer calls (api/rate-limit.ts). */
  readonly limiter: RateLimiter;
}

export function assistanceRoutes(options: AssistanceRoutesOptions): RouteRegistrar {
  const now = options.now ?? (() => new Date());
  return (app) => {
    handle(
      app,
      'callAssistance',
      async ({ body }) => {
        const call: AssistanceCall = { screen: body.screen, at: now().toISOString() };
        options.logger.info({ event: 'assistance-call', screen: call.screen }, 'a patient asked for a volunteer');
        options.metrics.assistanceCalled(call.screen);
        options.events.publish({ type: 'assistance-call', ...call });
        return ok(call);
      },
      // Refused before the body is read: a flood costs the bridge as little as possible.
      { precondition: () => limited(options.limiter), headers: retryAfterHeader },
    );
  };
}
