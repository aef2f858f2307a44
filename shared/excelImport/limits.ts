// How big a district workbook may be. A real one (2,200 schools, their catchments
// and quotas) is a few hundred KB zipped and a few MB unpacked; these leave ample
// room while keeping a decompression bomb (a small file that unpacks to millions
// of rows) from stalling or killing the app (issue 12, item 2).
export const WORKBOOK_LIMITS = {
  /** parts (files) inside the zip */
  maxEntries: 1000,
  /** all parts together once unpacked, as declared and as actually inflated */
  maxUnpackedBytes: 64 * 1024 * 1024,
  /** <row> elements over all worksheets */
  maxRows: 100_000,
  /** the reading worker's heap: exceljs holds every cell as an object */
  maxHeapMb: 384,
  /** the reading worker's time */
  maxMs: 60_000,
} as const;

export type WorkbookLimits = { -readonly [K in keyof typeof WORKBOOK_LIMITS]: number };
