// Reads a written report back with exceljs (the non-streaming reader, the way
// a person's Excel would see the whole file) into plain parts to check.
import ExcelJS from 'exceljs';

export interface ReadReport {
  sheetCount: number;
  sheetName: string;
  views: Partial<ExcelJS.WorksheetView>[];
  autoFilter: unknown;
  widths: (number | undefined)[];
  /** cell values of rows 1..headerRow-1, by row number */
  titleBlock: Map<number, ExcelJS.CellValue[]>;
  header: ExcelJS.CellValue[];
  rows: ExcelJS.CellValue[][];
  numFmts: (string | undefined)[][];
  /** the worksheet, for anything else a test wants to look at */
  sheet: ExcelJS.Worksheet;
}

export async function readReport(path: string, headerRow: number): Promise<ReadReport> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  const titleBlock = new Map<number, ExcelJS.CellValue[]>();
  let header: ExcelJS.CellValue[] = [];
  const rows: ExcelJS.CellValue[][] = [];
  const numFmts: (string | undefined)[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values: ExcelJS.CellValue[] = [];
    const fmts: (string | undefined)[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      values.push(cell.value ?? null);
      fmts.push(cell.numFmt);
    }
    if (n < headerRow) titleBlock.set(n, values);
    else if (n === headerRow) header = values;
    else {
      rows.push(values);
      numFmts.push(fmts);
    }
  });
  return {
    sheetCount: wb.worksheets.length,
    sheetName: ws.name,
    views: ws.views,
    autoFilter: ws.autoFilter,
    widths: ws.columns.map((c) => c.width),
    titleBlock,
    header,
    rows,
    numFmts,
    sheet: ws,
  };
}
