// POST /api/assistance/call: a patient pressed «Позвать волонтёра». The body
// names the screen only (never anything about the patient): the call is
// logged, counted in /metrics and published on the event stream, where a
// volunteer's pager, a desk display or any other listener can pick it up.
// It never touches the patient's session.
import type { Logger } from 'pino';
import type { EventHub } from '../api/event-hub';
import type { AssistanceCall } from '../contract/kiosk';
import { ok } from '../contract/result';
import { handle, type RouteRegistrar } from '../api/route-helpers';
import type { KioskMetrics } from '../metrics/kiosk-metrics';

export interface AssistanceRoutesOptions {
  readonly events: EventHub;
  readonly metrics: Pick<KioskMetrics, 'assistanceCalled'>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export function assistanceRoutes(options: AssistanceRoutesOptions): RouteRegistrar {
  const now = options.now ?? (() => new Date());
  return (app) => {
    handle(app, 'callAssistance', async ({ body }) => {
      const call: AssistanceCall = { screen: body.screen, at: now().toISOString() };
      options.logger.info({ event: 'assistance-call', screen: call.screen }, 'a patient asked for a volunteer');
      options.metrics.assistanceCalled(call.screen);
      options.events.publish({ type: 'assistance-call', ...call });
      return ok(call);
    });
  };
}
