// i18next for the portal, set up as the desktop's (renderer/src/i18n): the same languages,
// the same stored choice and the same date formatting, with the portal's own small catalogue
// so a parent's phone never downloads the desktop's strings.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  storeLanguage,
  storedLanguage,
} from '../../../renderer/src/i18n/languages';
import ky from './locales/ky.json';
import ru from './locales/ru.json';
import en from './locales/en.json';

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
