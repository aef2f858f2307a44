// Writes a report table as one .xlsx sheet with exceljs's streaming writer:
// a title block (report, districts, generated, as of), one header row, one
// row per item; frozen header, autofilter, real dates and numbers.
import ExcelJS from 'exceljs';
import { TITLE_BLOCK, REPORT_TITLES, type Lang } from '../../shared/reports/labels';
import { bishkekWallClock, BISHKEK_OFFSET_MS } from '../../shared/reports/bishkekTime';
import { type ReportTable, columnWidths, headerOf, tableCells } from '../../shared/reports/table';
import { writeAtomically } from './atomicFile';
import {
  HEADER_STYLE,
  LABEL_STYLE,
  TITLE_STYLE,
  columnStyle,
  dateTimeFormat,
  sheetName,
} from './sheetFormats';

export interface WriteReportOptions {
  lang: Lang;
  /** epoch ms of "generated at"; passed in so tests and replays are reproducible */
  generatedAt: number;
  /** rows written so far and the total; called every few thousand rows and at the end */
  onProgress?: (written: number, total: number) => void;
  /** made from the demo store: the title and every printed page say DEMO */
  demo?: boolean;
}

export interface ReportLayout {
  /** 1-based row of the column headers; data starts on the next row */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  columns: number;
}

/** The title block takes the rows above the header; the layout is fixed so readers can rely on it. */
export const TITLE_ROWS = 6;
export const HEADER_ROW = TITLE_ROWS + 2;

const PROGRESS_EVERY = 2_000;
/** rows between yields to the event loop, so the zip stream drains and a UI stays live */
const YIELD_EVERY = 4_096;
const MAX_LISTED_DISTRICTS = 5;

export function districtsText(districts: string[], lang: Lang): string {
  if (districts.length <= MAX_LISTED_DISTRICTS) return districts.join(', ');
  const more = TITLE_BLOCK.andMore[lang].replace(
    '{n}',
    String(districts.length - MAX_LISTED_DISTRICTS),
  );
  return `${districts.slice(0, MAX_LISTED_DISTRICTS).join(', ')} ${more} (${districts.length})`;
}

export async function writeReportXlsx<R>(
  table: ReportTable<R>,
  path: string,
  options: WriteReportOptions,
): Promise<ReportLayout> {
  return writeAtomically(path, (tmp) => writeReportFile(table, tmp, options));
}

