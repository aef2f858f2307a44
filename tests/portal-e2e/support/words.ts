// The portal's own words, for the journeys to find buttons and read answers in each
// language exactly as a parent sees them.
import ky from '../../../portal/src/i18n/locales/ky.json';
import ru from '../../../portal/src/i18n/locales/ru.json';
import en from '../../../portal/src/i18n/locales/en.json';
import { REFUSAL } from '../../../shared/labels/sentences';
import { STATUS } from '../../../shared/labels/codes';

export const LANGS = ['ky', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const ENDONYM: Record<Lang, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

type Tree = { [k: string]: string | Tree };
const CATALOGUES: Record<Lang, Tree> = { ky, ru, en };

/** The catalogue's text for `key`, with {{vars}} filled in. */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let node: string | Tree = CATALOGUES[lang];
  for (const part of key.split('.')) {
    if (typeof node === 'string' || !(part in node)) throw new Error(`no ${lang} text for ${key}`);
    node = node[part];
  }
  if (typeof node !== 'string') throw new Error(`${key} is not a text`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
}

export const statusWord = (lang: Lang, status: keyof typeof STATUS) => STATUS[status][lang];
export const refusalWords = (lang: Lang, reason: keyof typeof REFUSAL) => REFUSAL[reason][lang];
