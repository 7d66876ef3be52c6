import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosStreamDecoder, type DecodedJob, type RealtimeRequest } from './escpos-decoder';
import { loadPrinterProfile } from '../driver/printer-profile';
import { SAMPLE_TICKET } from '../layout/sample-ticket';
import { encodeTicket } from '../layout/ticket-layout';

const profileResult = loadPrinterProfile('generic-escpos-80');
if (!profileResult.ok) throw new Error(profileResult.error);
const profile = profileResult.value;
const ticketBytes = encodeTicket(SAMPLE_TICKET, profile);

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

describe('decodeEscPos round trip of an encoded ticket', () => {
  const printout = decodeEscPos(ticketBytes);
  const job = printout.jobs[0]!;

  it('gives one cut ticket with the Russian lines and the QR code', () => {
    expect(printout.jobs).toHaveLength(1);
    expect(job.cut).toBe(true);
    expect(job.lines.map((l) => l.trim())).toEqual(
      expect.arrayContaining([
        'ТАЛОН НА ПРИЁМ',
        'Врач-терапевт участковый',
        'Врач: Петрова Анна Сергеевна',
        '24.11.2026',
        'понедельник',
        '09:30 каб. 214',
        'Пациент: Иванова Т. А.',
        'Полис: **** 6380',
      ]),
    );
    expect(job.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
  });

  it('lets no command byte leak into the text', () => {
    for (const line of job.lines) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
    }
    // A parameter byte read as a command or as text would show up here.
    expect(printout.unknownCommands).toEqual([]);
  });

  it('keeps the centring spaces but trims trailing ones', () => {
    const title = job.lines.find((l) => l.includes('ТАЛОН'))!;
    expect(title).toMatch(/^ +ТАЛОН НА ПРИЁМ$/);
  });

  it('gives the same ticket however the bytes are split into TCP chunks', () => {
    for (const size of [1, 2, 3, 7, 64]) {
      const jobs: DecodedJob[] = [];
      const decoder = new EscPosStreamDecoder({ onJob: (j) => jobs.push(j) });
      for (let i = 0; i < ticketBytes.length; i += size) decoder.push(ticketBytes.subarray(i, i + size));
      expect(jobs, `chunks of ${size}`).toEqual([job]);
    }
  });

  it('splits two tickets at their cuts', () => {
    const second = encodeTicket({ ...SAMPLE_TICKET, room: '305', bookingNumber: 'A-2' }, profile);
    const { jobs } = decodeEscPos(Uint8Array.from([...ticketBytes, ...second]));
    expect(jobs.map((j) => j.lines.find((l) => l.includes('каб.'))?.trim())).toEqual(['09:30 каб. 214', '09:30 каб. 305']);
    expect(jobs.map((j) => j.qrCodes)).toEqual([[SAMPLE_TICKET.checkInCode], [SAMPLE_TICKET.checkInCode]]);
  });
});

