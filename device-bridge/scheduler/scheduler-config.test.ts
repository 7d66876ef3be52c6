import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../config-loader';
import { readSchedulerToken } from './open-scheduler';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('scheduler and booking policy config', () => {
  it('defaults to the embedded scheduler and the Minzdrav booking rules', () => {
    const config = loadKioskConfig();
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.value.scheduler.adapter).toBe('embedded');
    expect(config.value.booking).toMatchObject({
      horizonDays: 14,
      maxActivePerSpecialty: 1,
      maxBookingsPerSession: 3,
      adultAge: 18,
      districtSpecialties: ['therapist-district', 'gp', 'pediatrician-district'],
    });
    expect(config.value.booking.selfBookableSpecialties).toHaveLength(14);
  });

  it('takes a FHIR server with its defaults filled in', () => {
    const config = loadKioskConfig([], {
      scheduler: { adapter: 'fhir', baseUrl: 'https://fhir.clinic.local/fhir/R4/', auth: { tokenEnv: 'KIOSK_FHIR_TOKEN' }, organization: 'Organization/gp-3' },
    });
    expect(config.ok).toBe(true);
    if (!config.ok || config.value.scheduler.adapter !== 'fhir') return;
    expect(config.value.scheduler).toMatchObject({
      patientIdentifierSystem: 'https://fhir.ru/ig/core/systems/oms',
      specialtyCodes: {},
      // inherited from the defaults: the print journal still lives next to it
      database: 'var/scheduler.sqlite',
    });
  });

  it('reports every FHIR setting problem with its field path', () => {
    const config = loadKioskConfig([], {
      scheduler: { adapter: 'fhir', baseUrl: 'fhir.clinic.local', auth: { tokenEnv: 'X', tokenFile: '/etc/kiosk/token' }, organization: 'gp-3', timeoutMs: 5 },
      booking: { maxActivePerSpecialty: -1, selfBookableSpecialties: ['Хирург'] },
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error.map((p) => p.path)).toEqual(
      expect.arrayContaining(['scheduler.baseUrl', 'scheduler.auth', 'scheduler.organization', 'scheduler', 'booking.maxActivePerSpecialty', 'booking.selfBookableSpecialties.0']),
    );
  });

  it('reads the bearer token from the named environment variable or file, and says plainly when it is missing', () => {
    expect(readSchedulerToken({ tokenEnv: 'KIOSK_FHIR_TOKEN' }, '/', { KIOSK_FHIR_TOKEN: ' s3cret\n' })).toEqual({ ok: true, value: 's3cret' });
    expect(readSchedulerToken({ tokenEnv: 'KIOSK_FHIR_TOKEN' }, '/', {})).toEqual({ ok: false, error: 'scheduler.auth.tokenEnv: the environment variable KIOSK_FHIR_TOKEN is not set' });
    const dir = mkdtempSync(join(tmpdir(), 'fhir-token-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'token'), 'from-file\n');
    expect(readSchedulerToken({ tokenFile: 'token' }, dir)).toEqual({ ok: true, value: 'from-file' });
    const missing = readSchedulerToken({ tokenFile: 'nope' }, dir);
    expect(missing).toEqual({ ok: false, error: 'scheduler.auth.tokenFile: cannot read nope (ENOENT)' });
    expect(readSchedulerToken(undefined, dir)).toEqual({ ok: true, value: null });
  });
});
