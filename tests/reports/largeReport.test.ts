// A large report through the streaming writer: progress is reported as rows
// go out and ends at the total, the event loop keeps turning while it writes
// (a main-process service stays responsive), and every row arrives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { applicationsReport } from '../../shared/reports/applicationsReport';
import { HEADER_ROW, writeReportXlsx } from '../../main/excel/writeReport';
import { LogBuilder, T, pin } from '../support/logBuilder';

const CHILDREN = 10_000;

it(`writes ${CHILDREN} applications with progress, yielding to the event loop`, async () => {
  const b = new LogBuilder();
  b.push('school.registered', {
    schoolId: 'S1',
    name: 'Big school',
    kind: 'state',
    districtId: 'D1',
    locality: 'urban',
  });
  b.push('catchment.set', { schoolId: 'S1', addresses: ['BISH'] });
  b.push('quota.set', { schoolId: 'S1', language: 'ky', seats: CHILDREN, classes: 400 });
  b.at(T.stage1);
  for (let i = 1; i <= CHILDREN; i++)
    b.submit(`A${i}`, { pin: pin(i), school: 'S1', address: `BISH.${i}` });
  const engine = new Engine();
  for (const e of b.events) engine.ingest(e);

  const progress: [number, number][] = [];
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kabyl-large-')), 'applications.xlsx');
  try {
    await writeReportXlsx(applicationsReport(engine), file, {
      lang: 'en',
      generatedAt: Date.now(),
      onProgress: (w, t) => progress.push([w, t]),
    });
  } finally {
    clearInterval(ticker);
  }
  expect(progress.length).toBeGreaterThan(5);
  expect(progress.at(-1)).toEqual([CHILDREN, CHILDREN]);
  for (let i = 1; i < progress.length; i++)
    expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  expect(ticks).toBeGreaterThan(2);

  // read back with the streaming reader, as a large file should be
  let rows = 0;
  let last: ExcelJS.CellValue[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number > HEADER_ROW) {
        rows++;
        last = (row.values as ExcelJS.CellValue[]).slice(1);
      }
    }
  }
  expect(rows).toBe(CHILDREN);
  expect(last[0]).toBe(`A${CHILDREN}`);
  expect(last[9]).toBe(1);
  expect(last[14]).toBeInstanceOf(Date);
});
