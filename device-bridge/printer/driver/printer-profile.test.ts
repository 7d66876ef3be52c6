import { describe, expect, it } from 'vitest';
import { codepageTableOf, listPrinterProfileIds, loadPrinterProfile, validatePrinterProfile, type PrinterProfile } from './printer-profile';

describe('loadPrinterProfile', () => {
  it('loads the 80 mm generic Epson profile with CP866 pinned to ESC t 17', () => {
    const result = loadPrinterProfile('generic-escpos-80');
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        id: 'generic-escpos-80',
        columns: 42,
        dotsPerLine: 576,
        codepage: { name: 'cp866', escT: 17 },
        codepageMapping: 'epson',
        qrCode: { native: true },
        statusProtocol: 'epson-dle-eot',
      }),
    });
  });

  it('loads the 58 mm profile with 32 columns and 384 dots', () => {
    const result = loadPrinterProfile('generic-escpos-58');
    expect(result.ok && result.value.columns).toBe(32);
    expect(result.ok && result.value.dotsPerLine).toBe(384);
  });

  it('names the known models when the configured one does not exist', () => {
    const result = loadPrinterProfile('epson-tm-t99');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('unknown printer model "epson-tm-t99"');
    expect(!result.ok && result.error).toContain('citizen-ppu700, custom-vkp80iii, generic-escpos-58, generic-escpos-80, nippon-primex-np2511');
  });

  it('never treats a configured id as a path', () => {
    expect(loadPrinterProfile('../printer-profile').ok).toBe(false);
    expect(loadPrinterProfile('models/generic-escpos-80').ok).toBe(false);
  });

  it('every shipped model file is valid', () => {
    for (const id of listPrinterProfileIds()) {
      expect(loadPrinterProfile(id), id).toMatchObject({ ok: true });
    }
  });
});

describe('kiosk printer models', () => {
  const load = (id: string): PrinterProfile => {
    const result = loadPrinterProfile(id);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };

  it.each<[string, string, number, string]>([
    ['custom-vkp80iii', 'cp866', 17, 'custom-full-status'],
    ['citizen-ppu700', 'cp866', 7, 'epson-dle-eot'],
    ['nippon-primex-np2511', 'windows1251', 4, 'primex-esc-v'],
    ['generic-escpos-80', 'cp866', 17, 'epson-dle-eot'],
    ['generic-escpos-58', 'cp866', 17, 'epson-dle-eot'],
  ])('%s prints %s with ESC t %i and speaks %s', (id, codepage, escT, statusProtocol) => {
    const profile = load(id);
    expect(profile.codepage).toEqual({ name: codepage, escT });
    expect(profile.statusProtocol).toBe(statusProtocol);
    expect(codepageTableOf(profile)).toEqual({ 0: 'cp437', [escT]: codepage });
  });

  it('only the Custom VKP80 has a presenter: GS e 3 hands the ticket out', () => {
    expect(load('custom-vkp80iii').presenter).toEqual({ presentAfterCut: [0x1d, 0x65, 3] });
    expect(load('citizen-ppu700').presenter).toBeUndefined();
  });

  it('refuses a profile whose codepageMapping would send another ESC t number than it says', () => {
    const raw = { ...load('citizen-ppu700'), codepageMapping: { cp866: 17 } };
    const result = validatePrinterProfile(raw, 'citizen-ppu700');
    expect(result).toEqual({ ok: false, error: 'models/citizen-ppu700.json: codepageMapping selects cp866 with ESC t 17, but codepage.escT is 7' });
  });

  it('names the field of a typo in a model file', () => {
    const raw = { ...load('generic-escpos-80'), statusProtocol: 'epson-dle' };
    const result = validatePrinterProfile(raw, 'generic-escpos-80');
    expect(!result.ok && result.error).toMatch(/^models\/generic-escpos-80\.json: statusProtocol: /);
  });
});
