import type { TFunction } from 'i18next';
import { STREAM_LANGUAGES } from '../../i18n/domainValues';

const KNOWN: ReadonlySet<string> = new Set(STREAM_LANGUAGES);

export function streamLanguageName(t: TFunction, code: string): string {
  return KNOWN.has(code) ? t(`streamLanguage.${code}`) : code.toUpperCase();
}
