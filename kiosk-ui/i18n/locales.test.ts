// Every string the UI shows exists in Russian and English, with the plural
// forms each language needs (1 талон, 2 талона, 5 талонов).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import enAssistance from '../../assets/locales/en.assistance.json';
import enBirthDate from '../../assets/locales/en.birth-date.json';
import enDevices from '../../assets/locales/en.devices.json';
import enCheckIn from '../../assets/locales/en.check-in.json';
import enHelp from '../../assets/locales/en.help.json';
import enMain from '../../assets/locales/en.json';
import enMemo from '../../assets/locales/en.memo.json';
import enPolicyKinds from '../../assets/locales/en.policy-kinds.json';
import enRequest from '../../assets/locales/en.request.json';
import enService from '../../assets/locales/en.service.json';
import enSpeech from '../../assets/locales/en.speech.json';
import ruAssistance from '../../assets/locales/ru.assistance.json';
import ruBirthDate from '../../assets/locales/ru.birth-date.json';
import ruDevices from '../../assets/locales/ru.devices.json';
import ruCheckIn from '../../assets/locales/ru.check-in.json';
import ruHelp from '../../assets/locales/ru.help.json';
import ruMain from '../../assets/locales/ru.json';
import ruMemo from '../../assets/locales/ru.memo.json';
import ruPolicyKinds from '../../assets/locales/ru.policy-kinds.json';
import ruRequest from '../../assets/locales/ru.request.json';
import ruService from '../../assets/locales/ru.service.json';
import ruSpeech from '../../assets/locales/ru.speech.json';
import ruSpecialties from '../../assets/locales/ru.specialties.json';
import ruTraining from '../../assets/locales/ru.training.json';
import enTraining from '../../assets/locales/en.training.json';
import ruNotPrinted from '../../assets/locales/ru.not-printed.json';
import enNotPrinted from '../../assets/locales/en.not-printed.json';
import { DEMO_CARD_KINDS } from '../../device-bridge/contract/kiosk';
import { createI18n } from './i18n';

type Tree = { [key: string]: string | string[] | Tree };

function merged(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees)
    for (const [key, value] of Object.entries(tree)) {
      const prev = out[key];
      out[key] = typeof value === 'object' && !Array.isArray(value) && typeof prev === 'object' && !Array.isArray(prev) ? merged(prev, value) : value;
    }
  return out;
}

