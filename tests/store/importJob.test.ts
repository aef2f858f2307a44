// The UI's import path: a worker thread with its own connection, progress
// messages, cancellation, and the main store seeing the result afterwards.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { ImportJobError, startImportJob } from '../../main/store/importJob';
import { openStore, type ImportProgress, type Store } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles } from './bundles';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let workerFile: string;
let tmp: ReturnType<typeof tempDir>;
let store: Store;
const lines = campaignLog({ schools: 20, children: 6000 });

beforeAll(async () => {
  workerFile = (await buildTestBundles()).worker;
});
beforeEach(async () => {
  tmp = tempDir();
  writeFileSync(tmp.file('log.jsonl'), lines.join('\n') + '\n');
  store = await openStore({ file: tmp.file('district.sqlite') });
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

describe('startImportJob', () => {
  it('imports off the main thread with progress, and the open store writes on after it', async () => {
    // The main store has already judged a few events: its engine must catch up with the worker's commit.
    await store.append(
      lines.slice(0, 10).map((l) => JSON.parse(l)),
      { bodies: lines.slice(0, 10) },
    );
    const progress: ImportProgress[] = [];
    const job = startImportJob(
      tmp.file('district.sqlite'),
      tmp.file('log.jsonl'),
      (p) => progress.push(p),
      { workerFile },
    );
    // The main thread is free while the worker runs: a timer keeps ticking.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await job.promise;
    clearInterval(timer);
    expect(result).toMatchObject({
      linesRead: lines.length,
      eventsAdded: lines.length - 10,
      duplicates: 10,
      firstSeq: 11,
      lastSeq: lines.length,
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.bytesRead).toBe(progress.at(-1)!.totalBytes);
    expect(ticks).toBeGreaterThan(3);
    expect(await outputFromProjections(store)).toEqual(withoutStats(replayText(lines.join('\n'))));
    const last = JSON.parse(lines.at(-1)!);
    const r = await store.append([{ ...last, id: 'after-import' }]);
    expect(r.outcomes[0]).toMatchObject({ outcome: 'applied', seq: lines.length + 1 });
    expect((await store.verifyChain()).ok).toBe(true);
    expect((await store.verifyProjections()).mismatches).toEqual([]);
  });

  it('rejects a malformed file naming the line, writing nothing', async () => {
    const broken = [...lines];
    broken[4000] =
      '{"id":"x","type":"quota.set","at":"2026-04-01T00:00:00+06:00","data":{"schoolId":"S0001","language":"ky","seats":-3}}';
    writeFileSync(tmp.file('broken.jsonl'), broken.join('\n'));
    const job = startImportJob(tmp.file('district.sqlite'), tmp.file('broken.jsonl'), undefined, {
      workerFile,
    });
    const err = await job.promise.catch((e) => e);
    expect(err).toBeInstanceOf(ImportJobError);
    expect(err).toMatchObject({
      code: 'malformed',
      line: 4001,
      message: expect.stringMatching(/^line 4001: data\.seats/),
    });
    expect(await store.eventCount()).toBe(0);
    expect(await store.campaign()).toBeNull();
  });

  it('can be cancelled; nothing is written', async () => {
    // Big enough (many 1 MiB chunks) that the cancel arrives while lines are still being read.
    writeFileSync(tmp.file('big.jsonl'), campaignLog({ schools: 40, children: 30000 }).join('\n'));
    const job = startImportJob(
      tmp.file('district.sqlite'),
      tmp.file('big.jsonl'),
      () => job.cancel(),
      { workerFile },
    );
    const err = await job.promise.catch((e) => e);
    expect(err).toMatchObject({ code: 'cancelled' });
    expect(await store.eventCount()).toBe(0);
    const again = startImportJob(tmp.file('district.sqlite'), tmp.file('log.jsonl'), undefined, {
      workerFile,
    });
    expect((await again.promise).eventsAdded).toBe(lines.length);
  });

  it('reports a missing file as an I/O failure', async () => {
    const job = startImportJob(tmp.file('district.sqlite'), tmp.file('missing.jsonl'), undefined, {
      workerFile,
    });
    await expect(job.promise).rejects.toMatchObject({ code: 'io' });
  });
});
