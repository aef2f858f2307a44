// A label in the three languages of the app. The catalogue in this folder is the
// one place that puts engine and contract codes into words: the Excel reports read
// it directly, the renderer loads it into i18next (see labelResources).
export const LANGS = ['ky', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ky';

export function isLang(v: string): v is Lang {
  return (LANGS as readonly string[]).includes(v);
}

export interface Text {
  ky: string;
  ru: string;
  en: string;
}

export const t = (ky: string, ru: string, en: string): Text => ({ ky, ru, en });

/** The label of a code in a domain, or the code itself when the domain has no word for it. */
export function labelOf(domain: Readonly<Record<string, Text>>, code: string, lang: Lang): string {
  const text = Object.prototype.hasOwnProperty.call(domain, code) ? domain[code] : undefined;
  return text === undefined ? code : text[lang];
}
