// /metrics for check-in on arrival: how many, by identification channel and
// outcome (codes only, never personal data). Registered on the kiosk's one
// registry (metrics/kiosk-metrics.ts) so /metrics shows it with the rest.
import { Counter, type Registry } from 'prom-client';
import type { CheckInMetrics } from '../check-in/check-in-service';

export function createCheckInMetrics(registry: Registry, mode: 'patient' | 'training' = 'patient'): CheckInMetrics & { forMode(mode: 'patient' | 'training'): CheckInMetrics } {
  const checkIns = new Counter({
    name: 'kiosk_check_ins_total',
    help: 'Check-ins on arrival, by identification channel (keypad, card, barcode, ticket-qr) and outcome (arrived, too-early, too-late, no-appointment-today, ticket-forged, ticket-other-clinic, failed)',
    labelNames: ['channel', 'outcome', 'mode'],
    registers: [registry],
  });
  const forMode = (m: 'patient' | 'training'): CheckInMetrics => ({ checkIn: (channel, outcome) => checkIns.inc({ channel, outcome, mode: m }) });
  return { ...forMode(mode), forMode };
}
