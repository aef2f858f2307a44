// Dates and numbers in the chosen language. Campaign instants are Bishkek time
// (RULES.md), so they are shown in Asia/Bishkek whatever the PC's own zone is.
//
// Chromium builds ship trimmed ICU data, and some (Debian's among them) have no
// Kyrgyz: Intl then silently answers in American English. So Kyrgyz is checked for
// and, when missing, written by hand in CLDR's Kyrgyz pattern ("2026-ж., 10-июль").
import { INTL_LOCALE, isLanguage, DEFAULT_LANGUAGE, type Language } from './languages';

const TIME_ZONE = 'Asia/Bishkek';

/** CLDR's Kyrgyz month names (format context), for runtimes without Kyrgyz ICU data. */
const KY_MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

const supported = new Map<string, boolean>();
function intlHas(locale: string): boolean {
  let known = supported.get(locale);
  if (known === undefined) {
    known = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
    supported.set(locale, known);
  }
  return known;
}

function language(value: string): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

/** The instant's calendar fields in Bishkek, read with a locale every runtime has. */
function bishkekParts(date: Date): { year: string; month: number; day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: Number(get('month')),
    day: String(Number(get('day'))),
    time: `${get('hour')}:${get('minute')}`,
  };
}

function kyrgyzDate(date: Date, withTime: boolean): string {
  const p = bishkekParts(date);
  const text = `${p.year}-ж., ${p.day}-${KY_MONTHS[p.month - 1]}`;
  return withTime ? `${text}, ${p.time}` : text;
}

function format(instant: string, lang: string, withTime: boolean): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const locale = INTL_LOCALE[language(lang)];
  if (language(lang) === 'ky' && !intlHas(locale)) return kyrgyzDate(date, withTime);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short', hourCycle: 'h23' } : {}),
    timeZone: TIME_ZONE,
  } as Intl.DateTimeFormatOptions).format(date);
}

export function formatDate(instant: string, lang: string): string {
  return format(instant, lang, false);
}

export function formatDateTime(instant: string, lang: string): string {
  return format(instant, lang, true);
}

/** Kyrgyz writes numbers as Russian does (space grouping, decimal comma). */
function numberLocale(lang: string): string {
  const locale = INTL_LOCALE[language(lang)];
  return language(lang) === 'ky' && !intlHas(locale) ? INTL_LOCALE.ru : locale;
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(numberLocale(lang)).format(value);
}

export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
