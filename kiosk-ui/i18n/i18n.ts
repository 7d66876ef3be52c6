// All UI text goes through i18next. Russian is the default and the fallback;
// locales ship in the bundle because a lobby kiosk is often offline.
import i18next, { type i18n } from 'i18next';
import en from '../../assets/locales/en.json';
import ru from '../../assets/locales/ru.json';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export async function createI18n(language: Language = 'ru'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'ru',
    resources: { ru: { translation: ru }, en: { translation: en } },
    interpolation: { escapeValue: false }, // Preact escapes text itself.
    returnObjects: true,
  });
  return instance;
}
