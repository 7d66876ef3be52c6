// Structured JSON logs (pino). Call sites never pass personal data; the redact
// list is the second line of defence for fields that could carry it.
import pino, { type Logger } from 'pino';

export const REDACTED_FIELDS = [
  'policyNumber',
  '*.policyNumber',
  'patient',
  '*.patient',
  'surname',
  'givenName',
  'patronymic',
  'birthDate',
  '*.birthDate',
  'req.body',
  'body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'device-bridge' },
    redact: { paths: REDACTED_FIELDS, censor: '[скрыто]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
