// A school's short name, for narrow columns and chart labels: its number and its kind
// ("№ 10 школа", "№ 3 гимназия"). District names share long prefixes ("Средняя
// общеобразовательная школа № …", "№ … орто мектеби") that an ellipsis cuts to the same
// words; the number is what tells them apart. A school without a number keeps its name.
import type { Lang } from '../reports/labels';

export interface SchoolShort {
  /** the school's number as written in its name ("10", "10А"), or null */
  number: string | null;
  /** the school kind code (state, municipal, gymnasium, private, special) */
  kind: string;
}

const NUMBER = /№\s*(\d+(?:[-\s]?[А-ЯЁӨҮҢA-Z](?![\p{L}]))?)/iu;

export function schoolShort(name: string, kind: string): SchoolShort {
  const m = NUMBER.exec(name);
  return { number: m ? m[1]!.replace(/[-\s]/g, '').toUpperCase() : null, kind };
}

const KIND_WORD: Record<string, Record<Lang, string>> = {
  state: { ky: 'мектеп', ru: 'школа', en: 'school' },
  municipal: { ky: 'мектеп', ru: 'школа', en: 'school' },
  gymnasium: { ky: 'гимназия', ru: 'гимназия', en: 'gymnasium' },
  private: { ky: 'жеке мектеп', ru: 'частная школа', en: 'private school' },
  special: { ky: 'мектеп-интернат', ru: 'школа-интернат', en: 'boarding school' },
};

/** "№ 10 школа" in the language; the full name when the school has no number. */
export function shortSchoolName(name: string, short: SchoolShort, lang: Lang): string {
  if (short.number === null) return name;
  const word = (KIND_WORD[short.kind] ?? KIND_WORD.state)[lang];
  return lang === 'en' ? `${word} №\u00a0${short.number}` : `№\u00a0${short.number} ${word}`;
}
