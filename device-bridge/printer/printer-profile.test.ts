import { describe, expect, it } from 'vitest';
import { listPrinterProfileIds, loadPrinterProfile } from './printer-profile';

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
    expect(!result.ok && result.error).toContain('generic-escpos-58, generic-escpos-80');
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
