// A hub that identifies by policy and birth date (`patientMatch:
// "policy+birthDate"`), and a hub that gives no name: the n3 adapter through
// the resilience wrapper, against the HubService emulator on loopback.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBookingService } from '../../device-bridge/booking/booking-service';
import { loadKioskConfig } from '../../device-bridge/config-loader';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { startHubEmulator, type HubEmulator } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { N3Scheduler, type PatientMatch } from '../../device-bridge/scheduler/n3/n3-scheduler';
import { schedulerIdentification } from '../../device-bridge/scheduler/open-scheduler';
import { ResilientScheduler } from '../../device-bridge/scheduler/resilience/resilient-scheduler';
import { CONTRACT_NOW, IVANOVA, TEMPORARY_CERTIFICATE } from '../../device-bridge/scheduler/test-support/scheduler-contract';

const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!demo.ok) throw new Error('the demo clinic does not load');
const clinic = demo.value;
const now = () => new Date(CONTRACT_NOW);

const open: { hub: HubEmulator; kiosk: ResilientScheduler }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.kiosk.close();
    await o.hub.close();
  }
});

async function kioskOn(hubOptions: { requireBirthDate?: boolean; patientSearch?: boolean }, patientMatch: PatientMatch) {
  const hub = await startHubEmulator({ clinic, now, ...hubOptions });
  const kiosk = new ResilientScheduler(new N3Scheduler({ baseUrl: hub.url, guid: 'g', lpuId: 1, timeZone: 'Europe/Moscow', patientMatch, now }));
  open.push({ hub, kiosk });
  return { hub, kiosk };
}

describe('patientMatch policy+birthDate', () => {
  it('asks the hub with the birth date, and only with one', async () => {
    const { hub, kiosk } = await kioskOn({ requireBirthDate: true }, 'policy+birthDate');
    const withoutDate = await kiosk.findPatientByPolicy(IVANOVA);
    expect(withoutDate).toMatchObject({ ok: false, error: { kind: 'rejected-by-rule', rule: 'backend-rule' } });
    expect(hub.calls.get('CheckPatient') ?? 0).toBe(0);
    expect(await kiosk.findPatientByPolicy(IVANOVA, '1979-10-14')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    const found = await kiosk.findPatientByPolicy(IVANOVA, '1979-10-13');
    expect(found).toMatchObject({ ok: true, value: { surname: 'Иванова', birthDate: '1979-10-13', attached: true, district: '1' } });
  });

  it('is what the kiosk config says the UI must ask for', () => {
    const layer = (patientMatch: string) => ({
      scheduler: { adapter: 'n3', baseUrl: 'https://hub.example/HubService.svc', lpuId: 1234, auth: { guidEnv: 'KIOSK_N3_GUID' }, patientMatch },
    });
    const strict = loadKioskConfig([], layer('policy+birthDate'));
    const plain = loadKioskConfig([], layer('policy'));
    const embedded = loadKioskConfig([], {});
    if (!strict.ok || !plain.ok || !embedded.ok) throw new Error('test configs invalid');
    expect(schedulerIdentification(strict.value)).toEqual({ needsBirthDate: true });
    expect(schedulerIdentification(plain.value)).toEqual({ needsBirthDate: false });
    expect(schedulerIdentification(embedded.value)).toEqual({ needsBirthDate: false });
  });
});

describe('a hub that gives an id and no name', () => {
  it('identifies the patient without inventing a name: the birth date typed, the sex only where the ЕНП encodes it', async () => {
    const { kiosk } = await kioskOn({ requireBirthDate: true, patientSearch: false }, 'policy+birthDate');
    const found = await kiosk.findPatientByPolicy(IVANOVA, '1979-10-13');
    expect(found.ok && found.value).toMatchObject({ surname: '', givenName: '', patronymic: '', birthDate: '1979-10-13', sex: 'female', policyNumber: IVANOVA });
    // A temporary certificate encodes nothing: no sex is guessed.
    const certificate = await kiosk.findPatientByPolicy(TEMPORARY_CERTIFICATE, '1985-09-14');
    expect(certificate.ok && certificate.value).toMatchObject({ surname: '', birthDate: '1985-09-14', attached: true });
    expect(certificate.ok && 'sex' in certificate.value).toBe(false);
  });

  it('takes a chip card\'s name for «Это вы?» and the ticket, and shows none for a typed number', async () => {
    const { kiosk } = await kioskOn({ requireBirthDate: true, patientSearch: false }, 'policy+birthDate');
    const booking = createBookingService({
      scheduler: kiosk,
      clinic: { name: 'Поликлиника', address: 'Адрес', phone: '+7 495 000-00-00', timeZone: 'Europe/Moscow' },
      kioskId: 'kiosk-1',
      horizonDays: 14,
      holdSeconds: 300,
      sessionTtlMs: 15 * 60_000,
      logger: pino({ level: 'silent' }),
      now,
    });
    const holder = { surname: 'Иванова', givenName: 'Татьяна', patronymic: 'Алексеевна' };
    const byCard = await booking.startSession(IVANOVA, 'card', '1979-10-13', holder);
    expect(byCard.ok && byCard.value.patient).toEqual({ displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' });
    const typed = await booking.startSession(IVANOVA, 'keypad', '1979-10-13');
    expect(typed.ok && typed.value.patient.displayName).toBeNull();
  });
});
