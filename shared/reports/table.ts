// A report as data: typed rows plus the columns that say how each row becomes
// cells. The builders (one per report) are pure; the Excel writer, and later
// the app's tables and print pages, render the same table.
import type { ReportName, Text, ColumnKey, Lang } from './labels';
import { COLUMN_HEADERS, labelOf } from './labels';
import { bishkekWallClock, calendarDate } from './bishkekTime';

/**
 * How a column's values are typed in a sheet: `datetime` holds an instant
 * (shown as Bishkek wall time), `date` a `YYYY-MM-DD` date, `enum` a code
 * shown through its labels, `enumList` several codes in one cell.
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'enum' | 'enumList';

export type RawValue = string | number | null | readonly string[];
export type CellValue = string | number | Date | null;

export interface Column<R> {
  key: ColumnKey;
  kind: CellKind;
  /** labels of the codes, for `enum` and `enumList` */
  domain?: Record<string, Text>;
  value(row: R): RawValue;
}

export interface ReportTable<R = unknown> {
  name: ReportName;
  columns: readonly Column<R>[];
  rows: readonly R[];
  /** the districts the report covers, sorted */
  districts: string[];
  /** the instant the state is as of (the last event's `at`, or the replay's --at), as written */
  asOf: string | null;
}

export function headerOf<R>(column: Column<R>, lang: Lang): string {
  return COLUMN_HEADERS[column.key][lang];
}

/** One function per column, chosen once, that turns a row's raw value into its cell. */
export function cellRenderer<R>(column: Column<R>, lang: Lang): (row: R) => CellValue {
  const get = column.value;
  switch (column.kind) {
    case 'text':
      return (row) => {
        const v = get(row);
        return v === null || v === '' ? null : String(v);
      };
    case 'integer':
    case 'decimal':
      return (row) => {
        const v = get(row);
        return typeof v === 'number' ? v : null;
      };
    case 'datetime':
      return (row) => {
        const v = get(row);
        return typeof v === 'string' ? bishkekWallClock(v) : null;
      };
    case 'date':
      return (row) => {
        const v = get(row);
        return typeof v === 'string' ? calendarDate(v) : null;
      };
    case 'enum': {
      const domain = column.domain ?? {};
      // Labels are looked up once per code, not once per cell.
      const cache = new Map<string, string>();
      return (row) => {
        const v = get(row);
        if (typeof v !== 'string') return null;
        let label = cache.get(v);
        if (label === undefined) cache.set(v, (label = labelOf(domain, v, lang)));
        return label;
      };
    }
    case 'enumList': {
      const domain = column.domain ?? {};
      return (row) => {
        const v = get(row);
        if (!Array.isArray(v) || v.length === 0) return null;
        return v.map((code: string) => labelOf(domain, code, lang)).join('; ');
      };
    }
  }
}

/** Every row of a table as cell arrays, lazily, so a 200k-row report is never held twice. */
export function* tableCells<R>(table: ReportTable<R>, lang: Lang): Generator<CellValue[]> {
  const renderers = table.columns.map((c) => cellRenderer(c, lang));
  const n = renderers.length;
  for (const row of table.rows) {
    const cells = new Array<CellValue>(n);
    for (let i = 0; i < n; i++) cells[i] = renderers[i](row);
    yield cells;
  }
}

const KIND_WIDTH: Record<CellKind, number> = {
  text: 12,
  integer: 8,
  decimal: 8,
  date: 12,
  datetime: 20,
  enum: 14,
  enumList: 24,
};
const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

/**
 * Column widths in characters: wide enough for the header and for the longest
 * value among the first `sample` rows, within bounds, so a stray long note does
 * not make a column unusable.
 */
export function columnWidths<R>(table: ReportTable<R>, lang: Lang, sample = 500): number[] {
  return table.columns.map((column) => {
    const render = cellRenderer(column, lang);
    let width = Math.max(KIND_WIDTH[column.kind], Math.min(headerOf(column, lang).length, 30));
    if (column.kind === 'text' || column.kind === 'enum' || column.kind === 'enumList') {
      const limit = Math.min(sample, table.rows.length);
      for (let i = 0; i < limit; i++) {
        const v = render(table.rows[i]);
        if (typeof v === 'string' && v.length > width) width = v.length;
      }
    }
    return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width + 2));
  });
}
