// Checks a district workbook cell by cell and either lists every problem
// (every bad row, not just the first) or returns a clean model. Nothing here
// knows about the engine: a clean workbook is clean on its own; what it
// changes is planImport's business.
import type { DistrictModel, CatchmentEntry, QuotaEntry, SchoolEntry } from './districtModel';
import type { ImportIssue, IssueReason } from './issues';
import {
  type RawCell,
  type RawRow,
  type RawSheet,
  type RawWorkbook,
  columnLetter,
} from './rawWorkbook';
import {
  type Read,
  cellText,
  isEmpty,
  readAddress,
  readCount,
  readKind,
  readLanguage,
  readLanguages,
  readLocality,
  readText,
} from './cellValues';
import {
  CATCHMENTS_SHEET,
  type ColumnDef,
  DISTRICT_SHEETS,
  QUOTAS_SHEET,
  SCHOOLS_SHEET,
  type SheetDef,
  namesOf,
  normalizeName,
} from './sheets';

export type DistrictValidation =
  | { ok: true; model: DistrictModel; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

/** how far down a sheet its header row may be (a title above it is allowed) */
const HEADER_SEARCH_ROWS = 10;

interface FoundSheet {
  def: SheetDef;
  name: string;
  /** column key -> 0-based index in the file */
  columns: Map<string, number>;
  headers: Map<string, string>;
  rows: RawRow[];
}

/** Values of one data row, by column key; absent columns read as empty. */
type RowValues = Map<string, unknown>;

export function validateDistrictWorkbook(raw: RawWorkbook): DistrictValidation {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const found = new Map<string, FoundSheet>();
  for (const def of DISTRICT_SHEETS) {
    const sheet = locateSheet(def, raw.sheets, errors);
    if (sheet) found.set(def.key, sheet);
  }

  const schoolSheet = found.get('schools');
  const schoolsKnown = schoolSheet !== undefined && schoolSheet.columns.has('id');
  const schools: SchoolEntry[] = [];
  /** every id the Schools sheet names, even on rows with other problems, so one bad cell does not cascade */
  const schoolIds = new Set<string>();
  const languagesOf = new Map<string, string[]>();
  if (schoolSheet) {
    for (const { row, values, clean } of readRows(schoolSheet, errors)) {
      const id = values.get('id') as string | undefined;
      if (id !== undefined) {
        if (schoolIds.has(id)) {
          errors.push(issue(schoolSheet, row, 'id', 'duplicate_school', id));
          continue;
        }
        schoolIds.add(id);
        const langs = values.get('languages') as string[] | undefined;
        if (langs && langs.length > 0) languagesOf.set(id, langs);
      }
      if (!clean) continue;
      schools.push({
        id: id!,
        name: values.get('name') as string,
        kind: values.get('kind') as SchoolEntry['kind'],
        districtId: values.get('district') as string,
        languages: (values.get('languages') as string[] | undefined) ?? [],
        locality: (values.get('locality') as SchoolEntry['locality'] | undefined) ?? null,
        classSizeNorm: (values.get('classSizeNorm') as number | undefined) ?? null,
        row,
      });
    }
  }

  const catchments: CatchmentEntry[] = [];
  const catchmentSheet = found.get('catchments');
  if (catchmentSheet) {
    const seen = new Set<string>();
    const firstSchoolOf = new Map<string, string>();
    for (const { row, values, clean } of readRows(catchmentSheet, errors)) {
      const schoolId = values.get('school') as string | undefined;
      const prefix = values.get('addressPrefix') as string | undefined;
      let good = clean;
      if (schoolId !== undefined && schoolsKnown && !schoolIds.has(schoolId)) {
        errors.push(issue(catchmentSheet, row, 'school', 'unknown_school', schoolId));
        good = false;
      }
      if (schoolId !== undefined && prefix !== undefined) {
        const key = `${schoolId}\u0000${prefix}`;
        if (seen.has(key)) {
          errors.push(issue(catchmentSheet, row, 'addressPrefix', 'duplicate_prefix', prefix));
          continue;
        }
        seen.add(key);
        const other = firstSchoolOf.get(prefix);
        if (other === undefined) firstSchoolOf.set(prefix, schoolId);
        else if (other !== schoolId)
          warnings.push(
            issue(catchmentSheet, row, 'addressPrefix', 'shared_prefix', `${prefix} (${other})`),
          );
      }
      if (good) catchments.push({ schoolId: schoolId!, prefix: prefix!, row });
    }
  }

  const quotas: QuotaEntry[] = [];
  const quotaSheet = found.get('quotas');
  const streamsWithQuota = new Set<string>();
  if (quotaSheet) {
    for (const { row, values, clean } of readRows(quotaSheet, errors)) {
      const schoolId = values.get('school') as string | undefined;
      const language = values.get('language') as string | undefined;
      let good = clean;
      if (schoolId !== undefined && schoolsKnown && !schoolIds.has(schoolId)) {
        errors.push(issue(quotaSheet, row, 'school', 'unknown_school', schoolId));
        good = false;
      } else if (schoolId !== undefined && language !== undefined) {
        const listed = languagesOf.get(schoolId);
        if (listed && !listed.includes(language)) {
          errors.push(issue(quotaSheet, row, 'language', 'language_not_listed', language));
          good = false;
        }
        const key = `${schoolId}/${language}`;
        if (streamsWithQuota.has(key)) {
          errors.push(issue(quotaSheet, row, 'language', 'duplicate_stream', key));
          continue;
        }
        streamsWithQuota.add(key);
      }
      if (good) {
        quotas.push({
          schoolId: schoolId!,
          language: language!,
          seats: values.get('seats') as number,
          classes: (values.get('classes') as number | undefined) ?? null,
          row,
        });
      }
    }
  }

  if (schoolSheet && quotaSheet) {
    for (const s of schools) {
      for (const l of s.languages)
        if (!streamsWithQuota.has(`${s.id}/${l}`))
          warnings.push(issue(schoolSheet, s.row, 'languages', 'no_quota', l));
    }
  }

  if (errors.length > 0)
    return { ok: false, errors: sortIssues(errors), warnings: sortIssues(warnings) };
  return { ok: true, model: { schools, catchments, quotas }, warnings: sortIssues(warnings) };
}

function locateSheet(def: SheetDef, sheets: RawSheet[], errors: ImportIssue[]): FoundSheet | null {
  const names = namesOf(def);
  const sheet = sheets.find((s) => names.has(normalizeName(s.name)));
  if (!sheet) {
    errors.push({
      sheet: def.key,
      sheetName: null,
      row: null,
      column: null,
      columnName: null,
      cell: null,
      reason: 'missing_sheet',
      value: null,
    });
    return null;
  }
  const columnNames = def.columns.map((c) => namesOf(c));
  // The header row is the one (among the first few) that names the most of the sheet's columns,
  // so a title above it that happens to say "District" is not taken for it.
  let headerIndex = -1;
  let columns = new Map<string, number>();
  let headers = new Map<string, string>();
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, sheet.rows.length); i++) {
    const found = new Map<string, number>();
    const texts = new Map<string, string>();
    sheet.rows[i].cells.forEach((cell, index) => {
      const text = normalizeName(cellText(cell));
      if (text === '') return;
      const c = columnNames.findIndex((set) => set.has(text));
      if (c >= 0 && !found.has(def.columns[c].key)) {
        found.set(def.columns[c].key, index);
        texts.set(def.columns[c].key, cellText(cell));
      }
    });
    if (found.size > columns.size) {
      headerIndex = i;
      columns = found;
      headers = texts;
    }
  }
  const headerRow = headerIndex >= 0 ? sheet.rows[headerIndex].row : null;
  for (const c of def.columns) {
    if (c.required && !columns.has(c.key)) {
      errors.push({
        sheet: def.key,
        sheetName: sheet.name,
        row: headerRow,
        column: c.key,
        columnName: null,
        cell: null,
        reason: 'missing_column',
        value: null,
      });
    }
  }
  return {
    def,
    name: sheet.name,
    columns,
    headers,
    rows: headerIndex >= 0 ? sheet.rows.slice(headerIndex + 1) : [],
  };
}

