import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPolicyNumber,
  classifyPolicyNumber,
  compareEnpWithRecord,
  decodeEnpBirthInfo,
  enpCheckDigit,
  explainEnpInput,
  isValidEnp,
  normalizePolicyNumber,
  pluralRu,
  policyLast4,
  policyLookupForms,
  typedPolicyState,
  OLD_POLICY_RULE,
} from './oms-policy';

describe('classifyPolicyNumber', () => {
  it('takes 16 digits as an ЕНП, also when typed in groups', () => {
    expect(classifyPolicyNumber('6449020886006380')).toEqual({ kind: 'enp', digits: '6449020886006380' });
    expect(classifyPolicyNumber(' 6449 0208 8600 6380 ')).toEqual({ kind: 'enp', digits: '6449020886006380' });
  });

  it('takes 9 digits as a temporary certificate', () => {
    expect(classifyPolicyNumber('123456789')).toEqual({ kind: 'temporary', digits: '123456789' });
  });

  it('takes anything else as an old-style policy, keeping letters', () => {
    expect(classifyPolicyNumber('  ЯА  1234567 ')).toEqual({ kind: 'old', text: 'ЯА 1234567' });
    // 11 digits is a form (бланк) number, not an ЕНП: it must not be taken for one
    expect(classifyPolicyNumber('12345678901')).toEqual({ kind: 'old', text: '12345678901' });
    expect(classifyPolicyNumber('644902088600638')).toEqual({ kind: 'old', text: '644902088600638' });
  });
});

describe('normalizePolicyNumber', () => {
  it('finds the same policy however it was typed', () => {
    expect(normalizePolicyNumber('6449-0208-8600-6380')).toBe('6449020886006380');
    expect(normalizePolicyNumber('яа 12-34567')).toBe(normalizePolicyNumber('ЯА1234567'));
  });

  it('reads a series stored with Latin lookalikes as the Cyrillic one the letter keypad types', () => {
    expect(normalizePolicyNumber('AB 123456')).toBe(normalizePolicyNumber('АВ 123456'));
    expect(normalizePolicyNumber('ab-123456')).toBe('АВ123456');
    // Letters without a Cyrillic twin stay as they are: no false match.
    expect(normalizePolicyNumber('QZ 123456')).toBe('QZ123456');
  });
});

describe('enpCheckDigit', () => {
  it('gives the check digit of the worked example from the domain notes', () => {
    expect(enpCheckDigit('644902088600638')).toBe(0);
  });

  it("gives HL7's own Mod10 example: body 12345 → 5", () => {
    expect(enpCheckDigit('12345')).toBe(5);
  });

  it('refuses a body that is not digits (a caller bug)', () => {
    expect(() => enpCheckDigit('64490208860063a')).toThrow(RangeError);
  });
});

describe('isValidEnp', () => {
  it('accepts a real-shaped ЕНП and rejects a typo in any single digit', () => {
    const enp = '6449020886006380';
    expect(isValidEnp(enp)).toBe(true);
    for (let i = 0; i < 16; i++) {
      const digit = Number(enp[i]);
      const typo = enp.slice(0, i) + String((digit + 1) % 10) + enp.slice(i + 1);
      expect(isValidEnp(typo), `typo at position ${i + 1}`).toBe(false);
    }
  });

  it('rejects swapped neighbouring digits', () => {
    expect(isValidEnp('6449020886006830')).toBe(false);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidEnp('644902088600638')).toBe(false);
    expect(isValidEnp('64490208860063800')).toBe(false);
    expect(isValidEnp('6449 0208 8600 6380')).toBe(false);
    expect(isValidEnp('')).toBe(false);
  });

  it('flags the sample ЕНП from the barcode fixture, whose check digit does not hold', () => {
    expect(isValidEnp('0000000910000206')).toBe(false);
  });
});

