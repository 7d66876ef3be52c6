import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../emulator/escpos-decoder';
import { renderPaper } from '../emulator/paper-render';
import { codepageTableOf, listPrinterProfileIds } from '../driver/printer-profile';
import { hex, profileOf } from './test-support/layout-test-kit';
import { encodeRasterImage, loadLogo } from '../driver/raster';
import { SAMPLE_TICKET } from './sample-ticket';
import { encodeTicket, toPrintableText, wrapText } from './ticket-layout';

const profile = profileOf;
const p80 = profile('generic-escpos-80');
const p58 = profile('generic-escpos-58');

const decodeOne = (bytes: Uint8Array) => {
  const { jobs } = decodeEscPos(bytes);
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
};

describe('wrapText', () => {
  it.each([
    ['short text stays on one line', 'Кабинет 214', 20, ['Кабинет 214']],
    ['breaks between words, never inside one', 'Врач-терапевт участковый приём', 15, ['Врач-терапевт', 'участковый', 'приём']],
    ['a line may be exactly full', 'abc def', 7, ['abc def']],
    ['cuts only a word longer than a line', 'Номер ABCDEFGHIJKLMNOPQRSTUV', 10, ['Номер', 'ABCDEFGHIJ', 'KLMNOPQRST', 'UV']],
    ['the tail of a cut word shares a line', 'ABCDEFGHIJKL xy', 10, ['ABCDEFGHIJ', 'KL xy']],
    ['collapses newlines and runs of spaces', '  ул.   Ленина,\n д. 10 ', 40, ['ул. Ленина, д. 10']],
    ['blank text gives no lines', '   ', 10, []],
  ])('%s', (_name, text, columns, expected) => {
    expect(wrapText(text, columns)).toEqual(expected);
  });

  it('no line is ever longer than the column count', () => {
    const text = 'Государственное бюджетное учреждение здравоохранения города Москвы «Городская поликлиника № 220 Департамента здравоохранения»';
    for (const columns of [10, 16, 21, 32, 42]) {
      for (const line of wrapText(text, columns)) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });
});

describe('toPrintableText', () => {
  it('replaces typography CP866 lacks instead of printing "?"', () => {
    expect(toPrintableText('ГБУЗ «Поликлиника» — приём…', 'cp866')).toBe('ГБУЗ "Поликлиника" - приём...');
  });

  it('keeps Ё, ё and № which CP866 has', () => {
    expect(toPrintableText('ЁЛКИНА ёж №5', 'cp866')).toBe('ЁЛКИНА ёж №5');
  });

  it('strips control characters so data cannot inject printer commands', () => {
    expect(toPrintableText('Петров\x1b@\x1dV\x00 И.', 'cp866')).toBe('Петров@V И.');
  });
});

describe('encodeTicket golden bytes', () => {
  const bytes = encodeTicket(SAMPLE_TICKET, p80);
  const text = hex(bytes);

  it('starts by resetting the printer and choosing font A', () => {
    expect(text.startsWith('1b 40 1c 2e 1b 4d 00')).toBe(true);
  });

  it('pins CP866 with ESC t 17 and never switches to another code page', () => {
    expect(text).toContain('1b 74 11');
    const codepageCommands = text.match(/1b 74 ../g) ?? [];
    expect(new Set(codepageCommands)).toEqual(new Set(['1b 74 11']));
    // «ТАЛОН» in CP866: Т=92 А=80 Л=8b О=8e Н=8d
    expect(text).toContain('92 80 8b 8e 8d');
  });

  it('stores and prints the signed check-in code as a native QR code', () => {
    const data = hex(new TextEncoder().encode(SAMPLE_TICKET.checkInCode));
    expect(text).toContain(`1d 28 6b 2b 00 31 50 30 ${data}`); // store: 40 digits + 3
    expect(text).toContain('1d 28 6b 03 00 31 43 06'); // module size 6
    expect(text).toContain('1d 28 6b 03 00 31 51 30'); // print
  });

  it('feeds four lines past the head, then makes a full cut', () => {
    expect(text).toMatch(/0a 0d 0a 0d 0a 0d 0a 0d 1d 56 00( 0a 0d)?$/);
  });

  it('is plain text and native QR: well under 1 KB, no raster image', () => {
    expect(bytes.length).toBeLessThan(1024);
    expect(text).not.toContain('1d 76 30');
  });
});

describe('encodeTicket content', () => {
  it('prints every field a patient needs, in Russian', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p80));
    expect(job.lines.map((line) => line.trim())).toEqual([
      'ГБУЗ "Городская поликлиника № 5"',
      'г. Москва, ул. Ленина, д. 10',
      '-'.repeat(42),
      'ТАЛОН НА ПРИЁМ',
      '',
      'Врач-терапевт участковый',
      'Врач: Петрова Анна Сергеевна',
      '',
      '24.11.2026',
      'понедельник',
      '09:30 каб. 214',
      '2 этаж',
      '',
      'Приходите за 10 минут; возьмите полис и',
      'паспорт.',
      '',
      'Пациент: Иванова Т. А.',
      'Полис: **** 6380',
      'Номер записи: З-2611-0123',
      '',
      'Отметиться о приходе: поднесите QR к',
      'сканеру инфомата.',
      'Не сможете прийти? Отмените запись на',
      'инфомате ("Мои записи") или по телефону:',
      '+7 (495) 123-45-67',
      '-'.repeat(42),
      'Напечатано: 23.11.2026 10:15 Инфомат K-01',
    ]);
    expect(job.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
    expect(job.cut).toBe(true);
  });

  it('prints the title, date, time with the room, and the floor double size and the title bold', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p80));
    const style = (text: string) => job.lineStyles[job.lines.findIndex((line) => line.trim() === text)];
    expect(style('ТАЛОН НА ПРИЁМ')).toEqual({ bold: true, width: 2, height: 2 });
    expect(style('24.11.2026')).toMatchObject({ width: 2, height: 2 });
    expect(style('понедельник')).toMatchObject({ width: 2, height: 2 });
    expect(style('09:30 каб. 214')).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(style('2 этаж')).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(style('Врач: Петрова Анна Сергеевна')).toMatchObject({ width: 1, height: 1 });
  });

  it('centres the clinic name', () => {
    const job = decodeOne(encodeTicket({ ...SAMPLE_TICKET, clinicName: 'Поликлиника' }, p80));
    expect(job.lines[0]).toBe(`${' '.repeat(15)}Поликлиника`);
  });

  it('fits a 58 mm roll: no line wider than 32 columns, double-size lines within 16', () => {
    const job = decodeOne(
      encodeTicket({ ...SAMPLE_TICKET, doctor: 'Константинопольская Александра Владимировна', weekday: 'понедельник' }, p58),
    );
    job.lines.forEach((line, i) => {
      const width = job.lineStyles[i]!.width;
      expect([...line.trim()].length * width, line).toBeLessThanOrEqual(32);
    });
    expect(job.lines).toContain('Врач: Константинопольская');
    expect(job.lines).toContain('Александра Владимировна');
  });

  it('keeps the phone number whole on a narrow roll', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p58));
    expect(job.lines.join(' ')).toContain('Отмените запись на инфомате');
    expect(job.lines).toContain('+7 (495) 123-45-67');
  });

  it('prints no floor line when the clinic file has none', () => {
    const { floor: _floor, ...withoutFloor } = SAMPLE_TICKET;
    const job = decodeOne(encodeTicket(withoutFloor, p80));
    expect(job.lines.map((line) => line.trim())).toContain('09:30 каб. 214');
    expect(job.lines.join('\n')).not.toContain('этаж');
  });

  it('never prints more than the last 4 characters of the policy', () => {
    const job = decodeOne(encodeTicket({ ...SAMPLE_TICKET, policyLast4: '7700 1234 5678 6380' }, p80));
    expect(job.lines).toContain('Полис: **** 6380');
    expect(job.lines.join('\n')).not.toContain('5678');
  });

  it('puts only the signed check-in code in the QR, digits a wedge scanner types the same in any layout', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p80));
    expect(job.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
    expect(job.qrCodes[0]).toMatch(/^\d+$/);
    expect(job.qrCodes[0]).not.toContain('6380');
  });

  it('prints no QR (and no QR hint) when the ticket has no check-in code', () => {
    const { checkInCode: _code, ...withoutCode } = SAMPLE_TICKET;
    const job = decodeOne(encodeTicket(withoutCode, p80));
    expect(job.qrCodes).toEqual([]);
    expect(job.lines.join(' ')).not.toContain('QR');
  });

  it('skips the QR code on a printer without native QR; the number is still printed', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, { ...p80, qrCode: { native: false } }));
    expect(job.qrCodes).toEqual([]);
    expect(job.lines).toContain('Номер записи: З-2611-0123');
  });
});