/** Each non-empty data row with its readable values; unreadable cells are reported and left out. */
function* readRows(
  sheet: FoundSheet,
  errors: ImportIssue[],
): Generator<{ row: number; values: RowValues; clean: boolean }> {
  for (const raw of sheet.rows) {
    if (sheet.def.columns.every((c) => isEmpty(cellAt(sheet, raw, c.key)))) continue;
    const values: RowValues = new Map();
    const before = errors.length;
    for (const c of sheet.def.columns) {
      if (!sheet.columns.has(c.key)) continue;
      const v = cellAt(sheet, raw, c.key);
      if (isEmpty(v)) {
        if (c.required) errors.push(issue(sheet, raw.row, c.key, 'required', null));
        continue;
      }
      const r = readCell(c, v);
      if (r.ok) values.set(c.key, r.value);
      else errors.push(issue(sheet, raw.row, c.key, r.reason, cellText(v)));
    }
    // A sheet missing a required column is already an error; its rows are still read for their other cells.
    yield {
      row: raw.row,
      values,
      clean:
        errors.length === before &&
        sheet.def.columns.every((c) => !c.required || values.has(c.key)),
    };
  }
}

function readCell(c: ColumnDef, v: RawCell): Read<unknown> {
  switch (c.type) {
    case 'text':
      return readText(v);
    case 'kind':
      return readKind(v);
    case 'locality':
      return readLocality(v);
    case 'languages':
      return readLanguages(v);
    case 'language':
      return readLanguage(cellText(v));
    case 'address':
      return readAddress(v);
    case 'count':
      return readCount(v, 0);
    case 'norm':
      return readCount(v, 1);
  }
}

function cellAt(sheet: FoundSheet, raw: RawRow, key: string): RawCell {
  const index = sheet.columns.get(key);
  return index === undefined ? null : (raw.cells[index] ?? null);
}

function issue(
  sheet: FoundSheet,
  row: number,
  column: string,
  reason: IssueReason,
  value: string | null,
): ImportIssue {
  const index = sheet.columns.get(column);
  return {
    sheet: sheet.def.key,
    sheetName: sheet.name,
    row,
    column,
    columnName: sheet.headers.get(column) ?? null,
    cell: index === undefined ? null : `${columnLetter(index)}${row}`,
    reason,
    value,
  };
}

const SHEET_ORDER = [SCHOOLS_SHEET.key, CATCHMENTS_SHEET.key, QUOTAS_SHEET.key];

function sortIssues(list: ImportIssue[]): ImportIssue[] {
  const col = (i: ImportIssue) => {
    const def = DISTRICT_SHEETS.find((d) => d.key === i.sheet);
    return def ? def.columns.findIndex((c) => c.key === i.column) : -1;
  };
  return list
    .map((i, n) => ({ i, n }))
    .sort(
      (a, b) =>
        SHEET_ORDER.indexOf(a.i.sheet!) - SHEET_ORDER.indexOf(b.i.sheet!) ||
        (a.i.row ?? 0) - (b.i.row ?? 0) ||
        col(a.i) - col(b.i) ||
        a.n - b.n,
    )
    .map(({ i }) => i);
}
