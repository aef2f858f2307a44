// i18next setup: resources are bundled (no HTTP backend: the CSP and offline use
// both rule out fetching translations), the stored language is applied at start.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ky from './locales/ky.json';
import ru from './locales/ru.json';
import en from './locales/en.json';
import { DEFAULT_LANGUAGE, type Language, storeLanguage, storedLanguage } from './languages';

export const resources = {
  ky: { translation: ky },
  ru: { translation: ru },
  en: { translation: en },
} as const;

export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['ky', 'ru', 'en'],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
