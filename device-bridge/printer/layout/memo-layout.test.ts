import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../config-loader';
import { decodeEscPos, type DecodedJob } from '../emulator/escpos-decoder';
import { memoFor, type MemoData } from './memo-data';
import { encodeMemo } from './memo-layout';
import { SAMPLE_MEMO } from './sample-memo';
import { toPrintableText, wrapText } from './ticket-layout';
import { codepageTableOf, listPrinterProfileIds, type PrinterProfile } from '../driver/printer-profile';
import { hex, profileOf } from './test-support/layout-test-kit';

const profile = profileOf;
const p80 = profile('generic-escpos-80');
const p58 = profile('generic-escpos-58');
const primex = profile('nippon-primex-np2511');

const decode = (bytes: Uint8Array, p: PrinterProfile): DecodedJob => {
  const { jobs, unknownCommands } = decodeEscPos(bytes, { codepages: codepageTableOf(p) });
  expect(unknownCommands).toEqual([]);
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
};

const defaults = loadKioskConfig([], {});
if (!defaults.ok) throw new Error('kiosk.defaults.json is invalid');
const clinic = { clinicName: 'ГБУЗ «Городская поликлиника № 3»', clinicAddress: 'г. Москва, ул. Садовая, д. 12', clinicPhone: '+7 (495) 123-45-67' };
const defaultMemo = (language: 'ru' | 'en'): MemoData => memoFor(defaults.value.memo.content[language], clinic);

describe('encodeMemo golden bytes', () => {
  const goldenDir = new URL('./golden/memo/', import.meta.url);
  const readGolden = (id: string): string => readFileSync(new URL(`${id}.hex`, goldenDir), 'utf8').replace(/\s+/g, ' ').trim();

  it.each(['generic-escpos-80', 'nippon-primex-np2511'])('%s: byte for byte as in golden/memo/<model>.hex', (id) => {
    // A change here changes what a real printer prints: review the decoded text, then update the file.
    expect(hex(encodeMemo(SAMPLE_MEMO, profile(id)))).toBe(readGolden(id));
  });

  it.each([
    // model, ESC t n, «Запись» in that code page
    ['generic-escpos-80', '1b 74 11', '87 a0 af a8 e1 ec'], // CP866 as ESC t 17
    ['custom-vkp80iii', '1b 74 11', '87 a0 af a8 e1 ec'],
    ['citizen-ppu700', '1b 74 07', '87 a0 af a8 e1 ec'], // CP866 as ESC t 7
    ['generic-escpos-58', '1b 74 11', '87 a0 af a8 e1 ec'],
    ['nippon-primex-np2511', '1b 74 04', 'c7 e0 ef e8 f1 fc'], // Windows-1251 as ESC t 4
  ])('%s pins its Cyrillic table with %s and writes «Запись» as %s', (id, escT, word) => {
    const text = hex(encodeMemo(SAMPLE_MEMO, profile(id)));
    expect(new Set(text.match(/1b 74 ../g))).toEqual(new Set([escT]));
    expect(text).toContain(word);
  });

  it('is text only and ends with a feed and a full cut', () => {
    const bytes = encodeMemo(SAMPLE_MEMO, p80);
    expect(hex(bytes)).toMatch(/0a 0d 0a 0d 0a 0d 0a 0d 1d 56 00( 0a 0d)?$/);
    expect(hex(bytes)).not.toContain('1d 76 30');
    expect(bytes.length).toBeLessThan(1500);
  });
});