describe('policyLast4', () => {
  it('shows only the last 4 digits of an ЕНП, as on the ticket', () => {
    expect(policyLast4('6449020886006380')).toBe('6380');
    expect(policyLast4('6449 0208 8600 6380')).toBe('6380');
  });

  it('works for old-style policies with letters and short input', () => {
    expect(policyLast4('ЯА 12-34-567')).toBe('4567');
    expect(policyLast4('12')).toBe('12');
  });
});

describe('decodeEnpBirthInfo', () => {
  it('reads a woman born 13.10.1979 out of the worked example', () => {
    expect(decodeEnpBirthInfo('6449020886006380')).toEqual({ birthDate: '1979-10-13', sex: 'female' });
  });

  it('returns null when the digits are not a date', () => {
    expect(decodeEnpBirthInfo('0000000000000000')).toBeNull();
    expect(decodeEnpBirthInfo('123')).toBeNull();
  });
});

describe('explainEnpInput: what the keypad says about a wrong number', () => {
  it('says nothing about a valid ЕНП', () => {
    expect(explainEnpInput('6449020886006380')).toBeNull();
    expect(explainEnpInput('6449 0208 8600 6380')).toBeNull();
  });

  it('counts the missing digits', () => {
    expect(explainEnpInput('64490208860063')).toEqual({
      kind: 'too-short',
      digits: 14,
      missing: 2,
      message: 'Вы ввели 14 цифр, а в номере полиса 16: не хватает 2. Проверьте, не пропущена ли цифра.',
    });
    expect(explainEnpInput('6')?.message).toBe('Вы ввели 1 цифру, а в номере полиса 16: не хватает 15. Проверьте, не пропущена ли цифра.');
    expect(explainEnpInput('644')?.message).toMatch(/^Вы ввели 3 цифры,/);
  });

  it('counts the extra digits', () => {
    expect(explainEnpInput('64490208860063800')).toMatchObject({ kind: 'too-long', digits: 17, extra: 1 });
    expect(explainEnpInput('64490208860063800')?.message).toBe(
      'Вы ввели 17 цифр, а в номере полиса 16: на 1 больше. Проверьте, не нажата ли цифра дважды.',
    );
  });

  it('recognises the temporary certificate and the form number for what they are', () => {
    expect(explainEnpInput('123456789')?.message).toContain('временного свидетельства');
    expect(explainEnpInput('12345678901')?.message).toContain('номер бланка');
  });

  it('asks to check the digits when the check digit does not hold', () => {
    expect(explainEnpInput('6449020886006381')).toEqual({
      kind: 'checksum',
      message: 'В номере полиса ошибка — проверьте цифры: возможно, одна набрана неверно или две соседние переставлены.',
    });
  });

  it('asks for the number when nothing or letters were typed', () => {
    expect(explainEnpInput('')?.kind).toBe('empty');
    expect(explainEnpInput('ЯА 123')?.kind).toBe('not-digits');
  });

  it('returns a typed result for any string, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const problem = explainEnpInput(s);
        if (problem === null) expect(isValidEnp(s.replace(/[\s-]+/g, ''))).toBe(true);
        else expect(problem.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never calls a valid ЕНП wrong, and catches every single-digit typo', () => {
    const enp = fc.stringMatching(/^\d{15}$/).map((body) => body + String(enpCheckDigit(body)));
    fc.assert(
      fc.property(enp, fc.nat({ max: 15 }), fc.integer({ min: 1, max: 9 }), (valid, position, delta) => {
        expect(explainEnpInput(valid)).toBeNull();
        const digit = (Number(valid[position]) + delta) % 10;
        const typo = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        expect(explainEnpInput(typo)?.kind).toBe('checksum');
      }),
    );
  });
});

