import { describe, expect, test } from 'vitest';
import { loadKioskConfig } from '../config-loader';
import { isLiveField } from '../service/config-reload';
import { estimateMemoLines, MAX_MEMO_LINES, NARROWEST_COLUMNS } from './memo-config';

const defaults = () => {
  const loaded = loadKioskConfig([], {});
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
};

/** The config with one language's memo text replaced (lists are replaced whole by a later layer). */
const withRussian = (ru: object) => loadKioskConfig([], { memo: { content: { ru } } });
const problemsOf = (result: ReturnType<typeof loadKioskConfig>) => (result.ok ? [] : result.error);

describe('memo config', () => {
  test('the default memo is on, in Russian and English, and fits a 58 mm roll with room to spare', () => {
    const { memo } = defaults();
    expect(memo.enabled).toBe(true);
    expect(memo.content.ru.title).toBe('Как записаться к врачу через инфомат');
    expect(memo.content.en.title).toBe('How to book a doctor at the kiosk');
    for (const text of [memo.content.ru, memo.content.en]) {
      expect(estimateMemoLines(text, NARROWEST_COLUMNS)).toBeLessThanOrEqual(MAX_MEMO_LINES - 10);
      // How to cancel names the clinic's phone, filled in at print time.
      expect(JSON.stringify(text)).toContain('{clinicPhone}');
    }
  });

  test('a config reload changes the memo at once: its text at the next print, its button with kiosk-info', () => {
    expect(isLiveField('memo.enabled')).toBe(true);
    expect(isLiveField('memo.content.ru.sections')).toBe(true);
  });

  test('a later layer may switch the memo off without repeating its text', () => {
    const loaded = loadKioskConfig([], { memo: { enabled: false } });
    expect(loaded.ok && loaded.value.memo.enabled).toBe(false);
  });

  test('a misspelt placeholder is refused with its field path, not printed as «{clinicPhon}»', () => {
    const problems = problemsOf(
      withRussian({ title: 'Памятка', sections: [{ heading: 'Отмена', lines: ['Звоните: {clinicPhon}'] }] }),
    );
    expect(problems).toEqual([
      { path: 'memo.content.ru.sections.0.lines.0', message: expect.stringContaining('unknown placeholder {clinicPhon}') },
    ]);
  });

  test('a memo too long for paper is refused, saying how long it would be', () => {
    const long = 'Очень длинная строка памятки, которая займёт на узкой ленте несколько строк подряд и ещё немного.';
    const problems = problemsOf(
      withRussian({ title: 'Памятка', sections: Array.from({ length: 6 }, (_, i) => ({ heading: `Раздел ${i + 1}`, lines: Array(4).fill(long) })) }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('memo.content.ru');
    expect(problems[0]!.message).toMatch(/about \d+ lines on a 58 mm roll \(32 columns\); at most 60 fit/);
  });

  test.each([
    ['an empty title', { title: ' ', sections: [{ heading: 'A', lines: ['b'] }] }, 'memo.content.ru.title'],
    ['a section without lines', { title: 'Памятка', sections: [{ heading: 'A', lines: [] }] }, 'memo.content.ru.sections.0.lines'],
    ['no sections', { title: 'Памятка', sections: [] }, 'memo.content.ru.sections'],
    ['an unknown field', { title: 'Памятка', sections: [{ heading: 'A', lines: ['b'] }], footer: 'x' }, 'memo.content.ru'],
  ])('%s is refused at %s', (_name, ru, path) => {
    expect(problemsOf(withRussian(ru)).map((p) => p.path)).toEqual([path]);
  });
});
