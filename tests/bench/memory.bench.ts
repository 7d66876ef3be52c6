// Memory of the bridge as its own process (issue 18, item 11): RSS at idle,
// after start-up has settled, and after 4,000 bookings made through the HTTP
// API as patients make them (tests/bridge-http.ts bookThroughApi), with the
// V8 heap next to it (process metrics of /metrics) to tell a leak from the
// runtime's own footprint. Budget: 120 MB idle for the packaged bridge (the
// esbuild bundle on Node 24, var/build/deb-root, left by `npm run package` or
// the startup bench); the repository's way (tsx compiling TypeScript at
// start) is printed beside it, since it is what `npm start` runs.
//
//   npm run bench -- memory
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enpCheckDigit } from '../../device-bridge/domain/oms-policy';
import { REPO_ROOT } from '../kiosk-harness';
import { bookThroughApi, bridgeCaller, metricSample, type BridgeCall } from '../bridge-http';
import { spawnKiosk, waitForHealthz, writeTestLayer } from '../kiosk-process';
import { bigClinic } from './scheduler.bench';
import type { BenchFigure } from './bench-kit';

/** `KIOSK_BENCH_BOOKINGS=400 npm run bench -- memory` for a quick look. */
const BOOKINGS = Number(process.env.KIOSK_BENCH_BOOKINGS ?? 4000);
/** Patients at once, as several kiosks' worth of load on one bridge; each on another specialty and patient, mostly. */
const CLIENTS = 4;
const PACKAGED = join(REPO_ROOT, 'var/build/deb-root/opt/clinic-kiosk');
const MB = 1024 * 1024;
/** Self-bookable for an adult (device-bridge/booking/booking-policy.ts), not tied to a district. */
const SPECIALTIES = [
  { code: 'surgeon', name: 'Хирург' },
  { code: 'ophthalmologist', name: 'Офтальмолог' },
  { code: 'otolaryngologist', name: 'Оториноларинголог' },
  { code: 'obstetrician-gynecologist', name: 'Акушер-гинеколог' },
];

interface Starter {
  readonly label: string;
  readonly command: string;
  readonly args: (layer: string) => string[];
  readonly budget?: number;
}

/** Resident set size of a process, from the kernel (bytes). */
function rssOf(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kb ? Number(kb[1]) * 1024 : Number.NaN;
}

async function heapUsed(call: BridgeCall): Promise<number> {
  return metricSample((await call('GET', '/metrics')).text, 'nodejs_heap_size_used_bytes');
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(starter: Starter, clinicFile: string): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-memory-'));
  try {
    const layer = await writeTestLayer(dir);
        const config = JSON.parse(readFileSync(layer.file, 'utf8'));
    writeFileSync(layer.file, JSON.stringify({ ...config, scheduler: { ...config.scheduler, clinicFile } }));
    const kiosk = spawnKiosk(starter.command, starter.args(layer.file), layer.port, { cwd: REPO_ROOT });
    try {
      await waitForHealthz(kiosk, performance.now(), 30_000);
      const pid = kiosk.child.pid!;
      const call = bridgeCaller(layer.port);
      await settle(2000);
      const idle = rssOf(pid);
      const idleHeap = await heapUsed(call);

      const clinic = JSON.parse(readFileSync(clinicFile, 'utf8')) as ReturnType<typeof bigClinic>;
      // Job k: specialty k mod 4 and a patient a quarter of the list further per specialty, so the clients
      // at work at one time book different patients on different specialties (no slot race to lose).
      const codes = clinic.departments[0]!.specialties.map((s) => s.code);
      const per = clinic.patients.length;
      const jobs = Array.from({ length: BOOKINGS }, (_, k) => ({
        policy: clinic.patients[(Math.floor(k / codes.length) + (k % codes.length) * Math.floor(per / codes.length)) % per]!.policyNumber,
        specialty: codes[k % codes.length]!,
      }));
      let next = 0;
      let retried = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            for (let attempt = 1; ; attempt++) {
              try {
                const booked = await bookThroughApi(call, job.policy, job.specialty);
                await call('DELETE', '/api/sessions/current', { session: booked.sessionId });
                break;
              } catch (cause) {
                // Another client took the same first free slot a moment earlier: pick again.
                if (attempt >= 3) throw cause;
                retried++;
              }
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const loaded = rssOf(pid);
      const loadedHeap = await heapUsed(call);
      return [
        { name: `${starter.label}: RSS idle`, value: Math.round(idle / MB), unit: 'MB', ...(starter.budget ? { budget: starter.budget } : {}) },
        { name: `${starter.label}: V8 heap used idle`, value: Math.round(idleHeap / MB), unit: 'MB' },
        { name: `${starter.label}: RSS after ${jobs.length} bookings (${CLIENTS} clients, ${Math.round(jobs.length / seconds)} bookings/s, ${retried} retried)`, value: Math.round(loaded / MB), unit: 'MB' },
        { name: `${starter.label}: V8 heap used after ${jobs.length} bookings`, value: Math.round(loadedHeap / MB), unit: 'MB' },
      ];
    } catch (cause) {
      throw new Error(`${starter.label}: ${(cause as Error).message}\n${kiosk.output().slice(-2000)}`, { cause });
    } finally {
      await kiosk.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-memory-clinic-'));
  try {
    // The scheduler bench's big clinic on four self-bookable adult specialties (three doctors each), with
    // 1,000 patients: 4,000 bookings are each patient's one per specialty (the booking rule).
    const base = bigClinic();
    const codes = SPECIALTIES.map((s) => s.code);
    const patients = Array.from({ length: Math.ceil(BOOKINGS / codes.length) }, (_, i) => ({ ...base.patients[0]!, policyNumber: policyOf(i) }));
    const clinic = {
      ...base,
      departments: [{ code: 'all', name: 'Все', specialties: SPECIALTIES }],
      // Three doctors per specialty: ~1,700 slots each within the 14-day horizon, room for 1,000 bookings.
      doctors: base.doctors.slice(0, 3 * codes.length).map((d, i) => ({ ...d, specialty: codes[i % codes.length]! })),
      patients,
    };
    const clinicFile = join(dir, 'clinic.json');
    writeFileSync(clinicFile, JSON.stringify(clinic));
    const figures: BenchFigure[] = [];
    if (existsSync(join(PACKAGED, 'device-bridge/cli.mjs'))) {
      const bundle = join(PACKAGED, 'device-bridge/cli.mjs');
      figures.push(...(await measure({ label: 'packaged (bundle on Node 24)', command: join(PACKAGED, 'node/bin/node'), args: (layer) => [bundle, 'start', '--config', layer], budget: 120 }, clinicFile)));
    } else {
      console.log('No packaged tree in var/build/deb-root (npm run package, or npm run bench -- startup, builds it): the packaged figures are left out.');
    }
    figures.push(...(await measure({ label: `tsx (node ${process.version} bin/kiosk.mjs start)`, command: process.execPath, args: (layer) => ['bin/kiosk.mjs', 'start', '--config', layer] }, clinicFile)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A valid ЕНП per patient number, distinct from the demo clinic's. */
function policyOf(i: number): string {
  const body = `770000000${String(i).padStart(6, '0')}`;
  return `${body}${enpCheckDigit(body)}`;
}
