// The UI languages and where the user's choice is kept. Kyrgyz is the default:
// the app is for Kyrgyz district departments, and the state language comes first.
export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ky';

/** Each language named in itself, so a user who cannot read the current UI still finds theirs. */
export const ENDONYMS: Record<Language, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/** Intl locale per UI language, for dates and numbers. */
export const INTL_LOCALE: Record<Language, string> = { ky: 'ky-KG', ru: 'ru-RU', en: 'en-GB' };

const STORAGE_KEY = 'kabyl.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be unavailable (privacy settings); the default is still usable.
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; failing the switch is not.
  }
}
