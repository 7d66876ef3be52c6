// Patients booking at kiosks over a slow backend, as the bridge sees them:
// each kiosk has the bridge's own scheduler stack (backend call counter →
// resilience → session memo, as device-bridge/scheduler/open-scheduler.ts
// builds it) and booking service, with or without reading ahead
// (device-bridge/booking/read-ahead.ts). A patient types the policy, looks at
// each screen for a while (think time) and taps; the wait for each screen is
// the bridge call that produces it (no HTTP, no rendering: those add a few ms).
import pino from 'pino';
import { createBookingService, type BookingService } from '../../device-bridge/booking/booking-service';
import { withReadAhead } from '../../device-bridge/booking/read-ahead';
import { countBackendCalls, type CallPurpose } from '../../device-bridge/metrics/backend-calls';
import { PrefetchingScheduler } from '../../device-bridge/scheduler/prefetch/prefetching-scheduler';
import { DEFAULT_READ_AHEAD } from '../../device-bridge/scheduler/prefetch/read-ahead-settings';
import { ResilientScheduler } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import type { BenchBackend } from './hub-backend';

/** `retimes`: the free times shown again after the slot the patient tapped was taken (fetched anew, never from the memo). */
export type Screen = 'identify' | 'specialties' | 'times' | 'retimes' | 'review' | 'confirm';

export interface JourneyOptions {
  readonly prefetch: boolean;
  readonly kiosks: number;
  readonly bookingsPerKiosk: number;
  /** The patient's time on a screen before the tap, ms (uniform). */
  readonly thinkMs: readonly [number, number];
  readonly seed: number;
}

export interface JourneyFigures {
  /** Every wait, per screen, ms. */
  readonly waits: Record<Screen, number[]>;
  readonly bookings: number;
  /** Backend calls, by purpose, over the whole run (background directory reads included). */
  readonly calls: Record<CallPurpose, number>;
  /** The patient's backend calls made while the confirm was waited for, most in one booking. */
  readonly confirmCallsMax: number;
  /** Holds refused because the slot was gone: the patient was told and chose again. */
  readonly slotTaken: number;
  /** Journeys that ended without a booking (no bookable specialty, a rule). */
  readonly abandoned: number;
}

/** Small seeded generator (mulberry32): the same think times in both runs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const silent = pino({ level: 'silent' });

interface Kiosk {
  readonly booking: BookingService;
  readonly counts: { patient: number; prefetch: number; background: number };
  close(): void;
}

function openKiosk(backend: BenchBackend, id: string, prefetch: boolean): Kiosk {
  const counts = { patient: 0, prefetch: 0, background: 0 };
  const counted = countBackendCalls(backend.open(id), (_operation, purpose) => counts[purpose]++);
  const resilient = new ResilientScheduler(counted, { logger: silent });
  const scheduler = new PrefetchingScheduler(resilient);
  const service = createBookingService({
    scheduler,
    clinic: { name: 'Поликлиника', address: 'Адрес', phone: '+7', timeZone: 'Europe/Moscow' },
    kioskId: id,
    horizonDays: 14,
    holdSeconds: 300,
    sessionTtlMs: 15 * 60_000,
    // The demo clinic has seven patients and each books again and again: the one-active-booking rule is off.
    policy: { maxActivePerSpecialty: 0, maxBookingsPerSession: 0 },
    logger: silent,
  });
  const booking = prefetch ? withReadAhead(service, { settings: DEFAULT_READ_AHEAD, logger: silent }) : service;
  return { booking, counts, close: () => scheduler.close() };
}

async function timed<T>(waits: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const answer = await work();
  waits.push(performance.now() - started);
  return answer;
}

export async function measureJourneys(backend: BenchBackend, options: JourneyOptions): Promise<JourneyFigures> {
  const waits: Record<Screen, number[]> = { identify: [], specialties: [], times: [], retimes: [], review: [], confirm: [] };
  const figures = { bookings: 0, confirmCallsMax: 0, slotTaken: 0, abandoned: 0 };
  const kiosks = Array.from({ length: options.kiosks }, (_, k) => openKiosk(backend, `bench-kiosk-${k}`, options.prefetch));
  // Reference data is warm before the first patient, as on a kiosk that has been up for a while.
  await Promise.all(kiosks.map((k) => k.booking.listSpecialties()));

  const walk = async (kiosk: Kiosk, k: number): Promise<void> => {
    const rnd = random(options.seed + k);
    const think = () => sleep(options.thinkMs[0] + rnd() * (options.thinkMs[1] - options.thinkMs[0]));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    for (let b = 0; b < options.bookingsPerKiosk; b++) {
      const { booking } = kiosk;
      await think(); // typing the policy number
      // Each kiosk has its own patient: a backend keeps one hold per patient, and one person is at one kiosk at a time.
      const policy = backend.policies[k % backend.policies.length]!;
      const started = await timed(waits.identify, () => booking.startSession(policy, 'keypad'));
      if (!started.ok) throw new Error(`bench patient not identified: ${started.error.kind}`);
      const session = started.value.sessionId;
      let booked: string | null = null;
      try {
        await think(); // «Это вы?»
        const specialties = await timed(waits.specialties, () => booking.listSpecialties(session));
        if (!specialties.ok) throw new Error(`specialties: ${JSON.stringify(specialties.error)}`);
        const bookable = specialties.value.filter((s) => s.nearestFree !== null && !s.blockedBy);
        if (bookable.length === 0) {
          figures.abandoned++;
          continue;
        }
        await think(); // which doctor do I need?
        const code = pick(bookable).code;
        for (let attempt = 0; attempt < 3 && booked === null; attempt++) {
          const slots = await timed(attempt === 0 ? waits.times : waits.retimes, () => booking.listSlots(code, session));
          if (!slots.ok || slots.value.length === 0) break;
          await think(); // a day, a time
          const slot = pick(slots.value.slice(0, 40));
          const hold = await timed(waits.review, () => booking.hold(session, slot.id));
          if (!hold.ok) {
            if (hold.error.kind === 'slot-taken' || hold.error.kind === 'slot-not-found') {
              figures.slotTaken++;
              continue;
            }
            break;
          }
          await think(); // reading the review
          const before = kiosk.counts.patient;
          const done = await timed(waits.confirm, () => booking.book(session, hold.value.holdId, `bench-${k}-${b}-${attempt}`));
          figures.confirmCallsMax = Math.max(figures.confirmCallsMax, kiosk.counts.patient - before);
          if (!done.ok) {
            if (done.error.kind === 'slot-taken') figures.slotTaken++;
            continue;
          }
          booked = done.value.appointmentId;
          figures.bookings++;
        }
        if (booked === null) figures.abandoned++;
      } finally {
        await booking.endSession(session, 'done');
      }
    }
  };
  try {
    await Promise.all(kiosks.map(walk));
  } finally {
    for (const k of kiosks) k.close();
  }
  const calls = { patient: 0, prefetch: 0, background: 0 };
  for (const k of kiosks) for (const p of ['patient', 'prefetch', 'background'] as const) calls[p] += k.counts[p];
  return { waits, calls, ...figures };
}
