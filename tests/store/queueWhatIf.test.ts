// The what-if from the queue (R16) runs from the store file on the what-if
// worker: it must answer exactly what the engine answers when the same raise is
// folded into an in-memory replay of the same log, on a real SQLite store of a
// generated district with waitlists, in this thread, through the bundled worker,
// from a valid engine snapshot and past a stale one.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAndPlace, type QueueRaise } from '../../shared/district/queueWhatIf';
import { generateLog } from '../../shared/generator';
import type { LogEvent } from '../../shared/log/events';
import { Engine } from '../../shared/engine/engine';
import { openStore, type Store } from '../../main/store';
import { queueWhatIfOnStoreFile } from '../../main/store/whatIf/queueWhatIfOnStore';
import { runQueueWhatIf } from '../../main/store/whatIf/whatIfJob';
import {
  removeSnapshotFile,
  writeSnapshotFile,
} from '../../main/store/snapshot/engineSnapshotFile';
import { tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const UNTIL = '2026-07-10T12:00:00+06:00';
const events: LogEvent[] = [
  ...generateLog({
    seed: 11,
    year: 2026,
    districtNames: ['BISH.OKT'],
    schoolsPerDistrict: 6,
    children: 900,
    until: UNTIL,
    waitlist: true,
  }),
];
const AT = '2026-07-10T12:30:00+06:00';

function replayed(): Engine {
  const e = new Engine();
  for (const x of events) e.ingest(x);
  return e;
}

const live = replayed();
/** Every stream with a queue, raised by 2: the cases the test runs. */
const RAISES: QueueRaise[] = [...live.streams.values()]
  .filter((s) => live.waitlistSize(s.key) > 0)
  .map((s) => ({ schoolId: s.schoolId, language: s.language, add: 2 }));

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let file: string;
let workerFile: string;
beforeAll(async () => {
  tmp = tempDir();
  file = tmp.file('district.sqlite');
  const log = tmp.file('log.jsonl');
  writeFileSync(log, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  store = await openStore({ file });
  await store.importFile(log);
  workerFile = path.join(
    root,
    'dist',
    'tests-queue-what-if',
    String(process.pid),
    'what-if-worker.cjs',
  );
  await build({
    entryPoints: [path.join(root, 'main/store/whatIf/whatIfWorker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3'],
    logLevel: 'warning',
  });
}, 120_000);
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

describe('the queue what-if from the store file', () => {
  it('the generated district has queues to raise, some of which a raise of two seats reaches', () => {
    expect(RAISES.length).toBeGreaterThan(0);
    const reachable = RAISES.filter((r) => {
      const s = live.streams.get(`${r.schoolId}/${r.language}`)!;
      return s.quota + r.add > s.occupied;
    });
    expect(reachable.length).toBeGreaterThan(0);
  });

  it('answers what the engine answers on a replay, for every stream with a queue', async () => {
    await removeSnapshotFile(file);
    for (const raise of RAISES) {
      const expected = raiseAndPlace(replayed(), raise, AT);
      const here = await queueWhatIfOnStoreFile(file, raise, AT);
      expect(here.events).toBe(events.length);
      expect(here.replayed).toBe(events.length);
      expect(here.result).toEqual(expected);
      expect(expected.queuesOpen).toBe(true);
      // Two new seats: at most two children who held none are seated (moves are only transfers).
      expect(expected.placed.filter((p) => p.kind === 'wait').length).toBeLessThanOrEqual(2);
      // A free seat after the raise goes to someone (an overflowing stream may stay full).
      const occupied = live.streams.get(`${raise.schoolId}/${raise.language}`)!.occupied;
      if (expected.quotaAfter > occupied) expect(expected.placed.length).toBeGreaterThan(0);
      else expect(expected.placed).toEqual([]);
      expect(expected.queuedAfter).toBe(expected.queuedBefore - expected.placed.length);
    }
  });

  it('through the bundled worker: the same answer', async () => {
    const raise = RAISES[0]!;
    const viaWorker = await runQueueWhatIf(file, raise, AT, { workerFile });
    expect(viaWorker.result).toEqual(raiseAndPlace(replayed(), raise, AT));
  });

  it('starts from a snapshot of this log, and replays past one of another log', async () => {
    const raise = RAISES[RAISES.length - 1]!;
    const expected = raiseAndPlace(replayed(), raise, AT);
    const head = await store.head();
    // A snapshot 100 events back: only the rest is replayed.
    const partial = new Engine();
    for (const x of events.slice(0, events.length - 100)) partial.ingest(x);
    const [row] = await store.events({ afterSeq: events.length - 101, limit: 1 });
    await writeSnapshotFile(file, partial, { seq: row!.seq, hash: row!.hash });
    const fromSnapshot = await queueWhatIfOnStoreFile(file, raise, AT);
    expect(fromSnapshot.replayed).toBe(100);
    expect(fromSnapshot.result).toEqual(expected);
    // The same seq with another hash: another log, so a full replay.
    await writeSnapshotFile(file, replayed(), { seq: head.seq, hash: 'f'.repeat(64) });
    const stale = await queueWhatIfOnStoreFile(file, raise, AT);
    expect(stale.replayed).toBe(events.length);
    expect(stale.result).toEqual(expected);
    await removeSnapshotFile(file);
  });

  it('a raised stream the log lacks is an error, not an empty answer', async () => {
    await expect(
      queueWhatIfOnStoreFile(file, { schoolId: 'NOPE', language: 'ky', add: 1 }, AT),
    ).rejects.toThrow(/no stream/);
  });
});
