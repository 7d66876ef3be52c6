// A confirm for a hold this session does not have is a replay when its
// clientKey already booked: the UI retried after the bridge restarted (the
// in-memory session, with its holds and keys, is gone; the booking is in the
// scheduler). The same patient with the same key and hold gets the original
// booking; anybody else, or another hold, hears `client-key-reused`
// (issue 18, item 1). Used by booking-service.ts.
import { err, ok } from '../contract/result';
import type { ApiResult } from '../contract';
import type { KeyedBooking, Patient, Scheduler } from '../scheduler/scheduler-port';

/** The earlier booking this confirm replays, or null when the key never booked. */
export async function confirmReplay(scheduler: Scheduler, patient: Patient, holdId: string, clientKey: string): Promise<ApiResult<KeyedBooking | null>> {
  const found = await scheduler.bookingByClientKey(clientKey);
  if (!found.ok || found.value === null) return found;
  if (found.value.appointment.patientId !== patient.id || found.value.holdId !== holdId) return err({ kind: 'client-key-reused' });
  return ok(found.value);
}
