// Import jobs: the store imports the file off the main thread (its worker); here we
// only keep each job's latest progress for import.progress to answer. One import
// runs at a time, since each is one transaction on the one store.
import { randomBytes } from 'node:crypto';
import type { ImportJob } from '../../../shared/ipc/contract';
import { ServiceError } from '../errors';
import type { StorePort } from '../storePort';

interface Entry {
  job: ImportJob;
  owner: string;
  done: Promise<void>;
}

export class ImportJobs {
  private readonly jobs = new Map<string, Entry>();
  private current: Entry | null = null;

  running(): boolean {
    return this.current !== null;
  }

  start(
    store: StorePort,
    owner: string,
    file: { name: string; path: string; size: number },
    after: () => Promise<void>,
  ): ImportJob {
    if (this.current)
      throw new ServiceError('unavailable', 'another import is running; wait for it to finish');
    const job: ImportJob = {
      jobId: randomBytes(12).toString('base64url'),
      state: 'running',
      fileName: file.name,
      bytesRead: 0,
      totalBytes: file.size,
      linesRead: 0,
      eventsAdded: 0,
      duplicates: 0,
      error: null,
    };
    const entry: Entry = { job, owner, done: Promise.resolve() };
    entry.done = store
      .importFile(file.path, (p) => Object.assign(job, p))
      .then(
        (outcome) => {
          const { error, ...progress } = outcome;
          Object.assign(job, progress, { state: error ? 'failed' : 'done', error });
        },
        (e: unknown) => {
          Object.assign(job, {
            state: 'failed',
            error: { line: null, message: e instanceof Error ? e.message : String(e) },
          });
        },
      )
      .finally(async () => {
        this.current = null;
        await after().catch(() => undefined);
      });
    this.jobs.set(job.jobId, entry);
    this.current = entry;
    return { ...job };
  }

  get(owner: string, jobId: string): ImportJob {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.owner !== owner)
      throw new ServiceError('not_found', `jobId: no import job ${jobId} for this session`);
    return { ...entry.job };
  }

  /** Wait for the running import, if any (before closing the store). */
  async settle(): Promise<void> {
    await this.current?.done;
  }
}
