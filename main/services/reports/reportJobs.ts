// Report exports run as jobs: building the rows and writing a 200k-row
// workbook takes seconds, so the call returns at once and the page polls the
// progress. The file is written under the data folder and handed out by job
// id to the user who asked for it, never by path.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../../../shared/engine/engine';
import type { ReportJob } from '../../../shared/ipc/channels/reports';
import { parseInstant } from '../../../shared/log/instant';
import { parseEventLine } from '../../../shared/log/parseLine';
import type { Lang, ReportName } from '../../../shared/reports/labels';
import { buildReport } from '../../../shared/reports/reports';
import { writeReportXlsx } from '../../excel/writeReport';
import { eventInstant } from '../clock/storeClock';
import { ServiceError } from '../errors';
import type { StorePort } from '../storePort';

interface Entry {
  job: ReportJob;
  owner: string;
  file: string;
  done: Promise<void>;
}

const PAGE = 5_000;

export class ReportJobs {
  private readonly jobs = new Map<string, Entry>();
  private swept = false;

  constructor(private readonly dir: string) {}

  async start(
    store: StorePort,
    owner: string,
    report: ReportName,
    lang: Lang,
    asOf: string | undefined,
  ): Promise<ReportJob> {
    if (asOf !== undefined && Number.isNaN(parseInstant(asOf)))
      throw new ServiceError(
        'invalid_request',
        `asOf: not an ISO-8601 instant with an offset: ${asOf}`,
      );
    if (!this.swept) {
      // files of a run that ended before they were fetched: nobody holds their ids any more
      await rm(this.dir, { recursive: true, force: true });
      this.swept = true;
    }
    await mkdir(this.dir, { recursive: true });
    // One export per user at a time is plenty; an earlier file of theirs is dropped.
    for (const [id, e] of this.jobs) {
      if (e.owner !== owner) continue;
      if (e.job.state === 'running')
        throw new ServiceError(
          'unavailable',
          'an export is already running; wait for it to finish',
        );
      this.jobs.delete(id);
      await rm(e.file, { force: true });
    }
    const jobId = randomBytes(12).toString('base64url');
    const stamp = (asOf ?? new Date().toISOString()).slice(0, 10);
    const job: ReportJob = {
      jobId,
      state: 'running',
      report,
      lang,
      step: asOf ? 'replaying' : 'writing',
      done: 0,
      total: 0,
      fileName: `kabyl-${report}-${lang}-${stamp}.xlsx`,
      size: 0,
      ms: 0,
      error: null,
    };
    const file = path.join(this.dir, `${jobId}.xlsx`);
    const started = performance.now();
    const entry: Entry = { job, owner, file, done: Promise.resolve() };
    entry.done = (async () => {
      const engine = asOf
        ? await replayUntil(store, asOf, (n, total) => Object.assign(job, { done: n, total }))
        : await store.engine();
      Object.assign(job, { step: 'writing', done: 0, total: 0 });
      const table = buildReport(report, engine);
      job.total = table.rows.length;
      // "Generated" is the store's clock: the demo's stands still, a real district's is today.
      const generatedAt = parseInstant(await eventInstant(store));
      await writeReportXlsx(table, file, {
        lang,
        generatedAt,
        demo: store.kind === 'demo',
        onProgress: (written, total) => Object.assign(job, { done: written, total }),
      });
      const info = await stat(file);
      Object.assign(job, {
        state: 'done',
        step: 'finished',
        size: info.size,
        ms: performance.now() - started,
      });
    })().catch((e: unknown) => {
      Object.assign(job, {
        state: 'failed',
        error: e instanceof Error ? e.message : String(e),
        ms: performance.now() - started,
      });
    });
    this.jobs.set(jobId, entry);
    return { ...job };
  }

  get(owner: string, jobId: string): ReportJob {
    return { ...this.entry(owner, jobId).job };
  }

  /** Up to `max` bytes of the finished file from `offset`. */
  async read(
    owner: string,
    jobId: string,
    offset: number,
    max: number,
  ): Promise<{ job: ReportJob; bytes: Buffer }> {
    const entry = this.entry(owner, jobId);
    if (entry.job.state !== 'done')
      throw new ServiceError('unavailable', `jobId: the export is ${entry.job.state}, not done`);
    const handle = await open(entry.file, 'r');
    try {
      const length = Math.max(0, Math.min(max, entry.job.size - offset));
      const bytes = Buffer.alloc(length);
      if (length > 0) await handle.read(bytes, 0, length, offset);
      return { job: { ...entry.job }, bytes };
    } finally {
      await handle.close();
    }
  }

  /** Whether any export is still building (a store switch waits for none, it refuses). */
  running(): boolean {
    for (const e of this.jobs.values()) if (e.job.state === 'running') return true;
    return false;
  }

  /** Wait for one job, or for every job (before the app closes the store they read). */
  async settle(jobId?: string): Promise<void> {
    if (jobId !== undefined) await this.jobs.get(jobId)?.done;
    else await Promise.all([...this.jobs.values()].map((e) => e.done));
  }

  private entry(owner: string, jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.owner !== owner)
      throw new ServiceError('not_found', `jobId: no export ${jobId} for this session`);
    return entry;
  }
}

/**
 * The district as it stood at `asOf`: the stored log replayed into a fresh
 * engine up to that instant, then the clock moved there (timers such as the
 * documents deadline fire). The live engine cannot go back in time, and must
 * not be moved forward either (it is the write path's).
 */
export async function replayUntil(
  store: StorePort,
  asOf: string,
  onProgress: (events: number, total: number) => void,
): Promise<Engine> {
  const limit = parseInstant(asOf);
  const total = await store.eventCount();
  const engine = new Engine();
  let afterSeq = 0;
  let n = 0;
  for (;;) {
    const page = await store.reads.events({ afterSeq, limit: PAGE });
    if (page.length === 0) break;
    for (const row of page) {
      if (parseInstant(row.at) > limit) {
        if (engine.campaign !== null) engine.advanceTo(asOf);
        onProgress(n, total);
        return engine;
      }
      engine.ingest(parseEventLine(row.body));
      n++;
    }
    afterSeq = page[page.length - 1].seq;
    onProgress(n, total);
    // let the event loop turn between pages: other calls (progress polls) get answered
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (engine.campaign !== null) engine.advanceTo(asOf);
  return engine;
}
