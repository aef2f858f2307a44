// Every report, written to a real .xlsx and read back with exceljs, checked
// against the replay: the same rows and counts, numbers as numbers, dates as
// dates (Bishkek wall time), the header frozen and filtered, and the headers
// and values in each language.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { Replayer, type ReplayOutput } from '../../shared/engine/replay';
import { parseInstant } from '../../shared/log/instant';
import { LineSplitter } from '../../shared/engine/replay';
import {
  BASIS,
  CASE_STATUS,
  CLASS_SIZE_LEVEL,
  COLUMN_HEADERS,
  LANGS,
  type Lang,
  PRIVILEGE_STATE,
  REPORT_NAMES,
  REPORT_TITLES,
  type ReportName,
  STATUS,
  TITLE_BLOCK,
} from '../../shared/reports/labels';
import { buildReport } from '../../shared/reports/reports';
import { type ReportTable, tableCells } from '../../shared/reports/table';
import { HEADER_ROW, writeReportXlsx } from '../../main/excel/writeReport';
import { columnLetter } from '../../shared/excelImport/rawWorkbook';
import { AFTER_DEADLINE, campaignFixture } from './campaignFixture';
import { type ReadReport, readReport } from './readBack';

const GENERATED = Date.parse('2026-09-21T08:30:00Z');
const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-reports-'));

function replay(text: string, at?: string): { engine: Engine; output: ReplayOutput } {
  const r = new Replayer();
  const split = new LineSplitter((l) => r.line(l));
  split.push(text);
  split.end();
  const output = r.finish(at);
  return { engine: r.engine, output };
}

const log = campaignFixture().text();
/** two moments: before the deadline (S1/ky in overflow, children still registered) and after it */
const MOMENTS = { beforeDeadline: undefined, afterDeadline: AFTER_DEADLINE } as const;

async function writeAndRead(name: ReportName, lang: Lang, at: string | undefined) {
  const { engine, output } = replay(log, at);
  const table = buildReport(name, engine);
  const file = path.join(dir, `${name}-${lang}-${at ? 'after' : 'before'}.xlsx`);
  const layout = await writeReportXlsx(table, file, { lang, generatedAt: GENERATED });
  return { table, output, engine, file, layout, read: await readReport(file, HEADER_ROW) };
}

const wallClock = (instant: string) => new Date(parseInstant(instant) + 6 * 3_600_000);

/** The sheet's cells are the table's cells: same count, same values, numbers and dates typed as such. */
function expectSameCells(table: ReportTable<unknown>, read: ReadReport, lang: Lang): void {
  const expected = [...tableCells(table, lang)];
  expect(read.rows).toHaveLength(expected.length);
  expected.forEach((cells, r) => {
    cells.forEach((want, c) => {
      const got = read.rows[r][c];
      const kind = table.columns[c].kind;
      if (want === null) return expect(got, `row ${r} ${table.columns[c].key}`).toBeNull();
      if (kind === 'date' || kind === 'datetime') {
        expect(got).toBeInstanceOf(Date);
        expect((got as Date).getTime(), `row ${r} ${table.columns[c].key}`).toBe(
          (want as Date).getTime(),
        );
        expect(read.numFmts[r][c]).toMatch(
          kind === 'date' ? /^(dd\.mm\.yyyy|yyyy-mm-dd)$/ : /hh:mm:ss$/,
        );
      } else if (kind === 'integer' || kind === 'decimal') {
        expect(typeof got, `row ${r} ${table.columns[c].key}`).toBe('number');
        expect(got).toBe(want);
      } else {
        expect(got, `row ${r} ${table.columns[c].key}`).toBe(want);
      }
    });
  });
}

