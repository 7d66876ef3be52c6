// No log line has a key twice. pino does not replace a key bound by a parent
// logger, it writes it again (`{"component":"readers",…,"component":"card-reader"}`),
// and JSON.parse keeps the last one without a word, so this reads the raw text:
// a kiosk starts with its card reader, a patient books, and every line is checked.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookThroughApi, bridgeCaller } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

/** Keys written twice in one object of a JSON text, in the order met. */
function duplicateKeys(json: string): string[] {
  const duplicates: string[] = [];
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: Array<Set<string> | null> = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{') open.push(new Set());
    else if (c === '[') open.push(null);
    else if (c === '}' || c === ']') open.pop();
    else if (c === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const literal = json.slice(i, end + 1);
      i = end;
      let next = end + 1;
      while (json[next] === ' ' || json[next] === '\n' || json[next] === '\t' || json[next] === '\r') next++;
      const keys = open.at(-1);
      if (json[next] !== ':' || !keys) continue;
      const key = JSON.parse(literal) as string;
      if (keys.has(key)) duplicates.push(key);
      keys.add(key);
    }
  }
  return duplicates;
}

describe('duplicateKeys', () => {
  test('finds a key written twice in the same object, at any depth, and nothing else', () => {
    expect(duplicateKeys('{"component":"readers","event":"x","component":"card-reader"}')).toEqual(['component']);
    expect(duplicateKeys('{"a":{"b":1,"b":2},"c":[{"d":1},{"d":2}]}')).toEqual(['b']);
    expect(duplicateKeys('{"msg":"\\"a\\":1, \\"a\\":2","a":"{\\"a\\":1}"}')).toEqual([]);
    expect(duplicateKeys('{"a":1,"b":{"a":2}}')).toEqual([]);
  });
});

describe('the log of a kiosk that starts, reads its card reader and books', () => {
  let kut: KioskUnderTest;
  let closed = false;

  beforeAll(async () => {
    // The default config has the card reader on: its status line is logged whether or not pcscd answers.
    kut = await startKioskUnderTest();
    await bookThroughApi(bridgeCaller(kut.kiosk.port), DEMO_PATIENT.policy);
    // Closed before reading, so the shutdown lines are in the file too.
    await kut.kiosk.close();
    closed = true;
  }, 60_000);

  afterAll(async () => {
    if (!closed) await kut?.kiosk.close();
  });

  test('has no key twice on any line', () => {
    const lines = readFileSync(kut.logFile, 'utf8').split('\n').filter((line) => line.length > 0);
    const events = lines.map((line) => (JSON.parse(line) as { event?: string }).event);
    // The lines that once carried `component` twice, and a booking's.
    expect(events).toContain('card-reader-status');
    expect(events).toContain('bridge-started');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(duplicateKeys(line), line).toEqual([]);
  });
});
