// Issue 15 end to end, in Chromium: the schedule is down → the patient leaves
// a request («Оставить заявку») → the slip «Заявка принята» comes out of the
// virtual printer (a real socket) → the schedule comes back → the kiosk books
// normally again by itself, with no stale outage notice on the attract screen
// → the request is in the scheduler's waiting list, once.
// FHIR: a real outage (the project's FHIR server on loopback stops and starts).
// Embedded: the scheduler is the kiosk's own SQLite, which cannot go down, so
// the outage is the UI's one HTTP answer (as in screens.spec.ts); delivery is real.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DecodedJob } from '../../device-bridge/printer/emulator/escpos-decoder';
import { loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { KIOSK_FHIR } from '../../device-bridge/scheduler/fhir/fhir-resources';
import { startFhirTestServer, type FhirTestServer } from '../fhir-server/fhir-test-server';
import { seedFhirClinic } from '../fhir-server/seed-clinic';
import { clinicMorning, DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { identify, pageTo, typePolicyOnKeypad } from './kiosk-page';

const paperText = (job: DecodedJob): string => job.lines.map((line) => line.trim()).join(' ').replace(/\s+/g, ' ');

/** From «Начать» on a kiosk whose schedule is down to «Заявка принята»; returns the reference shown. */
async function leaveRequestDuringOutage(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Начать' }).tap();
  await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
  await page.getByRole('button', { name: 'Продолжить' }).tap();
  await expect(page.getByText('Расписание поликлиники сейчас недоступно')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Оставить заявку' }).tap();
  await pageTo(page, page.getByRole('button', { name: /^Хирург/ }));
        await page.getByRole('button', { name: /^Хирург/ }).first().tap();
  await page.getByRole('button', { name: 'Нет удобного времени' }).tap();
  // a wrong first digit is refused as typed, and said why
  await typePolicyOnKeypad(page, '8');
  await expect(page.getByRole('alert')).toContainText('начинается с 9');
  await typePolicyOnKeypad(page, '9161234567');
  await page.getByRole('button', { name: 'Отправить заявку' }).tap();
  await expect(page.getByRole('heading', { name: 'Заявка принята' })).toBeVisible();
  await expect(page.getByText('Возьмите талон с номером заявки.')).toBeVisible();
  return (await page.getByTestId('request-reference').textContent()) ?? '';
}

function expectSlip(kut: KioskUnderTest, reference: string): void {
  const slips = kut.kiosk.virtualPrinter!.tickets().filter((job) => job.cut).map(paperText).filter((text) => text.includes('Заявка принята'));
  expect(slips).toHaveLength(1);
  expect(slips[0]).toContain(reference);
  expect(slips[0]).toContain('Регистратура позвонит');
  expect(slips[0]).not.toContain('9161234567');
  expect(slips[0]).not.toContain(DEMO_PATIENT.policy.slice(-4));
}

/** Back on the attract screen: no outage notice left over; then a patient identifies and books as usual. */
async function expectNormalBooking(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Готово' }).tap();
  await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
  await expect(page.getByText(/недоступн/)).toHaveCount(0);
  await identify(page, DEMO_PATIENT.policy);
  await expect(page.locator('.specialty-card', { hasText: 'Хирург' })).toBeVisible();
}

test.describe('«Оставить заявку» on the embedded scheduler', () => {
  let kut: KioskUnderTest;
  test.beforeEach(async () => {
    kut = await startKioskUnderTest({ outbox: { retryBaseSeconds: 0.2, retryMaxSeconds: 1 } });
  });
  test.afterEach(async () => {
    await kut.kiosk.close();
  });

  test('outage → request → slip → recovery → one waiting-list entry', async ({ page }) => {
    await page.route('**/api/sessions', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }) })
        : route.continue(),
    );
    await page.goto(kut.kiosk.url);
    const reference = await leaveRequestDuringOutage(page);
    expectSlip(kut, reference);
    await page.unroute('**/api/sessions');
    await expectNormalBooking(page);

    const rows = () => {
      const db = new Database(kut.dbPath, { readonly: true });
      try {
        return db.prepare(`SELECT specialty_code AS specialty, claim, client_key AS key FROM waiting_list`).all() as Array<{ specialty: string; claim: string; key: string }>;
      } finally {
        db.close();
      }
    };
    await expect.poll(rows).toEqual([{ specialty: 'surgeon', claim: 'no-convenient-time', key: expect.any(String) }]);
  });
});

/** The clinic's morning, ticking: delivery retries come due as time passes (the harness's frozen clock never lets them). */
function morningClock(): () => Date {
  const start = clinicMorning().getTime();
  const t0 = performance.now();
  return () => new Date(start + (performance.now() - t0));
}

test.describe('«Оставить заявку» on FHIR, with a real outage', () => {
  let server: FhirTestServer;
  let kut: KioskUnderTest;
  test.beforeEach(async () => {
    server = await startFhirTestServer();
    const clinic = loadClinicDefinition(join(REPO_ROOT, 'config/demo-clinic.json'));
    if (!clinic.ok) throw new Error('demo clinic');
    const today = clinicMorning().toISOString().slice(0, 10);
    const { organization } = await seedFhirClinic(server.repo, clinic.value, { from: today, days: 14 });
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-fhir-'));
    kut = await startKioskUnderTest({
      scheduler: {
        adapter: 'fhir',
        baseUrl: server.url,
        organization,
        database: join(dir, 'scheduler.sqlite'),
        clinicFile: join(REPO_ROOT, 'config/demo-clinic.json'),
        // The FHIR server shares this busy test process: a little more time than a clinic's server gets.
        resilience: { cooldownSeconds: 0.2, timeoutMs: 10_000 },
      },
      outbox: { retryBaseSeconds: 0.2, retryMaxSeconds: 1 },
    } as never, { now: morningClock() });
  });
  test.afterEach(async () => {
    await kut.kiosk.close();
    await server.close();
  });

  test('server down → request → slip → server back → normal booking and one waitlist Appointment', async ({ page }) => {
    await page.goto(kut.kiosk.url);
    await server.stop();
    const reference = await leaveRequestDuringOutage(page);
    expectSlip(kut, reference);
    await server.start();
    const waitlist = async () => {
      const res = await fetch(`${server.url}Appointment?status=waitlist`);
      const bundle = (await res.json()) as { entry?: Array<{ resource: { identifier?: Array<{ system: string }> } }> };
      return (bundle.entry ?? []).filter((e) => e.resource.identifier?.some((i) => i.system === KIOSK_FHIR.waitingListRequestSystem)).length;
    };
    await expect.poll(waitlist, { timeout: 20_000 }).toBe(1);
    await expectNormalBooking(page);
    expect(await waitlist()).toBe(1);
  });
});