describe('pluralRu', () => {
  it('follows Russian rules for 1, 2–4, 5–20, 21, 111', () => {
    const forms = ['талон', 'талона', 'талонов'] as const;
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111].map((n) => `${n} ${pluralRu(n, forms)}`)).toEqual([
      '1 талон', '2 талона', '4 талона', '5 талонов', '11 талонов', '12 талонов', '14 талонов', '21 талон', '22 талона', '25 талонов', '111 талонов',
    ]);
  });
});

describe('checkPolicyNumber: what `kiosk policy check` reports', () => {
  it('reports a valid ЕНП with the birth date and sex it encodes', () => {
    expect(checkPolicyNumber('6449020886006380')).toEqual({
      kind: 'enp',
      valid: true,
      digits: '6449020886006380',
      encoded: { birthDate: '1979-10-13', sex: 'female' },
    });
  });

  it('reports an ЕНП with a wrong check digit as invalid, with the explanation', () => {
    const check = checkPolicyNumber('0000000910000206');
    expect(check).toMatchObject({ kind: 'enp', valid: false, problem: { kind: 'checksum' } });
  });

  it('takes a temporary certificate and an old-style series + number as valid', () => {
    expect(checkPolicyNumber('123456789')).toEqual({ kind: 'temporary', valid: true, digits: '123456789' });
    expect(checkPolicyNumber('ЯА 1234567')).toEqual({ kind: 'old', valid: true, text: 'ЯА 1234567', note: null });
  });

  it('keeps a 15-digit number as an old-style policy but notes it looks like a short ЕНП', () => {
    const check = checkPolicyNumber('644902088600638');
    expect(check).toMatchObject({ kind: 'old', valid: true });
    expect(check.kind === 'old' && check.valid && check.note).toContain('не хватает 1');
  });

  it('refuses text that cannot be a policy number', () => {
    expect(checkPolicyNumber('   ')).toMatchObject({ kind: 'old', valid: false });
    expect(checkPolicyNumber('полис')).toMatchObject({ kind: 'old', valid: false });
    expect(checkPolicyNumber('12<script>')).toMatchObject({ kind: 'old', valid: false });
  });

  it('applies the typed-policy rule of the bridge and the import: short, long and non-ASCII-digit numbers are refused with its reason', () => {
    const refused = { '1': 'short', '12': 'short', A1: 'short', [`ЯБ${'1'.repeat(19)}`]: 'long', '١٢٣٤٥٦٧': 'characters', 'ЯБ ١٢٣٤٥٦': 'characters' } as const;
    for (const [raw, problem] of Object.entries(refused)) {
      expect(checkPolicyNumber(raw), raw).toEqual({ kind: 'old', valid: false, text: raw, problem, message: `old-style policy: ${OLD_POLICY_RULE}` });
      expect(typedPolicyState('old', raw).state, raw).toBe(problem);
    }
    // Whatever the CLI calls valid, the bridge takes, and the other way round.
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const check = checkPolicyNumber(s);
        if (check.kind === 'old') expect(check.valid).toBe(typedPolicyState('old', check.text).state === 'complete');
      }),
    );
  });

  it('returns a typed result for any string, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.stringMatching(/^[\d -]{0,24}$/)), (s) => {
        const check = checkPolicyNumber(s);
        expect(['enp', 'temporary', 'old']).toContain(check.kind);
        expect(typeof check.valid).toBe('boolean');
        expect(classifyPolicyNumber(s).kind).toBe(check.kind);
        if (check.kind === 'enp') expect(check.valid).toBe(isValidEnp(check.digits));
      }),
    );
  });
});

