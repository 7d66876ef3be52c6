// What the UI's bridge client checks of an answer before the journey sees it
// (kiosk-ui/bridge-client/bridge-client.ts): the Result envelope always, and a
// few cheap shape checks per route (contract/routes.ts). Hand-written rather
// than zod, so the kiosk's first paint stays within its JavaScript budget
// (tests/integration/ui-bundle-size.test.ts).
import type { Result } from './result';

export type AnswerCheck = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ ok: true, value }` or `{ ok: false, error: { kind: string, … } }`, nothing else. */
export function isResultEnvelope(answer: unknown): answer is Result<unknown, { readonly kind: string }> {
  if (!isRecord(answer)) return false;
  if (answer.ok === true) return 'value' in answer;
  return answer.ok === false && isRecord(answer.error) && typeof answer.error.kind === 'string';
}

export const isList: AnswerCheck = (value) => Array.isArray(value);
export const isObject: AnswerCheck = (value) => isRecord(value);
export const isNull: AnswerCheck = (value) => value === null;

export const isPrinterStatus: AnswerCheck = (value) => isRecord(value) && typeof value.state === 'string';

export const isPrintResult: AnswerCheck = (value) =>
  isRecord(value) && (value.outcome === 'printed' || (value.outcome === 'failed' && isPrinterStatus(value.status)));

export const isKioskTokenGrant: AnswerCheck = (value) => isRecord(value) && typeof value.token === 'string';

export const isSessionStarted: AnswerCheck = (value) =>
  isRecord(value) && typeof value.sessionId === 'string' && isRecord(value.patient) && (typeof value.patient.displayName === 'string' || value.patient.displayName === null);

export const isKioskInfo: AnswerCheck = (value) =>
  isRecord(value) && typeof value.kioskId === 'string' && isRecord(value.clinic) && isRecord(value.session) && isRecord(value.training);
