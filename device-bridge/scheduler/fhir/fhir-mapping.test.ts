// A Patient's sex comes from Patient.gender, or from what a 16-digit ЕНП encodes;
// when neither tells it, the record is unusable: the kiosk says so (as for any
// broken record) instead of guessing, and the log names the field, not the patient.
import type pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger';
import { ResilientScheduler } from '../resilience/resilient-scheduler';
import { openFhirScheduler } from './fhir-scheduler';
import { toPatient } from './fhir-mapping';
import type { FhirPatient } from './fhir-resources';

const OLD_STYLE = 'ЯБ 5721436';
const IVANOVA_ENP = '6449020886006380'; // encodes a woman born 13.10.1979
const OPTIONS = { organization: null, districtExtension: 'urn:clinic-kiosk:fhir:district' };

function patient(gender?: string): FhirPatient {
  return {
    resourceType: 'Patient',
    id: 'p1',
    name: [{ use: 'official', family: 'Новиков', given: ['Андрей', 'Петрович'] }],
    birthDate: '1971-02-03',
    ...(gender === undefined ? {} : { gender }),
  };
}

describe('the sex of a FHIR Patient', () => {
  it('is Patient.gender when that is male or female', () => {
    expect(toPatient(patient('male'), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { sex: 'male' } });
    expect(toPatient(patient('female'), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  it('is what the ЕНП encodes when the record does not say', () => {
    expect(toPatient(patient(), IVANOVA_ENP, OPTIONS)).toMatchObject({ ok: true, value: { sex: 'female' } });
    expect(toPatient(patient('unknown'), IVANOVA_ENP, OPTIONS)).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  it('is an error naming the field when neither the record nor the policy tells it (never a guessed "male")', () => {
    for (const gender of [undefined, 'unknown', 'other']) {
      expect(toPatient(patient(gender), OLD_STYLE, OPTIONS)).toEqual({
        ok: false,
        error: { kind: 'patient-record-unusable', field: 'gender', problem: expect.any(String) },
      });
    }
  });
});

describe('the FHIR adapter finding a patient whose sex is unknown', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('answers "unavailable" like any broken patient record; the log names the field and no personal data', async () => {
    const found = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient('unknown') }] };
    const empty = { resourceType: 'Bundle', type: 'searchset', entry: [] };
    vi.stubGlobal('fetch', async (url: URL) => {
      const body = url.pathname.endsWith('/Patient') ? found : empty;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/fhir+json' } });
    });
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) } as pino.DestinationStream);
    const kiosk = new ResilientScheduler(openFhirScheduler({ baseUrl: 'http://fhir.invalid/fhir/', timeZone: 'Europe/Moscow' }), { logger });
    const answer = await kiosk.findPatientByPolicy(OLD_STYLE);
    kiosk.close();

    expect(answer).toEqual({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/^malformed answer: gender .* in a Patient$/) } });
    const failures = lines.map((l) => JSON.parse(l) as { event?: string; cause?: string }).filter((e) => e.event === 'scheduler-call-failed');
    expect(failures).toEqual([expect.objectContaining({ cause: expect.stringMatching(/^malformed answer: gender /) })]);
    const log = lines.join('\n');
    for (const personal of ['Новиков', 'Андрей', '1971', '5721436', 'ЯБ', '"unknown"', '"p1"']) expect(log).not.toContain(personal);
  });
});

describe('the phone of a FHIR Patient (the waiting list calls it back)', () => {
  const withTelecom = (telecom: FhirPatient['telecom']): FhirPatient => ({ ...patient('male'), telecom });

  it('is a mobile first, then by rank, as +7 and 10 digits', () => {
    const home = { system: 'phone', value: '8 (495) 123-45-67', use: 'home', rank: 1 };
    const mobile = { system: 'phone', value: '+7 912 345-67-89', use: 'mobile', rank: 2 };
    expect(toPatient(withTelecom([home, mobile]), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { phone: '+79123456789' } });
    expect(toPatient(withTelecom([home]), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { phone: '+74951234567' } });
  });

  it('is null when the record has no Russian phone: an e-mail, an old number, a foreign one', () => {
    const telecom = [
      { system: 'email', value: 'novikov@example.ru' },
      { system: 'phone', value: '+7 912 000-00-00', use: 'old' },
      { system: 'phone', value: '+44 20 7946 0958' },
    ];
    expect(toPatient(withTelecom(telecom), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { phone: null } });
    expect(toPatient(patient('male'), OLD_STYLE, OPTIONS)).toMatchObject({ ok: true, value: { phone: null } });
  });
});
