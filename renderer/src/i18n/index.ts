// i18next setup: bundled resources, the stored language applied at start.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  storeLanguage,
  storedLanguage,
} from './languages';

export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
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