describe('every report, in every language, read back', () => {
  for (const name of REPORT_NAMES) {
    for (const lang of LANGS) {
      for (const [moment, at] of Object.entries(MOMENTS)) {
        it(`${name} (${lang}, ${moment})`, async () => {
          const { table, read, output, layout } = await writeAndRead(name, lang, at);
          expect(read.sheetCount).toBe(1);
          expect(read.sheetName).toBe(REPORT_TITLES[name][lang]);
          // title block: report, districts, generated, as of, rows
          expect(read.titleBlock.get(1)![0]).toBe(REPORT_TITLES[name][lang]);
          expect(read.titleBlock.get(2)).toEqual(
            expect.arrayContaining([TITLE_BLOCK.districts[lang], 'BISH-OKT, NAR-ATB']),
          );
          expect(read.titleBlock.get(3)![0]).toBe(TITLE_BLOCK.generated[lang]);
          expect((read.titleBlock.get(3)![1] as Date).getTime()).toBe(GENERATED + 6 * 3_600_000);
          expect(read.titleBlock.get(4)![0]).toBe(TITLE_BLOCK.asOf[lang]);
          expect((read.titleBlock.get(4)![1] as Date).getTime()).toBe(
            wallClock(output.asOf!).getTime(),
          );
          expect(read.titleBlock.get(5)!.slice(0, 2)).toEqual([
            TITLE_BLOCK.rows[lang],
            table.rows.length,
          ]);
          // header: translated, frozen, filtered
          expect(read.header).toEqual(table.columns.map((c) => COLUMN_HEADERS[c.key][lang]));
          expect(read.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
          expect(read.autoFilter).toBe(
            `A${HEADER_ROW}:${columnLetter(table.columns.length - 1)}${layout.lastDataRow}`,
          );
          for (const w of read.widths) expect(w).toBeGreaterThanOrEqual(6);
          expectSameCells(table, read, lang);
        });
      }
    }
  }

  it('translates every header: no header is the same in all three languages unless it is a shared word', async () => {
    const headers = await Promise.all(
      LANGS.map(async (lang) => (await writeAndRead('applications', lang, undefined)).read.header),
    );
    const [ky, ru, en] = headers;
    expect(ky).not.toEqual(en);
    expect(ru).not.toEqual(en);
    expect(ky).not.toEqual(ru);
    // PIN is a proper noun in ky and ru; every other header differs from English
    const same = en.filter((h, i) => h === ru[i] || h === ky[i]);
    expect(same).toEqual([]);
  });
});

describe('reports agree with the replay', () => {
  let before: ReturnType<typeof replay>;
  let after: ReturnType<typeof replay>;
  beforeAll(() => {
    before = replay(log);
    after = replay(log, AFTER_DEADLINE);
  });

  it('applications: one row per application, with its status, order and stage', async () => {
    const { read, output } = await writeAndRead('applications', 'ru', AFTER_DEADLINE);
    const ids = read.rows.map((r) => r[0]);
    expect(ids).toEqual(Object.keys(output.applications));
    for (const row of read.rows) {
      const want = output.applications[row[0] as string];
      expect(row[3]).toBe(STATUS[want.status].ru);
      expect(row[9]).toBe(want.stage);
      expect(row[10]).toBe(want.basis === null ? null : BASIS[want.basis].ru);
      expect(row[12]).toBe(PRIVILEGE_STATE[want.privilege].ru);
      expect(row[13]).toBe(want.orderNumber);
    }
  });

  it('streams: seats as the replay counts them, and the class-size warnings', async () => {
    const { read, output } = await writeAndRead('streams', 'en', undefined);
    expect(read.rows).toHaveLength(Object.keys(output.streams).length);
    const byKey = new Map(read.rows.map((r) => [`${r[1]}/${r[4] === 'Kyrgyz' ? 'ky' : 'ru'}`, r]));
    for (const [key, s] of Object.entries(output.streams)) {
      const row = byKey.get(key)!;
      expect(row.slice(5, 9)).toEqual([s.quota, s.occupied, s.free, s.overflow]);
    }
    // S1/ky: 8 catchment children for 6 seats in 2 classes (urban norm 30): overflow only
    expect(byKey.get('S1/ky')![14]).toBe('Overflow');
    expect(byKey.get('S1/ky')![10]).toBe(3);
    expect(byKey.get('S1/ky')![11]).toBe(4);
    // S2/ky: rural, one class of 27 > 25
    expect(byKey.get('S2/ky')!.slice(12, 14)).toEqual([25, CLASS_SIZE_LEVEL.above_norm.en]);
    // S3 has its own norm of 28; one class of 40 is above 36, one of 52 a sanitary breach
    expect(byKey.get('S3/ky')!.slice(12, 15)).toEqual([28, 'Above 36', 'Above the norm; Above 36']);
    expect(byKey.get('S3/ru')![13]).toBe(CLASS_SIZE_LEVEL.far_above.en);
    // no planned classes: no seats per class, no class-size warning
    expect(byKey.get('S1/ru')!.slice(9, 12)).toEqual([null, null, null]);
  });

  it('privileges: every claim, with its state', async () => {
    const { read, output } = await writeAndRead('privileges', 'en', AFTER_DEADLINE);
    expect(read.rows.map((r) => r[0])).toEqual(['P1', 'P2', 'P3', 'B3']);
    for (const row of read.rows)
      expect(row[4]).toBe(PRIVILEGE_STATE[output.applications[row[0] as string].privilege].en);
    expect(read.rows[0][3]).toBe('Children of serving military');
  });

  it('commission: every case with its decision and the placed child now', async () => {
    const { read, output } = await writeAndRead('commission', 'ky', AFTER_DEADLINE);
    expect(read.rows).toHaveLength(Object.keys(output.cases).length);
    for (const row of read.rows)
      expect(row[5]).toBe(CASE_STATUS[output.cases[row[0] as string].status].ky);
    const c1 = read.rows.find((r) => r[0] === 'C1')!;
    expect(c1[3]).toBeInstanceOf(Date);
    expect((c1[3] as Date).toISOString()).toBe('2019-03-02T00:00:00.000Z');
    expect(c1[12]).toBe(STATUS.enrolled.ky);
    expect(c1[13]).toBe('20-к');
  });

  it('orders: one row per enrolled child, under the order that enrolled it', async () => {
    const { read, output } = await writeAndRead('orders', 'ru', AFTER_DEADLINE);
    const enrolled = Object.entries(output.applications).filter(([, a]) => a.status === 'enrolled');
    expect(read.rows).toHaveLength(enrolled.length);
    for (const row of read.rows)
      expect(row[0]).toBe(output.applications[row[5] as string].orderNumber);
    expect([...new Set(read.rows.map((r) => r[0]))]).toEqual(['12-к', '15-к', '3', '20-к']);
  });

  it('no-documents: exactly the children whose seat went at the deadline', async () => {
    const { read, output } = await writeAndRead('no-documents', 'en', AFTER_DEADLINE);
    const expected = Object.entries(output.applications)
      .filter(([, a]) => a.status === 'no_documents')
      .map(([id]) => id);
    expect(read.rows.map((r) => r[0])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    // the seat went at the deadline (the --at moment), shown as Bishkek wall time
    for (const row of read.rows)
      expect((row[11] as Date).getTime()).toBe(wallClock(AFTER_DEADLINE).getTime());
    const before = await writeAndRead('no-documents', 'en', undefined);
    expect(before.read.rows).toHaveLength(0);
  });

  it('daily: counts add up to the applications, days split at Bishkek midnight', async () => {
    const { read, output } = await writeAndRead('daily', 'en', AFTER_DEADLINE);
    const total = read.rows.reduce((n, r) => n + (r[2] as number), 0);
    expect(total).toBe(Object.keys(output.applications).length);
    for (const r of read.rows)
      expect((r[3] as number) + (r[4] as number) + (r[5] as number) + (r[6] as number)).toBe(r[2]);
    const days = read.rows.map((r) => [(r[0] as Date).toISOString().slice(0, 10), r[1], r[2]]);
    // A1..A9 (A9 at 23:59:59) on the opening day; A10 at 00:00:00 the next day with the rest of stage 1
    expect(days[0]).toEqual(['2026-04-11', 1, 9]);
    expect(days[1][0]).toBe('2026-04-12');
    expect(days.find((d) => d[0] === '2026-06-28')).toEqual(['2026-06-28', 2, 1]);
    // the commission placement has no stage
    expect(days.some((d) => d[1] === null)).toBe(true);
  });

  it('the report states match at both moments (sanity of the fixture)', () => {
    expect(Object.values(before.output.streams).some((s) => s.overflow > 0)).toBe(true);
    expect(Object.values(after.output.applications).some((a) => a.status === 'no_documents')).toBe(
      true,
    );
  });

  it('leaves no temporary file behind', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