describe('decodeEscPos command framing', () => {
  it('reads text per the active code page: CP437 by default, ESC t 17 CP866, ESC t 46 Windows-1251', () => {
    const { jobs } = decodeEscPos(
      bytes([0x1b, 0x40], 'caf', [0x82], '\n', [0x1b, 0x74, 17, 0x8f, 0xe0, 0xa8, 0xa2, 0xa5, 0xe2], '\n', [0x1b, 0x74, 46, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], '\n', [0x1d, 0x56, 0x00]),
    );
    expect(jobs[0]!.lines).toEqual(['café', 'Привет', 'Привет']);
  });

  it('accepts a printer-specific ESC t table (Nippon Primex: ESC t 4 = Windows-1251)', () => {
    const { jobs } = decodeEscPos(bytes([0x1b, 0x74, 4, 0xc4, 0xe0], '\n'), { codepages: { 0: 'cp437', 4: 'windows1251' } });
    expect(jobs[0]!.lines).toEqual(['Да']);
  });

  it('skips raster image data even when it looks like text and line feeds', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 2, 0, 3, 0, 0x41, 0x0a, 0x42, 0x1b, 0x43, 0x10];
    const { jobs, unknownCommands } = decodeEscPos(bytes('A', raster, 'B\n', [0x1d, 0x56, 0x41, 0x03]));
    expect(jobs).toEqual([{ lines: ['AB'], lineStyles: [expect.anything()], qrCodes: [], figures: [expect.objectContaining({ kind: 'raster', widthDots: 16, heightDots: 3 })], cut: true }]);
    expect(unknownCommands).toEqual([]);
  });

  it('skips the parameters of every command the encoder emits', () => {
    const commands = [
      [0x1b, 0x61, 0x31], [0x1b, 0x45, 0x41], [0x1b, 0x4d, 0x41], [0x1b, 0x21, 0x41], [0x1b, 0x2d, 0x41],
      [0x1b, 0x4a, 0x41], [0x1c, 0x2e], [0x1c, 0x26], [0x1d, 0x21, 0x41], [0x1d, 0x42, 0x41], [0x1b, 0x34, 0x41],
      [0x1b, 0x33, 0x41], [0x1b, 0x32], [0x1d, 0x68, 0x41], [0x1d, 0x77, 0x41], [0x1d, 0x48, 0x41],
      [0x1d, 0x50, 0x41, 0x41], [0x1b, 0x70, 0x00, 0x41, 0x41], [0x1d, 0x6b, 0x04, 0x41, 0x42, 0x00],
      [0x1d, 0x6b, 0x49, 0x02, 0x41, 0x42], [0x1b, 0x2a, 0x21, 0x01, 0x00, 0x41, 0x41, 0x41],
    ];
    const { jobs, unknownCommands } = decodeEscPos(bytes(...commands, 'ok\n'));
    expect(jobs[0]!.lines).toEqual(['ok']);
    expect(unknownCommands).toEqual([]);
  });

  it('treats ESC d n as n line feeds', () => {
    const { jobs } = decodeEscPos(bytes('a', [0x1b, 0x64, 0x02], 'b\n'));
    expect(jobs[0]!.lines).toEqual(['a', '', 'b']);
  });

  it('answers nothing into the text for real-time status requests, and reports them', () => {
    const requests: RealtimeRequest[] = [];
    const jobs: DecodedJob[] = [];
    const decoder = new EscPosStreamDecoder({ onRealtime: (r) => requests.push(r), onJob: (j) => jobs.push(j) });
    decoder.push(bytes('ab', [0x10])); // the request is split across two TCP chunks
    decoder.push(bytes([0x04], [0x01, 0x10, 0x04, 0x14], 'c\n', [0x1d, 0x56, 0x00]));
    expect(requests).toEqual([{ kind: 'status', n: 1 }, { kind: 'status', n: 0x14 }]);
    expect(jobs[0]!.lines).toEqual(['abc']);
  });

  it('does not invent a ticket from the newline after the last cut', () => {
    const { jobs } = decodeEscPos(bytes('a\n', [0x1d, 0x56, 0x00], '\n\r'));
    expect(jobs).toHaveLength(1);
  });

  it('reports uncut trailing text as a job with cut: false', () => {
    const { jobs } = decodeEscPos(bytes('half a ticket\n'));
    expect(jobs).toEqual([{ lines: ['half a ticket'], lineStyles: [expect.anything()], qrCodes: [], figures: [], cut: false }]);
  });

  it('routes a job received while dropping to onDroppedJob, and still answers status', () => {
    const printed: DecodedJob[] = [];
    const dropped: DecodedJob[] = [];
    const requests: RealtimeRequest[] = [];
    const decoder = new EscPosStreamDecoder({ onJob: (j) => printed.push(j), onDroppedJob: (j) => dropped.push(j), onRealtime: (r) => requests.push(r) });
    decoder.dropping = true;
    decoder.push(bytes([0x10, 0x04, 0x04]));
    expect(decoder.droppedByteCount).toBe(0); // a status query is not print data
    decoder.push(bytes('lost\n'));
    decoder.dropping = false;
    decoder.push(bytes([0x1d, 0x56, 0x00], 'kept\n', [0x1d, 0x56, 0x00]));
    expect(dropped.map((j) => j.lines)).toEqual([['lost']]);
    expect(printed.map((j) => j.lines)).toEqual([['kept']]);
    expect(requests).toEqual([{ kind: 'status', n: 4 }]);
    expect(decoder.droppedByteCount).toBe(5);
  });
});

describe('decodeEscPos for the paper preview and other models', () => {
  it('places the QR code between the lines where it is printed, with its module size and alignment', () => {
    const job = decodeEscPos(ticketBytes).jobs[0]!;
    const qr = job.figures.find((figure) => figure.kind === 'qr');
    expect(qr).toMatchObject({ kind: 'qr', payload: SAMPLE_TICKET.checkInCode, moduleSize: 6, align: 'center' });
    expect(job.lines[qr!.beforeLine - 1]).toBe('Номер записи: З-2611-0123');
  });

  it('keeps a GS v 0 raster image (a logo) so a preview can draw it', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 1, 0, 2, 0, 0xf0, 0x0f];
    const job = decodeEscPos(bytes([0x1b, 0x61, 0x01], raster, [0x1b, 0x61, 0x00], 'x\n')).jobs[0]!;
    expect(job.figures).toEqual([{ kind: 'raster', widthDots: 8, heightDots: 2, data: Uint8Array.of(0xf0, 0x0f), align: 'center', beforeLine: 0 }]);
  });

  it('reports ESC v (Nippon Primex status) as a status request, not as print data', () => {
    const requests: RealtimeRequest[] = [];
    const decoder = new EscPosStreamDecoder({ onRealtime: (r) => requests.push(r) });
    decoder.dropping = true;
    decoder.push(bytes([0x1b, 0x76, 0x1b, 0x76]));
    expect(requests).toEqual([{ kind: 'transmit-status' }, { kind: 'transmit-status' }]);
    expect(decoder.droppedByteCount).toBe(0);
    expect(decoder.jobByteCount).toBe(0);
  });

  it('frames the presenter command GS e n after the cut', () => {
    const { unknownCommands, jobs } = decodeEscPos(bytes('a\n', [0x1d, 0x56, 0x00, 0x1d, 0x65, 0x03]));
    expect(unknownCommands).toEqual([]);
    expect(jobs).toHaveLength(1);
  });

  it('counts print data since the last cut, so a fault can cut the link mid-job', () => {
    const decoder = new EscPosStreamDecoder();
    decoder.push(bytes([0x10, 0x04, 0x01], 'abc'));
    expect(decoder.jobByteCount).toBe(3);
    decoder.push(bytes('\n', [0x1d, 0x56, 0x00]));
    expect(decoder.jobByteCount).toBe(0);
  });
});
