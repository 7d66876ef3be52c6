import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ASSISTANCE_SCREENS, assistanceScreenLabel } from './assistance-screens';

describe('the screens a volunteer can be called from', () => {
  test('are every patient screen that has help (the help dialog offers the call there), and only those', () => {
    const helpOf = (file: string) => (JSON.parse(readFileSync(new URL(`../../assets/locales/${file}`, import.meta.url), 'utf8')) as { help: Record<string, unknown> }).help;
    // The check-in and birth-date screens' help loads with them (kiosk-ui/i18n/check-in-strings.ts and the birth-date strings).
    const help = { ...helpOf('ru.json'), ...helpOf('ru.check-in.json'), ...helpOf('ru.birth-date.json'), ...helpOf('ru.help.json') };
    const screensWithHelp = Object.keys(help).filter((key) => key !== 'open' && key !== 'close');
    expect([...ASSISTANCE_SCREENS].sort()).toEqual(screensWithHelp.sort());
  });

  test('label a known screen by its name and anything else as other', () => {
    expect(assistanceScreenLabel('noSlots')).toBe('noSlots');
    expect(assistanceScreenLabel('somethingNew')).toBe('other');
    expect(assistanceScreenLabel('servicePanel')).toBe('other');
  });
});
