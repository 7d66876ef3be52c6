// All UI text goes through i18next. Russian is the default and the fallback and
// ships in the first bundle; other languages load when a patient picks them.
// Locales are bundled files, never fetched from a CDN: a lobby kiosk is often offline.
import i18next, { type i18n } from 'i18next';
import ru from '../../assets/locales/ru.json';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const loaders: Record<Exclude<Language, 'ru'>, () => Promise<{ default: object }>> = {
  en: () => import('../../assets/locales/en.json'),
};

export async function createI18n(language: Language = 'ru'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'ru',
    fallbackLng: 'ru',
    resources: { ru: { translation: ru } },
    interpolation: { escapeValue: false }, // Preact escapes text itself.
    returnObjects: true,
  });
  await loadLanguage(instance, language);
  await instance.changeLanguage(language);
  return instance;
}

/** Makes `language` available; resolves at once when it already is. */
export async function loadLanguage(instance: i18n, language: Language): Promise<void> {
  if (language === 'ru' || instance.hasResourceBundle(language, 'translation')) return;
  const { default: bundle } = await loaders[language]();
  instance.addResourceBundle(language, 'translation', bundle);
}
