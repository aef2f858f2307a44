// Reads a district workbook (.xlsx) with exceljs into plain cell values and
// validates it. Nothing is written anywhere: the caller shows the errors, or
// plans the events from the clean model and appends them in one transaction.
import ExcelJS from 'exceljs';
import type { RawCell, RawWorkbook } from '../../shared/excelImport/rawWorkbook';
import {
  type DistrictValidation,
  validateDistrictWorkbook,
} from '../../shared/excelImport/validateWorkbook';

export type WorkbookBytes = Buffer | ArrayBuffer | Uint8Array;

export async function readDistrictWorkbook(bytes: WorkbookBytes): Promise<DistrictValidation> {
  let raw: RawWorkbook;
  try {
    raw = await readWorkbookCells(bytes);
  } catch {
    return {
      ok: false,
      errors: [
        {
          sheet: null,
          sheetName: null,
          row: null,
          column: null,
          columnName: null,
          cell: null,
          reason: 'unreadable_file',
          value: null,
        },
      ],
      warnings: [],
    };
  }
  return validateDistrictWorkbook(raw);
}

export async function readWorkbookCells(bytes: WorkbookBytes): Promise<RawWorkbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer =
    bytes instanceof ArrayBuffer
      ? Buffer.from(bytes)
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return {
    sheets: workbook.worksheets.map((ws) => {
      const rows: RawWorkbook['sheets'][number]['rows'] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: RawCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = plainValue(cell.value);
        });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        rows.push({ row: rowNumber, cells });
      });
      return { name: ws.name, rows };
    }),
  };
}

/** What a person sees in the cell: a formula's result, a rich text's text, a link's label. */
function plainValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)
    return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return { error: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'object' && !(result instanceof Date))
        return { error: String((result as { error: unknown }).error) };
      return result as RawCell;
    }
    if ('text' in v)
      return typeof v.text === 'string' ? v.text : plainValue(v.text as ExcelJS.CellValue);
  }
  return String(v);
}
