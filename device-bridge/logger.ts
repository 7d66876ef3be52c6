// Structured JSON logs (pino), printed for people on a terminal (log-output.ts).
// Call sites never pass personal data; the redact list and the privacy layer
// (service/log-privacy.ts: personal keys at any depth, digit runs, names, in
// messages and errors too) are the second line of defence. Warnings and errors
// are also kept for the service screen.
import pino, { type Logger } from 'pino';
import { attachRecentLog, createRecentLog, scrubBindings, scrubLine, scrubLogArguments } from './service/log-privacy';
import { logFormatFor, processLogFormatInputs, stdoutDestination } from './log-output';

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
  const recent = createRecentLog();
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'device-bridge' },
    redact: { paths: REDACTED_FIELDS, censor: '[скрыто]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { bindings: scrubBindings },
    hooks: {
      logMethod(args, method) {
        method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
      },
      streamWrite(line) {
        const clean = scrubLine(line);
        recent.offer(clean);
        return clean;
      },
    },
  };
  const out = destination ?? stdoutDestination(logFormatFor(processLogFormatInputs()));
  const logger = out ? pino(options, out) : pino(options);
  attachRecentLog(logger, recent);
  return logger;
}
