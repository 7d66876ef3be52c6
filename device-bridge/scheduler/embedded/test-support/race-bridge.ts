// A stand-in for one kiosk bridge in the race test (embedded-scheduler.race.test.ts):
// opens the shared database file, then for each listed slot says "ready", waits
// for the parent's start signal and tries to hold and confirm that slot for its
// patient. The parent sends the signal only when every bridge is ready, so all
// of them are blocked on it at once; each bridge reports, round by round, that
// the signal found it already waiting. Talks to the parent over the fork IPC channel.
//
//   fork(race-bridge.ts, [<dbPath>, <nowIso>, <policy>, <slotId,slotId,…>], { execArgv: ['--import', 'tsx'] })
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../clinic-definition';
import { openEmbeddedScheduler } from '../embedded-scheduler';

/** Bridge → parent. */
export type BridgeMessage =
  | { readonly type: 'ready'; readonly round: number }
  | {
      readonly type: 'done';
      /** Slot id → `booked <number>` or the error kind. */
      readonly results: Record<string, string>;
      /** Per round: whether the start signal came while this bridge was blocked waiting for it. */
      readonly waitedForStart: boolean[];
    };

/** Parent → bridge: the start signal of one round. */
export interface StartSignal {
  readonly type: 'go';
  readonly round: number;
}

const [dbPath, nowIso, policy, slotList] = process.argv.slice(2);
if (!dbPath || !nowIso || !policy || !slotList || !process.send) {
  throw new Error('usage: fork race-bridge with <dbPath> <nowIso> <policy> <slotIds> and an IPC channel');
}
const send = (message: BridgeMessage) => process.send!(message);

let waiting: { round: number; release: () => void } | null = null;
const waitedForStart: boolean[] = [];
process.on('message', (message: StartSignal) => {
  // A signal for a round this bridge is not blocked on would mean the parent did not wait for it.
  const blocked = waiting !== null && waiting.round === message.round;
  waitedForStart[message.round] = blocked;
  if (!blocked) throw new Error(`start signal for round ${message.round} came while not waiting for it`);
  const { release } = waiting!;
  waiting = null;
  release();
});

/** Says "ready" and blocks until the round's start signal. */
function startSignal(round: number): Promise<void> {
  return new Promise((release) => {
    waiting = { round, release };
    send({ type: 'ready', round });
  });
}

const clinic = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!clinic.ok) throw new Error('demo clinic does not load');
const now = new Date(nowIso);
const scheduler = openEmbeddedScheduler({ dbPath, clinic: clinic.value, now: () => now, busyTimeoutMs: 5000 });
const patient = await scheduler.findPatientByPolicy(policy);
if (!patient.ok) throw new Error('patient not found');

const results: Record<string, string> = {};
for (const [round, slotId] of slotList.split(',').entries()) {
  await startSignal(round);
  const hold = await scheduler.holdSlot(slotId, patient.value.id, 60);
  if (!hold.ok) {
    results[slotId] = hold.error.kind;
    continue;
  }
  const booked = await scheduler.confirmHold(hold.value.id, `${process.pid}:${slotId}`);
  results[slotId] = booked.ok ? `booked ${booked.value.number}` : booked.error.kind;
}
scheduler.close();
process.send({ type: 'done', results, waitedForStart } satisfies BridgeMessage, () => process.disconnect());
