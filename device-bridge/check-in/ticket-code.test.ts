import { describe, expect, it } from 'vitest';
import { isTicketCode } from '../contract/check-in';
import { clinicTag, readTicketCode, ticketCode } from './ticket-code';

const key = { clinic: 'ГБУЗ «Городская поликлиника № 3»', secret: 'clinic-3-secret-of-32-characters' };

describe('the ticket QR check-in code', () => {
  it('is digits only, carries the booking number and reads back', () => {
    for (const number of ['З-2611-0042', 'Ф-7K2M-9QXD', 'A-2611-10000']) {
      const code = ticketCode(key, number)!;
      expect(code).toMatch(/^\d+$/);
      expect(isTicketCode(code)).toBe(true);
      expect(readTicketCode(key, code)).toEqual({ ok: true, value: number });
    }
  });

  it('holds nothing but the number: the same number gives the same code, whoever booked it', () => {
    expect(ticketCode(key, 'З-2611-0042')).toBe(ticketCode(key, 'З-2611-0042'));
    expect(ticketCode(key, 'З-2611-0042')!.length).toBeLessThan(48);
  });

  it('tells a forged code (changed number, changed signature, other key) from another clinic', () => {
    const code = ticketCode(key, 'З-2611-0042')!;
    // another booking number under the same signature
    const otherNumber = code.slice(0, 6) + ticketCode(key, 'З-2611-0043')!.slice(6, -12) + code.slice(-12);
    expect(readTicketCode(key, otherNumber)).toEqual({ ok: false, error: { kind: 'ticket-forged' } });
    const lastDigit = code.at(-1) === '0' ? '1' : '0';
    expect(readTicketCode(key, code.slice(0, -1) + lastDigit)).toEqual({ ok: false, error: { kind: 'ticket-forged' } });
    expect(readTicketCode({ ...key, secret: 'a guessed secret' }, code)).toEqual({ ok: false, error: { kind: 'ticket-forged' } });
    const elsewhere = { clinic: 'ГБУЗ «Городская поликлиника № 7»', secret: 'clinic-7-secret' };
    expect(clinicTag(elsewhere.clinic)).not.toBe(clinicTag(key.clinic));
    expect(readTicketCode(key, ticketCode(elsewhere, 'З-2611-0042')!)).toEqual({ ok: false, error: { kind: 'ticket-other-clinic' } });
    expect(readTicketCode(key, '6449020886006380')).toEqual({ ok: false, error: { kind: 'ticket-forged' } });
  });

  it('makes no code for a number with characters a wedge scanner cannot carry', () => {
    expect(ticketCode(key, 'A/1')).toBeNull();
    expect(ticketCode(key, '')).toBeNull();
  });
});
