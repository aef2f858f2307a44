// The R16 waitlist report: one row per entry per stream, in queue order, written
// to a real .xlsx and read back: places as numbers, `since` as a date (Bishkek
// wall time), standing transfers told apart, headers and words in each language.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { parseInstant } from '../../shared/log/instant';
import {
  COLUMN_HEADERS,
  LANGS,
  QUEUE_ENTRY_KIND,
  REPORT_TITLES,
} from '../../shared/reports/labels';
import { buildReport } from '../../shared/reports/reports';
import type { WaitlistRow } from '../../shared/reports/waitlistReport';
import { HEADER_ROW, writeReportXlsx } from '../../main/excel/writeReport';
import { generate } from '../generator/generated';
import { readReport } from './readBack';

const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-waitlist-report-'));
const { events } = generate({
  seed: 4,
  districts: 1,
  schoolsPerDistrict: 8,
  children: 1500,
  waitlist: true,
  until: '2026-07-25T18:00:00+06:00',
});
const engine = new Engine();
for (const e of events) engine.ingest(e);

describe('waitlist report', () => {
  const table = buildReport('waitlist', engine);
  const rows = table.rows as WaitlistRow[];

  it('lists every queue entry once, in each stream’s order, places counting from 1', () => {
    const expected = [...engine.streams.keys()].reduce((n, k) => n + engine.waitlistSize(k), 0);
    expect(rows.length).toBe(expected);
    expect(rows.length).toBeGreaterThan(10);
    const byStream = new Map<string, WaitlistRow[]>();
    for (const r of rows)
      byStream.set(`${r.schoolId}/${r.language}`, [
        ...(byStream.get(`${r.schoolId}/${r.language}`) ?? []),
        r,
      ]);
    for (const [key, list] of byStream) {
      expect(list.map((r) => r.applicationId)).toEqual(
        engine.waitlist(key).map((e) => e.applicationId),
      );
      expect(list.map((r) => r.position)).toEqual(list.map((_, i) => i + 1));
    }
    expect(rows.some((r) => r.kind === 'transfer' && r.currentStream !== null)).toBe(true);
    for (const r of rows.filter((x) => x.kind === 'wait'))
      expect(engine.applications.get(r.applicationId)!.status).toBe('waitlisted');
  });

  for (const lang of LANGS) {
    it(`reads back from Excel in ${lang}`, async () => {
      const file = path.join(dir, `waitlist-${lang}.xlsx`);
      await writeReportXlsx(table, file, { lang, generatedAt: Date.parse('2026-07-26T03:00:00Z') });
      const read = await readReport(file, HEADER_ROW);
      expect(read.titleBlock.get(1)?.[0]).toBe(REPORT_TITLES.waitlist[lang]);
      expect(read.header).toEqual(table.columns.map((c) => COLUMN_HEADERS[c.key][lang]));
      expect(read.rows.length).toBe(rows.length);
      const col = (key: string) => table.columns.findIndex((c) => c.key === key);
      read.rows.forEach((cells, i) => {
        const r = rows[i];
        expect(cells[col('applicationId')]).toBe(r.applicationId);
        expect(cells[col('position')]).toBe(r.position);
        expect(cells[col('queueEntryKind')]).toBe(QUEUE_ENTRY_KIND[r.kind][lang]);
        const since = cells[col('since')] as Date;
        expect(since).toBeInstanceOf(Date);
        expect(since.getTime()).toBe(parseInstant(r.since) + 6 * 3_600_000);
      });
    });
  }
});
