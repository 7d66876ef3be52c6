// All UI text goes through i18next. Russian is the default and the fallback and
// ships in the first bundle; other languages, and the strings of service mode,
// load when they are first needed. Locales are bundled files, never fetched from
// a CDN: a lobby kiosk is often offline.
import i18next, { type i18n } from 'i18next';
import ru from '../../assets/locales/ru.json';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const loaders: Record<Exclude<Language, 'ru'>, () => Promise<{ default: object }>> = {
  // With the specialty names by code (`specialty.ophthalmologist`): a foreigner reads them in English.
  en: () => import('../../assets/locales/en.json'),
};

/** The kiosk's one i18n instance, so lazily loaded screens can add their strings to it. */
let current: i18n | null = null;
const loadedLanguages = new Set<Language>(['ru']);

export async function createI18n(language: Language = 'ru'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'ru',
    fallbackLng: 'ru',
    // Russian specialty names are the clinic's own (from the bridge); assets/locales/ru.specialties.json mirrors
    // the codes of en.json's `specialty.<code>` for the locale test and is not loaded.
    resources: { ru: { translation: ru } },
    interpolation: { escapeValue: false }, // Preact escapes text itself.
    returnObjects: true,
  });
  current = instance;
  loadedLanguages.clear();
  loadedLanguages.add('ru');
  await loadLanguage(instance, language);
  await instance.changeLanguage(language);
  return instance;
}

/** Makes `language` available; resolves at once when it already is. */
export async function loadLanguage(instance: i18n, language: Language): Promise<void> {
  if (loadedLanguages.has(language)) return;
  const { default: bundle } = await loaders[language as Exclude<Language, 'ru'>]();
  instance.addResourceBundle(language, 'translation', bundle, true, false);
  loadedLanguages.add(language);
}

/** The kiosk's i18n instance, for code outside the screens' tree (the narrator, accessibility/accessibility-runtime.ts). */
export const currentI18n = (): i18n | null => current;

/** Adds the strings of a lazily loaded part of the UI (service mode) to every language. */
export function addStrings(bundles: Record<Language, object>): void {
  for (const language of LANGUAGES) current?.addResourceBundle(language, 'translation', bundles[language], true, true);
}
