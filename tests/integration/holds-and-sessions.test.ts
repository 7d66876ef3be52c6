// Issue 18, item 4: holds and sessions do not outlive the bridge. A clean
// shutdown releases every hold; holds this kiosk left at a previous boot (a
// crash, a power cut) are cleared when it starts again, those of another
// kiosk sharing the file are not; sessions are capped per patient, oldest first.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeCaller, valueOf as value, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const running: KioskUnderTest[] = [];
afterAll(async () => {
  for (const k of running) await k.kiosk.close();
});

async function identify(call: BridgeCall): Promise<string> {
  return value('identify', await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).sessionId as string;
}

async function holdFirst(call: BridgeCall, session: string): Promise<string> {
  const slots = value('slots', await call('GET', '/api/specialties/therapist-district/slots', { session })) as Array<{ id: string }>;
  return value('hold', await call('POST', '/api/holds', { session, body: { slotId: slots[0]!.id } })).holdId as string;
}

function holdsIn(dbPath: string): Array<{ id: string; owner: string | null }> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT id, owner FROM holds ORDER BY id').all() as Array<{ id: string; owner: string | null }>;
  } finally {
    db.close();
  }
}

describe('holds and sessions', () => {
  it('releases holds at shutdown and clears the holds of its own previous boot at start', async () => {
    const first = await startKioskUnderTest();
    const call = bridgeCaller(first.kiosk.port);
    const holdId = await holdFirst(call, await identify(call));
    expect(holdsIn(first.dbPath)).toEqual([{ id: holdId, owner: first.config.kioskId }]);
    await first.kiosk.close();
    expect(holdsIn(first.dbPath)).toEqual([]);

    // What a crash leaves: a live hold of this kiosk, and one of another kiosk on the same file.
    const db = new Database(first.dbPath);
    const slot = (db.prepare('SELECT id FROM slots ORDER BY start DESC LIMIT 2').all() as Array<{ id: number }>).map((s) => s.id);
    const patient = (db.prepare('SELECT id FROM patients LIMIT 1').get() as { id: number }).id;
    const insert = db.prepare('INSERT INTO holds (id, slot_id, patient_id, expires_at, created_at, owner) VALUES (?, ?, ?, ?, ?, ?)');
    const later = Date.now() + 10 * 60 * 1000;
    insert.run('crashed-boot', slot[0], patient, later, Date.now(), first.config.kioskId);
    insert.run('other-kiosk', slot[1], patient, later, Date.now(), 'kiosk-in-room-2');
    db.close();

    const second = await startKioskUnderTest({
      scheduler: { adapter: 'embedded', database: first.dbPath, clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') },
    });
    running.push(second);
    expect(holdsIn(first.dbPath)).toEqual([{ id: 'other-kiosk', owner: 'kiosk-in-room-2' }]);
  });

  it('keeps at most 3 sessions of one patient: the oldest ends, and its hold is released', async () => {
    const kut = await startKioskUnderTest();
    running.push(kut);
    const call = bridgeCaller(kut.kiosk.port);
    const oldest = await identify(call);
    await holdFirst(call, oldest);
    const newer = [await identify(call), await identify(call)];
    expect(holdsIn(kut.dbPath)).toHaveLength(1);
    newer.push(await identify(call));
    expect((await call('GET', '/api/appointments', { session: oldest })).json.error.kind).toBe('session-expired');
    for (const session of newer) expect((await call('GET', '/api/appointments', { session })).status).toBe(200);
    expect(holdsIn(kut.dbPath)).toEqual([]);
  });
});
