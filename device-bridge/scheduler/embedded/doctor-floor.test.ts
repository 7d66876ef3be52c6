// A floor in the clinic file reaches the slot's doctor (and so the ticket and the check-in slip);
// a doctor without one has none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from './clinic-definition';
import { openEmbeddedScheduler } from './embedded-scheduler';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('the floor of a doctor in the clinic file is on the slots and in the directory; others have none', async () => {
  const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!demo.ok) throw new Error('the demo clinic does not load');
  const clinic = { ...demo.value, doctors: demo.value.doctors.map((d) => (d.id === 'doc-08' ? { ...d, floor: '3' } : d)) };
  const dir = mkdtempSync(join(tmpdir(), 'doctor-floor-'));
  dirs.push(dir);
  const scheduler = openEmbeddedScheduler({ dbPath: join(dir, 's.sqlite'), clinic, now: () => new Date('2026-11-23T04:30:00Z') });
  try {
    const slots = await scheduler.listFreeSlots({ from: '2026-11-23T00:00', to: '2026-11-30T00:00', specialtyCode: 'ophthalmologist' });
    if (!slots.ok) throw new Error(slots.error.kind);
    const withFloor = slots.value.find((s) => s.doctor.id === 'doc-08')!;
    const without = slots.value.find((s) => s.doctor.id === 'doc-09')!;
    expect(withFloor.doctor).toMatchObject({ room: '310', floor: '3' });
    expect(without.doctor).not.toHaveProperty('floor');
    const directory = await scheduler.listDirectory();
    if (!directory.ok) throw new Error(directory.error.kind);
    expect(directory.value.doctors.find((d) => d.id === 'doc-08')).toMatchObject({ floor: '3' });
  } finally {
    scheduler.close();
  }
});
