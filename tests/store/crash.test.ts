// kill -9 in the middle of `kabyl import`: the store holds all of the file's
// events or none, its projections agree with a replay, its hash chain and
// indexes are intact, and importing again completes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { openStore } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles } from './bundles';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let cli: string;
let tmp: ReturnType<typeof tempDir>;
// About 90k events, 30 MB: several seconds of import, and past the bulk-load size (indexes dropped in the transaction).
const lines = campaignLog({ schools: 100, children: 40000, seed: 11 });
const prefix = 5000;
const expected = withoutStats(replayText(lines.join('\n')));

beforeAll(async () => {
  cli = (await buildTestBundles()).cli;
  tmp = tempDir();
  writeFileSync(tmp.file('big.jsonl'), lines.join('\n') + '\n');
  writeFileSync(tmp.file('prefix.jsonl'), lines.slice(0, prefix).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

/** Runs `kabyl import` and SIGKILLs it once `when` says so, judging its progress lines. */
function importAndKill(db: string, when: (linesRead: number, bytes: number, total: number) => boolean): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'import', tmp.file('big.jsonl'), '--db', db, '--progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let killed = false;
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^progress (\d+) (\d+)\/(\d+)$/.exec(line);
        if (m && !killed && when(+m[1], +m[2], +m[3])) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ killed, code }));
  });
}

async function checkStore(db: string, allowed: number[]): Promise<number> {
  const store = await openStore({ file: db });
  try {
    const count = await store.eventCount();
    expect(allowed).toContain(count);
    const [{ n }] = await store.dataSource.query('SELECT count(*) AS n FROM event');
    expect(n).toBe(count);
    expect((await store.verifyProjections()).mismatches).toEqual([]);
    expect((await store.verifyChain()).ok).toBe(true);
    expect(await store.dataSource.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // The bulk load drops indexes inside its transaction; a crash must not lose them.
    const indexes = (await store.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'")).map((r: { name: string }) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['idx_event_subject', 'idx_application_pin', 'idx_application_name', 'idx_application_status']));
    return count;
  } finally {
    await store.close();
  }
}

async function reimport(db: string): Promise<void> {
  const store = await openStore({ file: db });
  try {
    const r = await store.importFile(tmp.file('big.jsonl'));
    expect(r.linesRead).toBe(lines.length);
    expect(await store.eventCount()).toBe(lines.length);
    expect(await outputFromProjections(store)).toEqual(expected);
  } finally {
    await store.close();
  }
}

describe('kill -9 during kabyl import', () => {
  it('into an empty store, while reading lines: nothing half-written, and a re-import completes', async () => {
    const db = tmp.file('empty-kill.sqlite');
    const run = await importAndKill(db, (linesRead) => linesRead > 10000);
    expect(run.killed).toBe(true);
    expect(await checkStore(db, [0, lines.length])).toBe(0);
    await reimport(db);
  });

  it('into a store holding part of the log, once every line is read (writing projections, committing)', async () => {
    const db = tmp.file('prefix-kill.sqlite');
    const store = await openStore({ file: db });
    await store.importFile(tmp.file('prefix.jsonl'));
    await store.close();
    const run = await importAndKill(db, (_l, bytes, total) => bytes === total);
    // Either the kill landed before the commit (the prefix only) or after it (everything).
    await checkStore(db, [prefix, lines.length]);
    expect(run.killed || run.code === 0).toBe(true);
    await reimport(db);
  });
});
