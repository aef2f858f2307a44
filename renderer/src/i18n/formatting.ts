// Dates and numbers in the chosen language. Campaign instants are Bishkek time
// (RULES.md), so they are shown in Asia/Bishkek whatever the PC's own zone is.
import { INTL_LOCALE, isLanguage, DEFAULT_LANGUAGE } from './languages';

const TIME_ZONE = 'Asia/Bishkek';

function locale(language: string): string {
  return INTL_LOCALE[isLanguage(language) ? language : DEFAULT_LANGUAGE];
}

export function formatDate(instant: string, language: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(instant: string, language: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
