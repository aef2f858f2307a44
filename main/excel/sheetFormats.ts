// Number formats and shared style objects for report sheets.
//
// exceljs looks a cell's style up by object identity before it serialises it:
// a style object shared by every cell of a column costs one map lookup per
// cell, a fresh one per cell costs a full style serialisation. Report cells
// therefore always get one of these per-column objects.
import type { Style } from 'exceljs';
import type { CellKind } from '../../shared/reports/table';
import type { Lang } from '../../shared/reports/labels';

export function dateFormat(lang: Lang): string {
  return lang === 'en' ? 'yyyy-mm-dd' : 'dd.mm.yyyy';
}

export function dateTimeFormat(lang: Lang): string {
  return lang === 'en' ? 'yyyy-mm-dd hh:mm:ss' : 'dd.mm.yyyy hh:mm:ss';
}

/** One fresh style object per column: identity is what makes the lookup cheap. */
export function columnStyle(kind: CellKind, lang: Lang): Partial<Style> {
  switch (kind) {
    case 'date':
      return { numFmt: dateFormat(lang) };
    case 'datetime':
      return { numFmt: dateTimeFormat(lang) };
    case 'decimal':
      return { numFmt: '0.0' };
    case 'integer':
      return { numFmt: '0' };
    default:
      return {};
  }
}

export const TITLE_STYLE: Partial<Style> = { font: { bold: true, size: 14 } };
export const LABEL_STYLE: Partial<Style> = { font: { bold: true } };
export const HEADER_STYLE: Partial<Style> = {
  font: { bold: true },
  alignment: { vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9C9' } } },
};

/** Excel's sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}
