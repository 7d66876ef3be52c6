import { describe, expect, test } from 'vitest';
import { createLogger } from './logger';
import { logFormatFor, prettyDestination, stdoutDestination } from './log-output';
import { recentLogOf } from './service/log-privacy';

describe('the log format', () => {
  test.each([
    { case: 'a terminal', stdoutIsTTY: true, env: {}, format: 'pretty' },
    { case: 'a pipe or a file', stdoutIsTTY: false, env: {}, format: 'json' },
    { case: 'a systemd unit', stdoutIsTTY: false, env: { INVOCATION_ID: '0d3c6b7e5a2f4e1b9c8d7a6b5c4d3e2f', JOURNAL_STREAM: '8:12345' }, format: 'json' },
    { case: 'a systemd unit with a TTY (a screen unit)', stdoutIsTTY: true, env: { INVOCATION_ID: '0d3c6b7e5a2f4e1b9c8d7a6b5c4d3e2f' }, format: 'json' },
    { case: 'the journal on a terminal', stdoutIsTTY: true, env: { JOURNAL_STREAM: '8:12345' }, format: 'json' },
    { case: 'empty systemd variables', stdoutIsTTY: true, env: { INVOCATION_ID: '', JOURNAL_STREAM: '' }, format: 'pretty' },
  ] as const)('on $case is $format', ({ stdoutIsTTY, env, format }) => {
    expect(logFormatFor({ stdoutIsTTY, env })).toBe(format);
  });

  test('JSON goes to pino’s own stdout', () => {
    expect(stdoutDestination('json')).toBeUndefined();
  });
});

describe('pretty output', () => {
  test('is text for people, scrubbed like the JSON, and the service screen still gets the JSON', () => {
    const printed: string[] = [];
    const logger = createLogger('info', prettyDestination({ write: (text) => printed.push(text) }, { colorize: false }));
    const child = logger.child({ component: 'card-reader', policyNumber: '6449020886006380' });

    child.info({ event: 'card', owner: 'Иванова Татьяна Алексеевна', snils: '112-233-445 95', note: 'typed 6449 0208 8600 6380' }, 'card read');
    child.info({ event: 'found', person: { surname: 'Иванова', givenName: 'Татьяна', birthDate: '1979-10-13' } }, 'found Иванова Т. А.');
    child.error({ event: 'boom', err: new Error('no patient 6449020886006380') }, 'lookup failed');
    child.info({ event: 'booked', bookingNumber: 'A-2611-10000' }, 'appointment booked');

    const text = printed.join('');
    expect(printed).toHaveLength(4);
    for (const value of ['6449020886006380', '6449 0208 8600 6380', 'Иванова', 'Татьяна', '112-233-445 95', '1979-10-13']) {
      expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    }
    expect(text).toContain('[скрыто]');
    // pino-pretty's shape: «[12:00:00.000] INFO: card read», fields indented below; no JSON lines.
    expect(printed[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: card read\n/);
    expect(text).toContain('component: "card-reader"');
    expect(text).toContain('bookingNumber: "A-2611-10000"');
    expect(text).not.toContain('service: "device-bridge"');
    for (const block of printed) expect(block.startsWith('{')).toBe(false);

    expect(recentLogOf(logger)!.entries()).toEqual([expect.objectContaining({ level: 'error', component: 'card-reader', event: 'boom', detail: 'no patient [скрыто]' })]);
  });
});
