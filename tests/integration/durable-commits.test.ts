// Issue 18, item 3: every SQLite database the bridge opens answers a patient,
// so each runs WAL with synchronous = FULL (a power cut cannot roll back a
// booking already answered 200). Checked on the handles of a running kiosk,
// and by source: no bridge module opens SQLite except through durable-sqlite.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabasePragmas } from '../../device-bridge/durable-sqlite';
import { REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const FULL = 2;

describe('durable commits', () => {
  let kut: KioskUnderTest;
  beforeAll(async () => {
    kut = await startKioskUnderTest();
  });
  afterAll(async () => {
    await kut?.kiosk.close();
  });

  it('runs every database the kiosk opened in WAL with synchronous = FULL', () => {
    const mine = openDatabasePragmas().filter((p) => p.file.startsWith(kut.dir));
    // The scheduler's database, the print journal and the outbox of requests (device-bridge/outbox/).
    expect(mine.map((p) => relative(kut.dir, p.file)).sort()).toEqual(['outbox.sqlite', 'print-journal.sqlite', 'scheduler.sqlite']);
    for (const p of mine) expect(p, p.file).toMatchObject({ journalMode: 'wal', synchronous: FULL });
  });

  it('opens SQLite nowhere in the bridge but through durable-sqlite.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'test-support') walk(file);
        } else if (/\.(ts|mts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && e.name !== 'durable-sqlite.ts') {
          const text = readFileSync(file, 'utf8');
          if (/new Database\(|node:sqlite/.test(text)) offenders.push(relative(REPO_ROOT, file));
        }
      }
    };
    walk(join(REPO_ROOT, 'device-bridge'));
    expect(offenders).toEqual([]);
  });
});
