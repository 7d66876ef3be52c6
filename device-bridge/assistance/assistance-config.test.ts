import { describe, expect, test } from 'vitest';
import { formatConfigProblems, loadKioskConfig } from '../config-loader';

describe('the assistance config', () => {
  test('the defaults say where the demo clinic has help, in both languages, and show the call on screen', () => {
    const config = loadKioskConfig();
    expect(config.ok && config.value.assistance).toEqual({
      where: { ru: 'Волонтёр — у стойки регистратуры, окно 1', en: 'A volunteer is at the registry desk, window 1' },
      callSignal: 'screen',
    });
  });

  test('a later layer may change the Russian text and clear the English one, so English screens show the Russian', () => {
    const config = loadKioskConfig([], { assistance: { where: { ru: 'Волонтёр — у гардероба', en: null }, callSignal: 'none' } });
    expect(config.ok && config.value.assistance).toEqual({ where: { ru: 'Волонтёр — у гардероба', en: null }, callSignal: 'none' });
  });

  test('a signal it does not know, an empty place or a novel is refused with its field path', () => {
    const config = loadKioskConfig([], { assistance: { where: { ru: ' ', en: 'x'.repeat(161) }, callSignal: 'siren' } });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    const text = formatConfigProblems(config.error);
    expect(text).toMatch(/^assistance\.callSignal: /m);
    expect(text).toMatch(/^assistance\.where\.ru: /m);
    expect(text).toMatch(/^assistance\.where\.en: /m);
  });
});
