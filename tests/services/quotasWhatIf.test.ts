// The quotas screen's what-if runs from the store file (main/store/whatIf/): the
// log replayed with the sandbox quotas, the "before" side read from the
// projection rows, on a worker thread. It must answer exactly what
// shared/district/whatIf.ts answers from the events alone (two full replays), on
// a real SQLite store of a generated district with every kind of event, in this
// thread and through the bundled worker.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatIfQuotas, type QuotaOverride } from '../../shared/district/whatIf';
import { generateLog } from '../../shared/generator';
import type { LogEvent } from '../../shared/log/events';
import type { Stream } from '../../shared/engine/model';
import { Engine } from '../../shared/engine/engine';
import { openStore, type Store } from '../../main/store';
import { whatIfOnStoreFile } from '../../main/store/whatIf/storedWhatIf';
import { runWhatIf } from '../../main/store/whatIf/whatIfJob';
import { tempDir } from '../store/helpers';

const root = path.resolve(__dirname, '../..');
const events: LogEvent[] = [
  ...generateLog({
    seed: 7,
    year: 2026,
    districtNames: ['BISH.OKT'],
    schoolsPerDistrict: 6,
    children: 900,
    until: '2026-07-10T12:00:00+06:00',
  }),
];
const live = new Engine();
for (const e of events) live.ingest(e);
const streams: Stream[] = [...live.streams.values()];

const CASES: [string, () => QuotaOverride[]][] = [
  [
    'raised full streams',
    () =>
      streams
        .filter((s) => s.occupied >= s.quota)
        .map((s) => ({ schoolId: s.schoolId, language: s.language, seats: s.quota + 15 })),
  ],
  [
    'lowered streams',
    () =>
      streams.slice(0, 3).map((s) => ({
        schoolId: s.schoolId,
        language: s.language,
        seats: Math.max(0, s.quota - 20),
      })),
  ],
  ['a stream opened', () => [{ schoolId: streams[0]!.schoolId, language: 'uz', seats: 10 }]],
];

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
  workerFile = path.join(root, 'dist', 'tests-what-if', String(process.pid), 'what-if-worker.cjs');
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

describe('what-if from the store file', () => {
  it.each(CASES)(
    '%s: the same changes, counts and streams as whatIfQuotas',
    async (_, overrides) => {
      const o = overrides();
      expect(o.length).toBeGreaterThan(0);
      const expected = whatIfQuotas(events, o);
      expect(expected.changes.length + expected.streams.length).toBeGreaterThan(0);
      const here = await whatIfOnStoreFile(file, o);
      expect(here.events).toBe(events.length);
      expect(here.result).toEqual(expected);
    },
  );

  it('the worker thread gives the same answer', async () => {
    const o = CASES[0]![1]();
    const viaWorker = await runWhatIf(file, o, { workerFile });
    expect(viaWorker).toEqual({ result: whatIfQuotas(events, o), events: events.length });
  });

  it('a write after the what-if started is not half in it: it answers about the log up to its head', async () => {
    const o = CASES[0]![1]();
    const before = whatIfQuotas(events, o);
    const pending = runWhatIf(file, o, { workerFile });
    const last = events[events.length - 1]!;
    await store.append([
      {
        ...last,
        id: 'late-withdrawal',
        type: 'application.withdrawn',
        data: { applicationId: 'nobody' },
      } as LogEvent,
    ]);
    const r = await pending;
    if (r.events === events.length) expect(r.result).toEqual(before);
    else expect(r.events).toBe(events.length + 1);
    await expect(runWhatIf(tmp.file('missing.sqlite'), o, { workerFile })).rejects.toThrow(
      /what-if/,
    );
  });
});
