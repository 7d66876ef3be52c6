import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ASSISTANCE_SCREENS, assistanceScreenLabel } from './assistance-screens';

describe('the screens a volunteer can be called from', () => {
  test('are every patient screen that has help (the help dialog offers the call there), and only those', () => {
    const help = (JSON.parse(readFileSync(new URL('../../assets/locales/ru.json', import.meta.url), 'utf8')) as { help: Record<string, unknown> }).help;
    const screensWithHelp = Object.keys(help).filter((key) => key !== 'open' && key !== 'close');
    expect([...ASSISTANCE_SCREENS].sort()).toEqual(screensWithHelp.sort());
  });

  test('label a known screen by its name and anything else as other', () => {
    expect(assistanceScreenLabel('noSlots')).toBe('noSlots');
    expect(assistanceScreenLabel('somethingNew')).toBe('other');
    expect(assistanceScreenLabel('servicePanel')).toBe('other');
  });
});
