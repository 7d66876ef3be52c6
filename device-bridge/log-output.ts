// Where the bridge's log lines go when nobody gave a destination (`kiosk start`):
// human-readable lines on a person's terminal (`npm start`), one JSON object a
// line everywhere else: under systemd, where journald keeps the fields, and
// whenever stdout is a pipe or a file that a program reads.
//
// The choice changes only the last step. logger.ts scrubs every line
// (service/log-privacy.ts) and feeds the service screen's recent-events ring
// before the line reaches the destination, so the pretty printer only ever sees
// a JSON line that is already clean.
import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

/** What the choice depends on, passed in so a test can decide it without a terminal. */
export interface LogFormatInputs {
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * systemd sets INVOCATION_ID for every unit it starts and JOURNAL_STREAM when
 * stdout goes to the journal; either means JSON, even if the unit's stdout is a
 * TTY (a kiosk screen unit may have one).
 */
export function logFormatFor({ stdoutIsTTY, env }: LogFormatInputs): LogFormat {
  if (env.INVOCATION_ID || env.JOURNAL_STREAM) return 'json';
  return stdoutIsTTY ? 'pretty' : 'json';
}

export function processLogFormatInputs(): LogFormatInputs {
  return { stdoutIsTTY: process.stdout.isTTY === true, env: process.env };
}

/** pino's own stdout for JSON (undefined), or a pretty printer over stdout. */
export function stdoutDestination(format: LogFormat): DestinationStream | undefined {
  return format === 'pretty' ? prettyDestination(process.stdout) : undefined;
}

/**
 * Turns each finished JSON line into pino-pretty's text, synchronously, so a
 * line logged just before the process exits is still on the screen.
 */
export function prettyDestination(out: { write(text: string): unknown }, options: Pick<PrettyOptions, 'colorize'> = {}): DestinationStream {
  const pretty = loadPrettyFactory()({
    translateTime: 'SYS:HH:MM:ss.l',
    // Every line carries it; on a terminal it is noise.
    ignore: 'service',
    ...options,
  });
  return { write: (line: string) => void out.write(pretty(line)) };
}

// Loaded only when a terminal asks for it: a bridge under systemd starts without it (≈20 ms less).
function loadPrettyFactory(): (options: PrettyOptions) => (line: string) => string {
  const require = createRequire(import.meta.url);
  return (require('pino-pretty') as typeof import('pino-pretty')).prettyFactory;
}