describe('encodeMemo content', () => {
  it('80 mm CP866: clinic, title double size, headings bold, steps wrapped under their text', () => {
    const job = decode(encodeMemo(SAMPLE_MEMO, p80), p80);
    expect(job.lines.map((line) => line.trimEnd())).toEqual([
      '     ГБУЗ "Городская поликлиника № 5"',
      '       г. Москва, ул. Ленина, д. 10',
      '-'.repeat(42),
      '     Как записаться к',
      '  врачу через инфомат',
      '',
      'Запись за 3 шага',
      '1. Нажмите "Начать" и введите номер полиса',
      '   ОМС - 16 цифр.',
      '2. Выберите врача, день и время.',
      '3. Возьмите талон.',
      '',
      'Что взять с собой',
      '- полис ОМС;',
      '- паспорт.',
      '',
      'Как отменить запись',
      'По телефону: +7 (495) 123-45-67.',
      '-'.repeat(42),
    ]);
    const style = (text: string) => job.lineStyles[job.lines.findIndex((line) => line.trim() === text)];
    expect(style('Как записаться к')).toEqual({ bold: true, width: 2, height: 2 });
    expect(style('Запись за 3 шага')).toEqual({ bold: true, width: 1, height: 1 });
    expect(style('3. Возьмите талон.')).toEqual({ bold: false, width: 1, height: 1 });
    expect(job.cut).toBe(true);
  });

  it('NP-2511 in Windows-1251 reads back the same Russian, keeping «», № and — that CP866 lacks', () => {
    const job = decode(encodeMemo(SAMPLE_MEMO, primex), primex);
    const text = job.lines.map((line) => line.trim());
    expect(text).toContain('ГБУЗ «Городская поликлиника № 5»');
    expect(text).toContain('1. Нажмите «Начать» и введите номер полиса');
    expect(text).toContain('ОМС — 16 цифр.');
    expect(text).toContain('По телефону: +7 (495) 123-45-67.');
    expect(job.cut).toBe(true);
  });

  it.each(listPrinterProfileIds())('%s: the default memo in both languages reads back whole, phone included, no "?" for a missing letter', (id) => {
    const p = profile(id);
    for (const [language, title] of [['ru', 'Как записаться к врачу через инфомат'], ['en', 'How to book a doctor at the kiosk']] as const) {
      const memo = defaultMemo(language);
      const job = decode(encodeMemo(memo, p), p);
      const text = job.lines.map((line) => line.trim()).join(' ').replace(/\s+/g, ' ');
      expect(text).toContain(title);
      expect(text).toContain('+7 (495) 123-45-67');
      for (const paragraph of memo.sections.flatMap((section) => [section.heading, ...section.lines])) {
        const printable = toPrintableText(paragraph, p.codepage.name);
        // Every letter exists in the model's code page or has a plain substitute: no '?' the text did not have.
        expect(printable.split('?').length, paragraph).toBe(paragraph.split('?').length);
        expect(text).toContain(printable.replace(/\s+/g, ' '));
      }
      expect(job.cut).toBe(true);
    }
  });

  it('58 mm: every line within 32 columns (the title within 16 at double width), steps still indented', () => {
    const job = decode(encodeMemo(defaultMemo('ru'), p58), p58);
    job.lines.forEach((line, i) => expect([...line.trimEnd()].length * job.lineStyles[i]!.width, line).toBeLessThanOrEqual(32));
    // «1. Нажмите "Начать" на экране инфомата.» is wider than the roll: it goes on under its text.
    const stepOne = job.lines.findIndex((line) => line.startsWith('1. '));
    expect(job.lines[stepOne]).toBe('1. Нажмите "Начать" на экране');
    expect(job.lines[stepOne + 1]).toBe('   инфомата.');
    // The phone number the patient has to dial is never broken across lines.
    expect(job.lines.some((line) => line.includes('+7 (495) 123-45-67'))).toBe(true);
  });

  it('a long word or a control character from the config cannot break the layout or reach the printer as a command', () => {
    const memo: MemoData = { ...SAMPLE_MEMO, sections: [{ heading: 'Заголовок\x1b@', lines: ['- Оченьоченьоченьоченьоченьдлинноеслово в списке'] }] };
    const job = decode(encodeMemo(memo, p58), p58);
    expect(job.lines).toContain('Заголовок@');
    for (const line of job.lines) expect([...line.trimEnd()].length).toBeLessThanOrEqual(32);
  });
});

describe('wrapText keeping a phrase whole', () => {
  it('moves a phone number to the next line instead of breaking it', () => {
    const text = 'По телефону регистратуры: +7 (495) 123-45-67.';
    expect(wrapText(text, 32)).toEqual(['По телефону регистратуры: +7', '(495) 123-45-67.']);
    expect(wrapText(text, 32, ['+7 (495) 123-45-67'])).toEqual(['По телефону регистратуры:', '+7 (495) 123-45-67.']);
  });

  it('a phrase longer than a line is wrapped like any text', () => {
    expect(wrapText('Звоните +7 (495) 123-45-67', 10, ['+7 (495) 123-45-67'])).toEqual(['Звоните +7', '(495)', '123-45-67']);
  });
});
