// Reading one cell as the type its column wants. A person types "30", 30 or
// " 30 " and means the same; a cell formatted as text holds "30" as a string.
// Each reader returns the value or the reason it is not one.
import { SCHOOL_KINDS, type SchoolKind } from '../log/events';
import type { Locality } from '../engine/model';
import { LANGUAGE, LOCALITY, SCHOOL_KIND, type Text } from '../reports/labels';
import type { IssueReason } from './issues';
import type { RawCell } from './rawWorkbook';
import { normalizeName } from './sheets';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: IssueReason };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (reason: IssueReason): Read<never> => ({ ok: false, reason });

export function isErrorCell(v: RawCell): v is { error: string } {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** The cell as a person would read it; '' for an empty cell. */
export function cellText(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.error;
}

export function isEmpty(v: RawCell): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export function readText(v: RawCell): Read<string> {
  if (isErrorCell(v)) return bad('formula_error');
  return ok(cellText(v));
}

/** A count (seats, classes): a whole number, at least `min`. */
export function readCount(v: RawCell, min: number): Read<number> {
  if (isErrorCell(v)) return bad('formula_error');
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/.test(v))
    n = Number(v.trim().replace(',', '.'));
  else return bad('not_a_number');
  if (!Number.isFinite(n)) return bad('not_a_number');
  if (!Number.isInteger(n)) return bad('not_an_integer');
  if (n < 0) return bad('negative');
  if (n < min) return bad('below_minimum');
  return ok(n);
}

/** A code written as itself or as its label in any of the three languages. */
function enumReader<T extends string>(
  codes: readonly T[],
  labels: Record<string, Text>,
): (text: string) => T | null {
  const byName = new Map<string, T>();
  for (const code of codes) {
    byName.set(normalizeName(code), code);
    const l = labels[code];
    if (l) for (const name of [l.ky, l.ru, l.en]) byName.set(normalizeName(name), code);
  }
  return (text) => byName.get(normalizeName(text)) ?? null;
}

const kindOf = enumReader<SchoolKind>(SCHOOL_KINDS, SCHOOL_KIND);
const localityOf = enumReader<Locality>(['urban', 'rural'], LOCALITY);
/** the words people write in the column besides our labels */
const LOCALITY_WORDS: Record<string, Locality> = {
  шаардык: 'urban',
  город: 'urban',
  городская: 'urban',
  city: 'urban',
  айылдык: 'rural',
  село: 'rural',
  сельская: 'rural',
  village: 'rural',
};
const languageByLabel = enumReader(Object.keys(LANGUAGE), LANGUAGE);

export function readKind(v: RawCell): Read<SchoolKind> {
  const k = kindOf(cellText(v));
  return k === null ? bad('unknown_kind') : ok(k);
}

export function readLocality(v: RawCell): Read<Locality> {
  const text = cellText(v);
  const l = localityOf(text) ?? LOCALITY_WORDS[normalizeName(text)] ?? null;
  return l === null ? bad('unknown_locality') : ok(l);
}

const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** A language code (`ky`) or a language's name (`Русский`) as the code. */
export function readLanguage(text: string): Read<string> {
  const byLabel = languageByLabel(text);
  if (byLabel !== null) return ok(byLabel);
  const code = text.trim().toLowerCase();
  return LANGUAGE_CODE.test(code) ? ok(code) : bad('invalid_language');
}

/** `ky, ru` or `ky; ru` or `ky ru`: the codes, first occurrence order, no repeats. */
export function readLanguages(v: RawCell): Read<string[]> {
  const text = cellText(v);
  const out: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const piece = part.trim();
    if (piece === '') continue;
    // `ky ru` with no comma: codes separated by spaces; a name like `Орус тили` is one piece.
    const whole = readLanguage(piece);
    const pieces = whole.ok ? [whole] : piece.split(/\s+/).map(readLanguage);
    for (const r of pieces) {
      if (!r.ok) return bad('invalid_language');
      if (!out.includes(r.value)) out.push(r.value);
    }
  }
  return ok(out);
}

const ADDRESS = /^[^\s.]+(?:\.[^\s.]+)*$/;

/**
 * An address-code prefix (`41.1.3`). A number is accepted only when whole:
 * Excel keeps `41.10` typed into a number cell as 41.1, so a fractional
 * number cannot be trusted to be the code the person typed.
 */
export function readAddress(v: RawCell): Read<string> {
  if (isErrorCell(v)) return bad('formula_error');
  if (typeof v === 'number')
    return Number.isInteger(v) && v >= 0 ? ok(String(v)) : bad('address_as_number');
  const text = cellText(v);
  return ADDRESS.test(text) ? ok(text) : bad('invalid_address');
}
