import type { TFunction } from 'i18next';

/** Streams can be in languages the UI has no name for yet (FORMATS.md allows any code). */
const KNOWN = new Set(['ky', 'ru', 'uz', 'tj', 'en']);

export function streamLanguageName(t: TFunction, code: string): string {
  return KNOWN.has(code) ? t(`streamLanguage.${code}`) : code.toUpperCase();
}
