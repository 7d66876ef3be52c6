// Every SQLite database the bridge opens is private and overwrites what it
// deletes (issue 18, item 6): each `new Database(` in the bridge's code is
// prepared (0600 file in a 0700 directory) and secured (`secure_delete`), and
// the embedded scheduler's database shows it on disk and in its pragma.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { closeAll, setup } from '../scheduler/embedded/test-support/embedded-fixture';

const BRIDGE = join(import.meta.dirname, '..');

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourcesOf(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

afterEach(() => closeAll());

describe('the databases the bridge opens', () => {
  test('each is prepared private before it is opened and secured after', () => {
    const opening = sourcesOf(BRIDGE).filter((file) => readFileSync(file, 'utf8').includes('new Database('));
    // Every database (scheduler, print journal, patients import) is opened through the one opener.
    expect(opening.map((file) => relative(BRIDGE, file)).sort()).toEqual(['durable-sqlite.ts']);
    for (const file of opening) {
      const text = readFileSync(file, 'utf8');
      const opens = text.split('new Database(').length - 1;
      expect(text.split('preparePrivateDatabase(').length - 1, file).toBe(opens);
      expect(text.split('securePrivateDatabase(').length - 1, file).toBe(opens);
    }
  });

  test('the embedded scheduler runs secure_delete, and its files are 0600 in a 0700 directory', () => {
    const previous = process.umask(0o022);
    try {
      const { dbPath, openOne } = setup();
      const scheduler = openOne();
      expect((scheduler as unknown as { store: { db: { pragma(s: string, o: object): unknown } } }).store.db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(statSync(join(dbPath, '..')).mode & 0o777).toBe(0o700);
      for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});
