// A stand-in for one kiosk bridge in the race test: opens the shared database
// file, then for each listed slot waits for that slot's common start signal
// and tries to hold and confirm it for its patient. Prints one JSON line with what it got.
//
//   node --import tsx race-bridge.ts <dbPath> <nowIso> <startAtEpochMs> <policy> <slotId,slotId,…>
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../clinic-definition';
import { openEmbeddedScheduler } from '../embedded-scheduler';

const [dbPath, nowIso, startAt, policy, slotList] = process.argv.slice(2);
if (!dbPath || !nowIso || !startAt || !policy || !slotList) throw new Error('usage: race-bridge <dbPath> <nowIso> <startAtEpochMs> <policy> <slotIds>');

const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!clinic.ok) throw new Error('demo clinic does not load');
const now = new Date(nowIso);
const scheduler = openEmbeddedScheduler({ dbPath, clinic: clinic.value, now: () => now, busyTimeoutMs: 5000 });
const patient = await scheduler.findPatientByPolicy(policy);
if (!patient.ok) throw new Error('patient not found');

/** Each slot gets its own starting gun, so the bridges really collide on every one of them. */
const ROUND_MS = 25;

const results: Record<string, string> = {};
for (const [round, slotId] of slotList.split(',').entries()) {
  const gun = Number(startAt) + round * ROUND_MS;
  while (Date.now() < gun) {
    // spin: every bridge goes for this slot at the same instant
  }
  const hold = await scheduler.holdSlot(slotId, patient.value.id, 60);
  if (!hold.ok) {
    results[slotId] = hold.error.kind;
    continue;
  }
  const booked = await scheduler.confirmHold(hold.value.id, `${process.pid}:${slotId}`);
  results[slotId] = booked.ok ? `booked ${booked.value.number}` : booked.error.kind;
}
scheduler.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
