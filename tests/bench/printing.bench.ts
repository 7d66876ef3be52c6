// Printing budgets (issue 3): a ticket with its QR code is at most 1 KB and at
// most 0.1× the same ticket as a raster image; from the print request
// (POST /api/bookings/:id/print, what the UI sends once the patient confirmed)
// to the last byte of the ticket arriving at the virtual printer, p95 ≤ 150 ms.
import { decodeEscPos } from '../../device-bridge/printer/emulator/escpos-decoder';
import { renderPaper } from '../../device-bridge/printer/emulator/paper-render';
import { codepageTableOf, listPrinterProfileIds, loadPrinterProfile } from '../../device-bridge/printer/driver/printer-profile';
import { encodeRasterImage } from '../../device-bridge/printer/driver/raster';
import { SAMPLE_TICKET } from '../../device-bridge/printer/layout/sample-ticket';
import { encodeTicket } from '../../device-bridge/printer/layout/ticket-layout';
import { bridgeCaller } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest } from '../kiosk-harness';
import { percentile, type BenchFigure } from './bench-kit';

const PRINTS = 30;


/** The answer's JSON body. */
const call = async (port: number, method: 'GET' | 'POST', path: string, body?: unknown, session?: string): Promise<any> =>
  (await bridgeCaller(port)(method, path, { body, ...(session ? { session } : {}) })).json;

function byteFigures(): BenchFigure[] {
  let worstBytes = 0;
  let worstRatio = 0;
  let rasterOf80 = 0;
  for (const id of listPrinterProfileIds()) {
    const profile = loadPrinterProfile(id);
    if (!profile.ok) throw new Error(profile.error);
    const bytes = encodeTicket(SAMPLE_TICKET, profile.value);
    const [job] = decodeEscPos(bytes, { codepages: codepageTableOf(profile.value) }).jobs;
    const raster = encodeRasterImage(renderPaper(job!, profile.value));
    worstBytes = Math.max(worstBytes, bytes.length);
    worstRatio = Math.max(worstRatio, bytes.length / raster.length);
    if (id === 'generic-escpos-80') rasterOf80 = raster.length;
  }
  return [
    { name: 'ticket with QR, largest of all printer models', value: worstBytes, unit: 'bytes', budget: 1024 },
    { name: 'same ticket as a GS v 0 raster image (80 mm)', value: rasterOf80, unit: 'bytes' },
    { name: 'ticket bytes / raster bytes, worst model', value: Math.round(worstRatio * 1000) / 1000, unit: '×', budget: 0.1 },
  ];
}

async function latencyFigures(): Promise<BenchFigure[]> {
  const kut = await startKioskUnderTest();
  try {
    const { port } = kut.kiosk;
    const virtual = kut.kiosk.virtualPrinter!;
    const session = (await call(port, 'POST', '/api/sessions', { policyNumber: DEMO_PATIENT.policy })).value.sessionId as string;
    let appointmentId = '';
    for (const specialty of ['ophthalmologist', 'otolaryngologist', 'surgeon', 'therapist-district']) {
      const slots = await call(port, 'GET', `/api/specialties/${specialty}/slots`, undefined, session);
      if (!slots?.ok || slots.value.length === 0) continue;
      const hold = await call(port, 'POST', '/api/holds', { slotId: slots.value[0].id }, session);
      if (!hold?.ok) continue;
      const booked = await call(port, 'POST', '/api/bookings', { holdId: hold.value.holdId, clientKey: `bench-${specialty}-0001` }, session);
      if (booked?.ok) {
        appointmentId = booked.value.appointmentId;
        break;
      }
    }
    if (!appointmentId) throw new Error('printing bench: could not book a demo appointment');
    const samples: number[] = [];
    for (let i = 0; i < PRINTS + 3; i++) {
      const printed = virtual.tickets().length;
      const start = performance.now();
      const result = await call(port, 'POST', `/api/bookings/${appointmentId}/print`, undefined, session);
      if (result?.value?.outcome !== 'printed') throw new Error(`printing bench: print ${i} failed: ${JSON.stringify(result)}`);
      const lastByteAt = virtual.ticketTimes()[printed];
      if (lastByteAt === undefined) throw new Error('printing bench: the virtual printer got no ticket');
      if (i >= 3) samples.push(lastByteAt - start); // the first prints warm up the connection and JIT
    }
    return [
      { name: 'POST /api/bookings/:id/print → last ticket byte at the virtual printer, p50', value: percentile(samples, 50), unit: 'ms' },
      { name: 'POST /api/bookings/:id/print → last ticket byte at the virtual printer, p95', value: percentile(samples, 95), unit: 'ms', budget: 150 },
    ];
  } finally {
    await kut.kiosk.close();
  }
}

export async function run(): Promise<BenchFigure[]> {
  return [...byteFigures(), ...(await latencyFigures())];
}