describe('compareEnpWithRecord: a warning for staff, never a refusal', () => {
  it('finds the registry record consistent with the number', () => {
    expect(compareEnpWithRecord('6449020886006380', { birthDate: '1979-10-13', sex: 'female' })).toEqual({ kind: 'consistent' });
  });

  it('names the fields that differ', () => {
    expect(compareEnpWithRecord('6449020886006380', { birthDate: '1979-10-14', sex: 'male' })).toEqual({
      kind: 'mismatch',
      fields: ['birthDate', 'sex'],
    });
  });

  it('has nothing to compare when the number encodes no date', () => {
    expect(compareEnpWithRecord('0000000910000206', { birthDate: '1992-06-18', sex: 'female' })).toEqual({ kind: 'not-encoded' });
  });

  it('decodes what the demo clinic patients were issued with', () => {
    expect(decodeEnpBirthInfo('4556140827015276')).toEqual({ birthDate: '1958-03-22', sex: 'male' });
    expect(decodeEnpBirthInfo('4567350847002918')).toEqual({ birthDate: '1946-12-02', sex: 'male' });
  });

  it('returns a typed result for any string, never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 12 }), fc.constantFrom('male', 'female', null), (enp, birthDate, sex) => {
        expect(['consistent', 'not-encoded', 'mismatch']).toContain(compareEnpWithRecord(enp, { birthDate, sex }).kind);
      }),
    );
  });
});

describe('typedPolicyState: what the keypad and the bridge say about a typed number, per kind', () => {
  it('ЕНП: digits left, a wrong check digit, complete', () => {
    expect(typedPolicyState('enp', '644902')).toEqual({ state: 'short', missing: 10 });
    expect(typedPolicyState('enp', '6449020886006381')).toEqual({ state: 'checksum' });
    expect(typedPolicyState('enp', '6449 0208 8600 6380')).toEqual({ state: 'complete' });
    expect(typedPolicyState('enp', '64490208860063801')).toEqual({ state: 'long', extra: 1 });
    expect(typedPolicyState('enp', 'ЯБ5721436')).toEqual({ state: 'characters' });
  });

  it('temporary certificate: exactly 9 digits, no check digit to hold', () => {
    expect(typedPolicyState('temporary', '')).toEqual({ state: 'short', missing: 9 });
    expect(typedPolicyState('temporary', '57031284')).toEqual({ state: 'short', missing: 1 });
    expect(typedPolicyState('temporary', '570312840')).toEqual({ state: 'complete' });
    expect(typedPolicyState('temporary', '5703128401')).toEqual({ state: 'long', extra: 1 });
    expect(typedPolicyState('temporary', '57031284А')).toEqual({ state: 'characters' });
  });

  it('old-style: at least 6 letters and digits with a number in them, at most 20, nothing but letters, digits, space, hyphen', () => {
    expect(typedPolicyState('old', 'ЯБ 57')).toEqual({ state: 'short', missing: 2 });
    expect(typedPolicyState('old', 'ЯБ 5721')).toEqual({ state: 'complete' });
    expect(typedPolicyState('old', 'ЯБ 5721436')).toEqual({ state: 'complete' });
    expect(typedPolicyState('old', 'AB-5721436')).toEqual({ state: 'complete' });
    expect(typedPolicyState('old', 'ЯБВГДЕЖ')).toEqual({ state: 'no-digits' });
    expect(typedPolicyState('old', 'ЯБ №5721436')).toEqual({ state: 'characters' });
    expect(typedPolicyState('old', `ЯБ ${'1'.repeat(19)}`)).toEqual({ state: 'long', extra: 1 });
  });
});

describe('policyLookupForms: the exact values a FHIR server may hold a policy under', () => {
  it('digits only for an ЕНП and a temporary certificate', () => {
    expect(policyLookupForms('6449 0208 8600 6380')).toEqual(['6449020886006380']);
    expect(policyLookupForms('570312840')).toEqual(['570312840']);
  });

  it('an old-style policy compact, as written and as series + space + number', () => {
    expect(policyLookupForms('ЯБ5721436')).toEqual(['ЯБ5721436', 'ЯБ 5721436']);
    expect(policyLookupForms(' яб  5721436 ')).toEqual(['ЯБ5721436', 'ЯБ 5721436']);
    expect(policyLookupForms('77-00 123456')).toEqual(['7700123456', '77-00 123456']);
  });
});