async function writeReportFile<R>(
  table: ReportTable<R>,
  filename: string,
  options: WriteReportOptions,
): Promise<ReportLayout> {
  const { lang, generatedAt, onProgress, demo = false } = options;
  const total = table.rows.length;
  const ncols = table.columns.length;
  const lastDataRow = HEADER_ROW + total;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kabyl';
  workbook.created = new Date(generatedAt);
  const title = REPORT_TITLES[table.name][lang];
  const sheet = workbook.addWorksheet(sheetName(title), {
    views: [
      {
        state: 'frozen',
        xSplit: 0,
        ySplit: HEADER_ROW,
        topLeftCell: `A${HEADER_ROW + 1}`,
        activeCell: `A${HEADER_ROW + 1}`,
      },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: pageHeaderFooter(title, lang, demo),
  });
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: Math.max(lastDataRow, HEADER_ROW), column: ncols },
  };
  sheet.columns = titleBlockWidths(columnWidths(table, lang), lang).map((width) => ({ width }));

  writeTitleBlock(sheet, table, lang, generatedAt, demo ? `${DEMO_MARK[lang]} · ${title}` : title);

  const header = sheet.addRow(table.columns.map((c) => headerOf(c, lang)));
  header.height = 30;
  for (let c = 1; c <= ncols; c++) header.getCell(c).style = HEADER_STYLE;
  header.commit();

  const styles = table.columns.map((c) => columnStyle(c.kind, lang));
  let written = 0;
  for (const cells of tableCells(table, lang)) {
    const row = sheet.addRow(cells);
    for (let c = 0; c < ncols; c++) row.getCell(c + 1).style = styles[c];
    row.commit();
    written++;
    if (written % PROGRESS_EVERY === 0) onProgress?.(written, total);
    if (written % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  onProgress?.(written, total);
  sheet.commit();
  await workbook.commit();
  return { headerRow: HEADER_ROW, firstDataRow: HEADER_ROW + 1, lastDataRow, columns: ncols };
}

/**
 * Columns A and B also hold the title block: A its bold labels, B the two date-times
 * and the districts. Sized for the data column below alone, LibreOffice showed `###`
 * for the dates and cut "Дата формирования"; they are widened to fit the block too.
 * The districts text may run on into the empty cells to its right, as text does.
 */
export function titleBlockWidths(widths: number[], lang: Lang): number[] {
  const labels = [TITLE_BLOCK.districts, TITLE_BLOCK.generated, TITLE_BLOCK.asOf, TITLE_BLOCK.rows];
  // Bold Calibri/Carlito runs ~15% wider than the width unit (the digit "0").
  const labelWidth = Math.ceil(Math.max(...labels.map((l) => l[lang].length)) * 1.15) + 2;
  const dateTimeWidth = dateTimeFormat(lang).length + 3;
  const out = [...widths];
  out[0] = Math.max(out[0] ?? 0, labelWidth);
  if (out.length > 1) out[1] = Math.max(out[1], dateTimeWidth);
  else out.push(dateTimeWidth);
  return out;
}

/** The word stamped on everything made from the demo store, in every language. */
export const DEMO_MARK: Record<Lang, string> = { ky: 'DEMO (ДЕМО)', ru: 'DEMO (ДЕМО)', en: 'DEMO' };

/**
 * What a printer puts on every page: the report's title and "page N / M" in the footer,
 * and for the demo a red DEMO in the header. `&` starts a code in these strings.
 */
export function pageHeaderFooter(
  title: string,
  lang: Lang,
  demo: boolean,
): Partial<ExcelJS.HeaderFooter> {
  const page = { ky: 'Барак', ru: 'Стр.', en: 'Page' }[lang];
  const escaped = title.replace(/&/g, '&&');
  return {
    oddFooter: `&L${escaped}&R${page} &P / &N`,
    ...(demo ? { oddHeader: `&C&"-,Bold"&14&KB42318${DEMO_MARK[lang]}` } : {}),
  };
}

function writeTitleBlock<R>(
  sheet: ExcelJS.Worksheet,
  table: ReportTable<R>,
  lang: Lang,
  generatedAt: number,
  title: string,
): void {
  const when = { numFmt: dateTimeFormat(lang) };
  const asOf = table.asOf === null ? null : bishkekWallClock(table.asOf);
  const lines: [string, ExcelJS.CellValue, Partial<ExcelJS.Style> | null][] = [
    [TITLE_BLOCK.districts[lang], districtsText(table.districts, lang), null],
    [TITLE_BLOCK.generated[lang], new Date(generatedAt + BISHKEK_OFFSET_MS), when],
    [TITLE_BLOCK.asOf[lang], asOf, when],
    [TITLE_BLOCK.rows[lang], table.rows.length, null],
  ];
  const titleRow = sheet.addRow([title]);
  titleRow.getCell(1).style = TITLE_STYLE;
  titleRow.height = 22;
  titleRow.commit();
  for (const [label, value, style] of lines) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).style = LABEL_STYLE;
    if (style) row.getCell(2).style = style;
    row.commit();
  }
  const note = sheet.addRow([TITLE_BLOCK.timeZone[lang]]);
  note.getCell(1).style = { font: { italic: true, color: { argb: 'FF666666' } } };
  note.commit();
  // One empty row between the block and the table (row HEADER_ROW - 1).
  sheet.addRow([]).commit();
}
