// The reports page's services on a real SQLite district: an export job writes a
// real .xlsx (read back with exceljs, same rows as the engine's report), reports
// progress, hands the file out in pieces to its owner only; rows for the screen;
// an "as of" export replays the log to that instant; chart data from the store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import type { Channel, Res } from '../../shared/ipc/contract';
import { HEADER_ROW } from '../../main/excel/writeReport';
import { REPORT_NAMES } from '../../shared/reports/labels';
import { buildReport } from '../../shared/reports/reports';
import { tableCells } from '../../shared/reports/table';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { AFTER_DEADLINE, campaignFixture } from '../reports/campaignFixture';
import { readReport } from '../reports/readBack';

type Job = {
  jobId: string;
  state: string;
  done: number;
  total: number;
  size: number;
  fileName: string;
  step: string;
};

describe('reports services', () => {
  let f: DistrictFixture;
  let officer: Session;
  let dir: string;

  beforeAll(async () => {
    f = await districtFixture(campaignFixture());
    officer = await f.signedIn('officer');
    dir = await mkdtemp(path.join(tmpdir(), 'kabyl-reports-'));
  });
  afterAll(async () => {
    await f?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function must<C extends Channel>(
    channel: C,
    request: unknown,
    session = officer,
  ): Promise<Res<C>> {
    return f.must(channel, request, session);
  }

  /** Starts an export, polls it to the end, downloads it piece by piece into a file. */
  async function exportTo(
    report: string,
    lang: string,
    asOf?: string,
  ): Promise<{ job: Job; file: string; polls: Job[] }> {
    let job: Job = await must('reports.export', asOf ? { report, lang, asOf } : { report, lang });
    const polls: Job[] = [job];
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 5));
      job = await must('reports.progress', { jobId: job.jobId });
      polls.push(job);
    }
    expect(job.state, JSON.stringify(job)).toBe('done');
    const pieces: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const piece = await must('reports.download', { jobId: job.jobId, offset });
      pieces.push(Buffer.from(piece.chunk, 'base64'));
      offset += pieces[pieces.length - 1].length;
      if (piece.done) break;
    }
    const file = path.join(dir, `${report}-${lang}-${asOf ?? 'now'}.xlsx`);
    await writeFile(file, Buffer.concat(pieces));
    expect(offset).toBe(job.size);
    return { job, file, polls };
  }

  it.each(REPORT_NAMES.map((n) => [n]))(
    "%s: the downloaded workbook holds the engine report's rows",
    async (name) => {
      const { job, file, polls } = await exportTo(name, 'ru');
      const engine = await f.app.store!.engine();
      const table = buildReport(name, engine);
      const read = await readReport(file, HEADER_ROW);
      expect(read.rows.length).toBe(table.rows.length);
      const expected = [...tableCells(table, 'ru')].map((cells) =>
        cells.map((c) => (c instanceof Date ? c.getTime() : c)),
      );
      const got = read.rows.map((cells) =>
        cells.map((c) => (c instanceof Date ? c.getTime() : c === '' ? null : c)),
      );
      expect(got).toEqual(expected);
      expect(job.total).toBe(table.rows.length);
      expect(polls.at(-1)!.done).toBe(table.rows.length);
      expect(job.fileName).toMatch(new RegExp(`^kabyl-${name}-ru-.*\\.xlsx$`));
    },
  );

  it('an "as of" export replays the log to that instant: no documents deadline yet mid-campaign', async () => {
    const early = await exportTo('no-documents', 'en', '2026-07-01T12:00:00+06:00');
    expect((await readReport(early.file, HEADER_ROW)).rows.length).toBe(0);
    // after the deadline (later than the last event: the replay's clock moves there and R11 fires)
    const after = await exportTo('no-documents', 'en', AFTER_DEADLINE);
    expect((await readReport(after.file, HEADER_ROW)).rows.length).toBeGreaterThan(0);
    const title = (await readReport(early.file, HEADER_ROW)).titleBlock.get(4)!;
    expect(JSON.stringify(title)).toContain('2026-07-01');
  });

  it('preview, print and export agree on an "as of": the same rows, from the same replay', async () => {
    const asOf = '2026-07-01T12:00:00+06:00';
    const counts: number[] = [];
    for (const at of [asOf, AFTER_DEADLINE]) {
      for (const name of ['applications', 'no-documents'] as const) {
        const exported = await readReport((await exportTo(name, 'en', at)).file, HEADER_ROW);
        const preview = await must('reports.rows', {
          report: name,
          lang: 'en',
          limit: 2000,
          asOf: at,
        });
        expect(preview.total, `${name} ${at}`).toBe(exported.rows.length);
        // the first column (ids, names) row by row: the same rows in the same order
        expect(preview.rows.map((r: unknown[]) => r[0])).toEqual(
          exported.rows.slice(0, 2000).map((r) => r[0]),
        );
        if (name === 'no-documents') counts.push(preview.total);
      }
    }
    // mid-campaign no one has missed the deadline yet; after it, some have
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThan(0);
    const within = await must('reports.rows', {
      report: 'applications',
      lang: 'en',
      limit: 1,
      asOf,
    });
    expect(within.asOfWarning).toBeNull();
    expect(within.asOf?.slice(0, 10)).toBe('2026-07-01');
  });

  it('an "as of" outside the campaign comes with a warning', async () => {
    const before = await must('reports.rows', {
      report: 'applications',
      lang: 'en',
      limit: 5,
      asOf: '2025-01-01T00:00:00+06:00',
    });
    expect(before.asOfWarning).toBe('before_campaign');
    expect(before.total).toBe(0);
    const after = await must('reports.rows', {
      report: 'applications',
      lang: 'en',
      limit: 1,
      asOf: AFTER_DEADLINE,
    });
    expect(after.asOfWarning).not.toBeNull();
    const now = await must('reports.rows', { report: 'applications', lang: 'en', limit: 1 });
    expect(now.asOfWarning).toBeNull();
  });

  it('progress is reported while a large report is written', async () => {
    // the writer reports every 2,000 rows: fake a bigger table by exporting the
    // applications report of this district and checking the final count, and
    // that at least one poll saw the job before it finished
    const { polls } = await exportTo('applications', 'ky');
    expect(polls[0].state).toBe('running');
    expect(polls.at(-1)!.step).toBe('finished');
  });

  it('a file is handed out to the user who exported it only', async () => {
    const { job } = await exportTo('daily', 'en');
    await expect(f.app.reportJobs.read('someone-else', job.jobId, 0, 4)).rejects.toThrow(
      /no export/,
    );
    const head = await f.app.reportJobs.read(officer.user!.userId, job.jobId, 0, 4);
    expect(head.bytes.toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('a bad "as of" is an invalid request; a commission member cannot export', async () => {
    const bad = await f.call(
      'reports.export',
      { report: 'daily', lang: 'en', asOf: 'yesterday' },
      officer,
    );
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_request');
    const commission = await f.signedIn('commission');
    const r = await f.call('reports.export', { report: 'daily', lang: 'en' }, commission);
    expect(r.ok ? 'ok' : r.error.code).toBe('forbidden');
  });

  it('rows for the screen: headers and cells in the language, paged', async () => {
    const engine = await f.app.store!.engine();
    const total = buildReport('applications', engine).rows.length;
    const page = await must('reports.rows', {
      report: 'applications',
      lang: 'ru',
      offset: 2,
      limit: 3,
    });
    expect(page.total).toBe(total);
    expect(page.rows).toHaveLength(3);
    expect(page.headers[0]).toMatch(/[А-Яа-я]/);
    expect(page.title).toMatch(/[А-Яа-я]/);
    const streams = await must('reports.rows', { report: 'streams', lang: 'en' });
    const quotaCol = streams.headers.findIndex((h: string) => /quota/i.test(h));
    expect(streams.numeric[quotaCol]).toBe(true);
    expect(typeof streams.rows[0][quotaCol]).toBe('number');
  });

  it('chart data: per day, fill, documents, privileges and overflow agree with the engine', async () => {
    const c = await must('reports.charts', {});
    const engine = await f.app.store!.engine();
    const perDay = c.perDay.reduce(
      (n: number, d: { stage1: number; stage2: number; other: number }) =>
        n + d.stage1 + d.stage2 + d.other,
      0,
    );
    expect(perDay).toBe(engine.applications.size);
    let overflow = 0;
    for (const st of engine.streams.values()) overflow += Math.max(0, st.occupied - st.quota);
    expect(c.overflow.totalOverflow).toBe(overflow);
    expect(c.overflow.schoolsInOverflow).toBeGreaterThan(0);
    expect(c.documents.received).toBeGreaterThan(0);
    expect(c.documents.deadlineDay).toBe('2026-09-14');
    expect(c.privileges.claimed).toBeGreaterThan(0);
  });
});
