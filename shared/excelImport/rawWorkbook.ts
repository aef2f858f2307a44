// A workbook as plain values, the boundary between the exceljs reader (main)
// and the pure validation here: what a person sees in each cell, by sheet and
// row, with Excel's 1-based row numbers.

/** An Excel error cell (#REF!, #N/A ...) */
export interface ErrorCell {
  error: string;
}

export type RawCell = string | number | boolean | Date | ErrorCell | null;

export interface RawRow {
  /** 1-based, as Excel shows it */
  row: number;
  /** index 0 is column A */
  cells: RawCell[];
}

export interface RawSheet {
  name: string;
  rows: RawRow[];
}

export interface RawWorkbook {
  sheets: RawSheet[];
}

/** `A`, `B`, ... `Z`, `AA` ... for a 0-based column index */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
