// i18next for the portal, set up as the desktop's (renderer/src/i18n): the same languages,
// the same stored choice and the same date formatting, with the portal's own small catalogue
// so a parent's phone never downloads the desktop's strings.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  LANGUAGES,
  type Language,
  storeLanguage,
  storedLanguage,
} from '../../../renderer/src/i18n/languages';
import {
  PRIVILEGE_CATEGORY,
  PRIVILEGE_STATE,
  STATUS,
  STREAM_LANGUAGE,
} from '../../../shared/labels/codes';
import { REFUSAL, REQUIRED_DOCUMENT } from '../../../shared/labels/sentences';
import type { Lang, Text } from '../../../shared/labels/text';

/**
 * The desktop's words for the engine's codes (shared/labels), so a status or a refusal
 * reads the same to the parent as to the officer; only the domains the portal shows.
 */
function labels(lang: Lang) {
  const pick = (domain: Readonly<Record<string, Text>>) =>
    Object.fromEntries(Object.entries(domain).map(([code, text]) => [code, text[lang]]));
  return {
    status: pick(STATUS),
    reason: pick(REFUSAL),
    document: pick(REQUIRED_DOCUMENT),
    streamLanguage: pick(STREAM_LANGUAGE),
    privilegeCategory: pick(PRIVILEGE_CATEGORY),
    privilegeState: pick(PRIVILEGE_STATE),
  };
}

/**
 * Each language is its own chunk, fetched when chosen: a parent's phone downloads one
 * catalogue, not three (the first-load budget, docs/portal.md).
 */
const CATALOGUES: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  ky: () => import('./locales/ky.json'),
  ru: () => import('./locales/ru.json'),
  en: () => import('./locales/en.json'),
};

export async function catalogue(language: Language): Promise<Record<string, unknown>> {
  const own = (await CATALOGUES[language]()).default;
  return { ...own, ...labels(language) };
}

async function ensureLoaded(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await catalogue(language));
}

export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  const resources = { [language]: { translation: await catalogue(language) } };
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    // No fallback language: every key exists in all three (tests/portal/i18n.test.ts), and
    // a fallback would make the phone fetch a second catalogue.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await ensureLoaded(language);
  storeLanguage(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
