// The wire contract between kiosk-ui and device-bridge, in one browser-safe room:
// every type and schema that crosses HTTP or the WebSocket, the header names, the
// kiosk-token rule, the one Result, and the route table. It imports only zod and
// device-bridge/domain/. The UI imports types from here with `import type`, and
// values from the zod-free files themselves (routes.ts, printer.ts, headers.ts,
// kiosk-token-rule.ts, answer-checks.ts), so zod stays out of its bundle.
export * from './answer-checks';
export * from './assistance-screens';
export * from './booking';
export * from './check-in';
export * from './events';
export * from './headers';
export * from './http-status';
export * from './identity';
export * from './invalid-request';
export * from './kiosk';
export * from './kiosk-token-rule';
export * from './memo';
export * from './outbox';
export * from './outbox-requests';
export * from './printer';
export * from './rate-limited';
export * from './requests';
export * from './result';
export * from './route-schemas';
export * from './route-not-found';
export * from './routes';
export * from './scheduling';
export * from './service';
export * from './speech';
export * from './speech-request';
export * from './ticket';
export * from './training';
export type { TypedPolicyKind } from '../domain/oms-policy';