describe('the same ticket on every shipped printer model (golden bytes)', () => {
  const goldenDir = new URL('./golden/', import.meta.url);
  const readGolden = (id: string): string => readFileSync(new URL(`${id}.hex`, goldenDir), 'utf8').replace(/\s+/g, ' ').trim();

  it.each(listPrinterProfileIds())('%s: byte for byte as in golden/<model>.hex', (id) => {
    // A change here changes what a real printer prints: review the decoded text, then update the file.
    expect(hex(encodeTicket(SAMPLE_TICKET, profile(id)))).toBe(readGolden(id));
  });

  it.each([
    // model, ESC t n, «ТАЛОН» in that code page
    ['custom-vkp80iii', '1b 74 11', '92 80 8b 8e 8d'], // CP866 as ESC t 17
    ['citizen-ppu700', '1b 74 07', '92 80 8b 8e 8d'], // CP866 as ESC t 7
    ['generic-escpos-80', '1b 74 11', '92 80 8b 8e 8d'],
    ['generic-escpos-58', '1b 74 11', '92 80 8b 8e 8d'],
    ['nippon-primex-np2511', '1b 74 04', 'd2 c0 cb ce cd'], // Windows-1251 as ESC t 4
  ])('%s selects its Cyrillic table with %s and writes «ТАЛОН» as %s', (id, escT, talon) => {
    const text = hex(encodeTicket(SAMPLE_TICKET, profile(id)));
    expect(new Set(text.match(/1b 74 ../g))).toEqual(new Set([escT]));
    expect(text).toContain(talon);
  });

  it.each(listPrinterProfileIds())('%s: the emulated printer reads back the Russian text and the QR code', (id) => {
    const p = profile(id);
    const { jobs, unknownCommands } = decodeEscPos(encodeTicket(SAMPLE_TICKET, p), { codepages: codepageTableOf(p) });
    expect(unknownCommands).toEqual([]);
    expect(jobs[0]!.lines.map((line) => line.trim())).toEqual(expect.arrayContaining(['ТАЛОН НА ПРИЁМ', 'Пациент: Иванова Т. А.', '09:30 каб. 214']));
    expect(jobs[0]!.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
  });

  it('Windows-1251 keeps the typography CP866 lacks («№» and «—»), CP866 substitutes it', () => {
    const ticket = { ...SAMPLE_TICKET, clinicName: 'Поликлиника № 5 — филиал' };
    const primex = profile('nippon-primex-np2511');
    const [onPrimex] = decodeEscPos(encodeTicket(ticket, primex), { codepages: codepageTableOf(primex) }).jobs;
    const [onEpson] = decodeEscPos(encodeTicket(ticket, p80)).jobs;
    expect(onPrimex!.lines[0]!.trim()).toBe('Поликлиника № 5 — филиал');
    expect(onEpson!.lines[0]!.trim()).toBe('Поликлиника № 5 - филиал');
  });

  it('the Custom VKP80 hands the ticket out of its presenter (GS e 3) right after the cut', () => {
    expect(hex(encodeTicket(SAMPLE_TICKET, profile('custom-vkp80iii')))).toMatch(/1d 56 00 0a 0d 1d 65 03$/);
    expect(hex(encodeTicket(SAMPLE_TICKET, p80))).not.toContain('1d 65');
  });
});

describe('training tickets', () => {
  it('carry «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН» at the top and at the bottom, bold', () => {
    const job = decodeOne(encodeTicket({ ...SAMPLE_TICKET, training: true }, p80));
    const marks = job.lines.flatMap((line, i) => (line.trim() === 'ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН' ? [i] : []));
    expect(marks).toHaveLength(2);
    expect(marks[0]).toBeLessThan(job.lines.findIndex((line) => line.includes('ТАЛОН НА ПРИЁМ')));
    expect(marks[1]).toBeGreaterThan(job.lines.findIndex((line) => line.startsWith('Напечатано')));
    for (const i of marks) expect(job.lineStyles[i]!.bold).toBe(true);
  });

  it('a real ticket has no such mark', () => {
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p80));
    expect(job.lines.join('\n')).not.toContain('ОБРАЗЕЦ');
  });
});

