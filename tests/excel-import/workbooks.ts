// Real .xlsx files for import tests, built with exceljs the way a person's
// Excel would save them: sheets by name, rows of typed cells.
import ExcelJS from 'exceljs';

export type Cell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result?: unknown }
  | { richText: { text: string }[] };
export type Sheets = Record<string, Cell[][]>;

export async function xlsx(sheets: Sheets): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const SCHOOLS_HEADER = [
  'School ID',
  'Name',
  'Kind',
  'District',
  'Languages',
  'Urban or rural',
  'Class size norm',
];
export const CATCHMENTS_HEADER = ['School ID', 'Address prefix'];
export const QUOTAS_HEADER = ['School ID', 'Language', 'Seats', 'Classes'];

/** A clean district: two schools, their catchments and quotas. */
export function cleanDistrict(): Sheets {
  return {
    Schools: [
      SCHOOLS_HEADER,
      ['S1', 'School No. 5', 'state', 'BISH-OKT', 'ky, ru', 'urban', null],
      ['S2', 'Ат-Башы орто мектеби', 'municipal', 'NAR-ATB', 'ky', 'rural', 28],
    ],
    Catchments: [
      CATCHMENTS_HEADER,
      ['S1', 'BISH.OKT.ST01'],
      ['S1', 'BISH.OKT.ST02'],
      ['S2', 'NAR.ATB'],
    ],
    Quotas: [QUOTAS_HEADER, ['S1', 'ky', 50, 2], ['S1', 'ru', 25, 1], ['S2', 'ky', 30, null]],
  };
}
