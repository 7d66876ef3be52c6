import { describe, expect, it } from 'vitest';
import { hyphenateRu } from './hyphenate-ru';

const shown = (text: string) => hyphenateRu(text).replace(/\u00AD/g, '-');

describe('hyphenateRu', () => {
  it('breaks the long specialty names between syllables', () => {
    expect(shown('Оториноларинголог')).toBe('Ото-ри-но-ла-рин-го-лог');
    expect(shown('Офтальмолог')).toBe('Оф-таль-мо-лог');
    expect(shown('участковый')).toBe('учас-тко-вый');
  });

  it('leaves short words, Latin, digits and punctuation as they are', () => {
    expect(hyphenateRu('Хирург (ЛОР), каб. 214')).toBe('Хирург (ЛОР), каб. 214');
    expect(hyphenateRu('Ophthalmologist')).toBe('Ophthalmologist');
  });

  it('only adds soft hyphens: without them the text is unchanged', () => {
    const text = 'Врач общей практики (семейный врач)';
    expect(hyphenateRu(text).replace(/\u00AD/g, '')).toBe(text);
  });

  it('never leaves a single letter, or a part without a vowel, on a line', () => {
    for (const word of ['Акушер-гинеколог', 'Стоматолог', 'Фтизиатр', 'эндокринолог', 'участковый', 'Терапевт']) {
      for (const part of hyphenateRu(word).split(/[\u00AD-]/)) {
        expect(part.length).toBeGreaterThanOrEqual(2);
        expect(part).toMatch(/[аеёиоуыэюя]/i);
      }
    }
  });
});