describe('logo', () => {
  const logoPng = (width: number, height: number): Buffer => {
    const png = new PNG({ width, height });
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dark = y < height / 4 || (x > width / 3 && x < (2 * width) / 3);
        png.data.set(dark ? [0, 0, 0, 255] : [255, 255, 255, 255], (y * width + x) * 4);
      }
    }
    return PNG.sync.write(png);
  };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ticket-logo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a PNG logo centred above the clinic name, shrunk to at most 256 × 48 dots', () => {
    const file = join(dir, 'logo.png');
    writeFileSync(file, logoPng(600, 200));
    const logo = loadLogo(file, p80);
    if (!logo.ok) throw new Error(logo.error);
    const job = decodeOne(encodeTicket(SAMPLE_TICKET, p80, { logo: logo.value }));
    expect(job.figures[0]).toMatchObject({ kind: 'raster', align: 'center', beforeLine: 0, widthDots: 144, heightDots: 48 });
    expect(job.lines[0]!.trim()).toBe('ГБУЗ "Городская поликлиника № 5"');
  });

  it('is read once per model and file (cached), again when the file changes', () => {
    const file = join(dir, 'cached.png');
    writeFileSync(file, logoPng(64, 16));
    const first = loadLogo(file, p80);
    const second = loadLogo(file, p80);
    expect(first.ok && second.ok && second.value).toBe(first.ok && first.value); // the very bytes from the cache
    const later = new Date(Date.now() + 5000);
    writeFileSync(file, logoPng(32, 16));
    utimesSync(file, later, later);
    const changed = loadLogo(file, p80);
    expect(changed.ok && first.ok && changed.value.length).toBeLessThan(first.ok ? first.value.length : 0);
  });

  it('a missing or broken file is a plain reason, not an exception', () => {
    expect(loadLogo(join(dir, 'nope.png'), p80)).toMatchObject({ ok: false, error: expect.stringContaining('nope.png') });
    writeFileSync(join(dir, 'broken.png'), 'not a png');
    expect(loadLogo(join(dir, 'broken.png'), p80)).toMatchObject({ ok: false, error: expect.stringContaining('not a readable PNG') });
  });
});

describe('byte budget (domain/printers.md: text and native QR, never a raster ticket)', () => {
  it.each(listPrinterProfileIds())('%s: a ticket with its QR code is at most 1 KB and at most 0.1× the same ticket as a raster image', (id) => {
    const p = profile(id);
    const bytes = encodeTicket(SAMPLE_TICKET, p);
    const [job] = decodeEscPos(bytes, { codepages: codepageTableOf(p) }).jobs;
    const raster = encodeRasterImage(renderPaper(job!, p));
    expect(bytes.length).toBeLessThanOrEqual(1024);
    expect(bytes.length / raster.length).toBeLessThanOrEqual(0.1);
  });
});