// Everything the UI can show: the first-paint strings and those loaded with their code (service mode, the
// volunteer dialog, the identify screen for a temporary certificate or an old-style policy).
const ru = merged(ruMain as Tree, ruHelp as Tree, ruService as Tree, ruAssistance as Tree, ruPolicyKinds as Tree, ruMemo as Tree, ruSpeech as Tree, ruRequest as Tree, ruBirthDate as Tree, ruDevices as Tree, ruCheckIn as Tree, ruSpecialties as Tree, ruTraining as Tree, ruNotPrinted as Tree);
const en = merged(enMain as Tree, enHelp as Tree, enService as Tree, enAssistance as Tree, enPolicyKinds as Tree, enMemo as Tree, enSpeech as Tree, enRequest as Tree, enBirthDate as Tree, enDevices as Tree, enCheckIn as Tree, enTraining as Tree, enNotPrinted as Tree);

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && !Array.isArray(value) ? leaves(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Keys as code asks for them: `slot.free` for `slot.free_one`, `slot.free_few`, … */
const baseKeys = (tree: Tree) => new Set(leaves(tree).map((k) => k.replace(PLURAL, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

const SCREENS = ['attract', 'identify', 'confirmIdentity', 'specialty', 'slot', 'review', 'busy', 'done', 'failed', 'noSlots', 'waitingList', 'request', 'appointments', 'confirmCancel', 'birthDate', 'serviceLogin', 'servicePanel', 'checkIn'];
const FAILURES = ['scheduler-unavailable', 'session-expired', 'unexpected'];
const STEPS = ['specialty', 'slot', 'review', 'ticket'];
const IDENTITY_ERRORS = ['card-unreadable', 'card-removed', 'unknown-card', 'no-reader', 'patient-not-found', 'bad-barcode', 'unavailable'];
/** Why the памятка did not print (components/memo-notice.tsx, memoReason); those strings load with the notice (ru.memo.json). */
const MEMO_REASONS = ['paper-out', 'cover-open', 'offline', 'other'];
const POLICY_KINDS = ['enp', 'temporary', 'old'];
const RULES = ['not-attached', 'active-booking-exists', 'session-cap', 'beyond-horizon', 'too-soon', 'other-district', 'no-district', 'children-only', 'adults-only', 'specialty-not-self-bookable', 'backend-rule'];

describe('locales', () => {
  test('Russian and English have the same keys', () => {
    expect([...baseKeys(en)].sort()).toEqual([...baseKeys(ru)].sort());
  });

  test('every screen has its help (title and body, with a picture by screen name): the list above knows every screen', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/<ScreenFrame\s[^>]*?name="(\w+)"/gs)) named.add(match[1]!);
      for (const match of text.matchAll(/<DisplayControls\s+screen="(\w+)"/g)) named.add(match[1]!);
    }
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((screen) => !SCREENS.includes(screen))).toEqual([]);
    for (const screen of SCREENS) {
      for (const [language, tree] of [['ru', ru], ['en', en]] as const) {
        const help = (tree.help as Tree | undefined)?.[screen] as Tree | undefined;
        expect(typeof help?.title === 'string' && typeof help.body === 'string', `${language}: help.${screen}`).toBe(true);
      }
    }
  });

  test('every key the code asks for exists, including keys built from screen, step and failure names', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!);
      for (const match of readFileSync(file, 'utf8').matchAll(/message="([a-zA-Z0-9_.-]+)"/g)) used.add(match[1]!);
    }
    for (const screen of SCREENS) used.add(`help.${screen}.title`).add(`help.${screen}.body`);
    for (const failure of FAILURES) used.add(`failed.${failure}`);
    for (const step of STEPS) used.add(`steps.${step}`);
    for (const reason of IDENTITY_ERRORS) used.add(`identityErrors.${reason}`);
    for (const rule of RULES) used.add(`rules.${rule}`);
    for (const kind of POLICY_KINDS) used.add(`identify.kind.${kind}`).add(`identify.kind.${kind}Detail`);
    for (const reason of MEMO_REASONS) used.add(`memo.reason.${reason}`);
    for (const kind of DEMO_CARD_KINDS) used.add(`training.demoKind.${kind}`);
    expect(used.size).toBeGreaterThan(40);
    for (const tree of [ru, en]) {
      const keys = baseKeys(tree);
      expect([...used].filter((k) => !keys.has(k))).toEqual([]);
    }
  });

  test('English screens are English: no Cyrillic in any English string (names of people and the clinic come from the bridge, not from here)', () => {
    const cyrillic = (tree: Tree, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) => {
        if (typeof value === 'object' && !Array.isArray(value)) return cyrillic(value, `${prefix}${key}.`);
        return [value].flat().some((text) => /[\u0400-\u04FF]/.test(text)) ? [`${prefix}${key}`] : [];
      });
    expect(cyrillic(en)).toEqual([]);
  });

  test('a specialty is named by its code in each language, the clinic\'s own name only for a code no locale knows', async () => {
    const { specialtyName } = await import('./specialty-name');
    const i18n = await createI18n('en');
    expect(specialtyName(i18n.getFixedT('en'), { code: 'ophthalmologist', name: 'Офтальмолог' })).toBe('Ophthalmologist (eye doctor)');
    expect(specialtyName(i18n.getFixedT('ru'), { code: 'ophthalmologist', name: 'Офтальмолог' })).toBe('Офтальмолог');
    expect(specialtyName(i18n.getFixedT('en'), { code: 'clinic-own-code', name: 'Мануальный терапевт' })).toBe('Мануальный терапевт');
  });

  test('Russian plurals read right', async () => {
    const i18n = await createI18n('ru');
    expect(i18n.t('slot.free', { count: 1 })).toBe('1 свободный талон');
    expect(i18n.t('slot.free', { count: 2 })).toBe('2 свободных талона');
    expect(i18n.t('slot.free', { count: 5 })).toBe('5 свободных талонов');
    expect(i18n.t('slot.free', { count: 21 })).toBe('21 свободный талон');
    expect(i18n.t('identify.digitsLeft', { count: 1 })).toBe('Осталась 1 цифра');
    i18n.addResourceBundle('ru', 'translation', ruPolicyKinds, true, true);
    expect(i18n.t('identify.charsLeft', { count: 1 })).toBe('Введите ещё хотя бы 1 знак');
    expect(i18n.t('identify.charsLeft', { count: 3 })).toBe('Введите ещё хотя бы 3 знака');
    expect(i18n.t('identify.charsLeft', { count: 5 })).toBe('Введите ещё хотя бы 5 знаков');
    expect(i18n.t('idle.countdown', { count: 3 })).toContain('3 секунды');
  });

  test('English plurals read right', async () => {
    const i18n = await createI18n('en');
    expect(i18n.t('slot.free', { count: 1 })).toBe('1 free ticket');
    expect(i18n.t('slot.free', { count: 5 })).toBe('5 free tickets');
  });
});
