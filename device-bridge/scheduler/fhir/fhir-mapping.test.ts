// A Patient's sex comes from Patient.gender, or from what a 16-digit ЕНП encodes;
// when neither tells it, the record is unusable: the kiosk says so (as for any
// broken record) instead of guessing, and the log names the field, not the patient.
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('answers "unavailable" like any broken patient record, with a cause that names the field and no personal data', async () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient('unknown') }] };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(bundle), { status: 200, headers: { 'content-type': 'application/fhir+json' } }));
    const scheduler = openFhirScheduler({ baseUrl: 'http://fhir.invalid/fhir/', timeZone: 'Europe/Moscow' });
    const found = await scheduler.findPatientByPolicy(OLD_STYLE);
    scheduler.close();
    expect(found).toEqual({ ok: false, error: { kind: 'unavailable', cause: expect.stringMatching(/^malformed answer: gender .* in a Patient$/) } });
    const cause = !found.ok && found.error.kind === 'unavailable' ? found.error.cause : '';
    for (const personal of ['Новиков', 'Андрей', '1971', '5721436', 'unknown', 'p1']) expect(cause).not.toContain(personal);
  });
});
