// The district workbook's shape: three sheets (schools, catchments, quotas),
// their columns, and what each is called in Kyrgyz, Russian and English.
// A file is read by these names in any of the three languages, so a template
// downloaded in Russian can be filled in and imported from a Kyrgyz screen.
import type { Text } from '../reports/labels';

const t = (ky: string, ru: string, en: string): Text => ({ ky, ru, en });

export type SheetKey = 'schools' | 'catchments' | 'quotas';
export type CellType =
  'text' | 'kind' | 'locality' | 'languages' | 'language' | 'address' | 'count' | 'norm';

export interface ColumnDef {
  key: string;
  label: Text;
  /** also accepted as the header, besides the three labels and the key */
  aliases: string[];
  type: CellType;
  required: boolean;
  /** width in the template, in characters */
  width: number;
}

export interface SheetDef {
  key: SheetKey;
  label: Text;
  aliases: string[];
  columns: ColumnDef[];
}

const col = (
  key: string,
  label: Text,
  type: CellType,
  required: boolean,
  width: number,
  aliases: string[] = [],
): ColumnDef => ({
  key,
  label,
  aliases,
  type,
  required,
  width,
});

const SCHOOL_ID = t('Мектептин ID', 'ID школы', 'School ID');

export const SCHOOLS_SHEET: SheetDef = {
  key: 'schools',
  label: t('Мектептер', 'Школы', 'Schools'),
  aliases: [],
  columns: [
    col('id', SCHOOL_ID, 'text', true, 14, ['id']),
    col('name', t('Аталышы', 'Название', 'Name'), 'text', true, 40),
    col('kind', t('Түрү', 'Тип', 'Kind'), 'kind', true, 26),
    col('district', t('Район', 'Район', 'District'), 'text', true, 14, ['district id']),
    col('languages', t('Окутуу тилдери', 'Языки обучения', 'Languages'), 'languages', false, 18),
    col('locality', t('Шаар же айыл', 'Город или село', 'Urban or rural'), 'locality', false, 16, [
      'locality',
      'местность',
    ]),
    col(
      'classSizeNorm',
      t('Класстагы норма', 'Норма на класс', 'Class size norm'),
      'norm',
      false,
      16,
      ['class size norm'],
    ),
  ],
};

export const CATCHMENTS_SHEET: SheetDef = {
  key: 'catchments',
  label: t('Микроучасток', 'Микроучастки', 'Catchments'),
  aliases: ['микроучастоктор'],
  columns: [
    col('school', SCHOOL_ID, 'text', true, 14, ['school', 'мектеп', 'школа']),
    col('addressPrefix', t('Дарек коду', 'Код адреса', 'Address prefix'), 'address', true, 30, [
      'address',
      'prefix',
    ]),
  ],
};

export const QUOTAS_SHEET: SheetDef = {
  key: 'quotas',
  label: t('Квоталар', 'Квоты', 'Quotas'),
  aliases: [],
  columns: [
    col('school', SCHOOL_ID, 'text', true, 14, ['school', 'мектеп', 'школа']),
    col('language', t('Окутуу тили', 'Язык обучения', 'Language'), 'language', true, 16),
    col('seats', t('Орундар', 'Мест', 'Seats'), 'count', true, 10, ['quota', 'квота', 'места']),
    col('classes', t('Класстар', 'Классов', 'Classes'), 'count', false, 10, ['классы']),
  ],
};

export const DISTRICT_SHEETS: readonly SheetDef[] = [SCHOOLS_SHEET, CATCHMENTS_SHEET, QUOTAS_SHEET];

export const INSTRUCTIONS_SHEET = t('Нускама', 'Инструкция', 'Instructions');

/** Headers and sheet names compare without case, surrounding or doubled spaces, or a trailing `*`. */
export function normalizeName(text: string): string {
  return text.replace(/\*/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function namesOf(def: { key: string; label: Text; aliases: string[] }): Set<string> {
  return new Set(
    [def.key, def.label.ky, def.label.ru, def.label.en, ...def.aliases].map(normalizeName),
  );
}
