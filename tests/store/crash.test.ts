// kill -9 in the middle of an import: the store holds all of the file's events
// or none, its projections agree with a replay, its hash chain and indexes are
// intact, and importing again completes. The test proves where each kill landed:
// the child (crashChild.ts) says so from inside its open write transaction and
// blocks there; before killing it, the test checks that the child holds the
// store's write lock (another BEGIN IMMEDIATE is refused as busy).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { openStore } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let child: string;
let tmp: ReturnType<typeof tempDir>;
// About 90k events, 30 MB: several seconds of import, and past the bulk-load size (indexes dropped in the transaction).
const lines = campaignLog({ schools: 100, children: 40000, seed: 11 });
const prefix = 5000;
const expected = withoutStats(replayText(lines.join('\n')));

beforeAll(async () => {
  tmp = tempDir();
  // Under the repository (as bundles.ts does), so the external sqlite3 and typeorm resolve from its node_modules.
  child = path.resolve(__dirname, '../../dist/tests-store', String(process.pid), 'crash-child.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'crashChild.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'sqlite3', 'typeorm', 'exceljs', 'reflect-metadata'],
    logLevel: 'warning',
  });
  writeFileSync(tmp.file('big.jsonl'), lines.join('\n') + '\n');
  writeFileSync(tmp.file('prefix.jsonl'), lines.slice(0, prefix).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

type Stage = 'reading' | 'read' | 'commit';
interface Kill {
  /** what the child said from inside its transaction */
  detail: { stage: Stage; linesRead?: number; eventsAdded?: number };
  /** SQLite's answer to another connection's BEGIN IMMEDIATE while the child waited */
  lockError: string | null;
  signal: NodeJS.Signals | null;
}

/** Whether another connection may start writing now: the error SQLite gives, or null when it could. */
function tryWriteLock(db: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const conn = new sqlite3.Database(db, sqlite3.OPEN_READWRITE, (e) => {
      if (e) return reject(e);
      conn.run('BEGIN IMMEDIATE', (err) => {
        const done = () =>
          conn.close(() =>
            resolve(err ? ((err as Error & { code?: string }).code ?? err.message) : null),
          );
        if (err) done();
        else conn.run('ROLLBACK', done);
      });
    });
  });
}

/** Runs the child to `stage`, checks it holds the write lock there, and SIGKILLs it. */
function importAndKill(db: string, stage: Stage): Promise<Kill> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, db, tmp.file('big.jsonl'), stage], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let kill: Omit<Kill, 'signal'> | null = null;
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    proc.stdout.setEncoding('utf8').on('data', async (chunk: string) => {
      out += chunk;
      const m = /^in-transaction (.*)$/m.exec(out);
      if (!m || kill) return;
      kill = { detail: JSON.parse(m[1]), lockError: null };
      try {
        kill.lockError = await tryWriteLock(db);
      } finally {
        proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (!kill)
        reject(
          new Error(
            `the child exited (${code ?? signal}) without reaching "${stage}": ${out}${err}`,
          ),
        );
      else resolve({ ...kill, signal });
    });
  });
}

/** The kill landed inside the write: the child was in its transaction, holding the lock, and died of the kill. */
function expectKilledInside(kill: Kill, stage: Stage): void {
  expect(kill.detail.stage).toBe(stage);
  expect(kill.lockError).toBe('SQLITE_BUSY');
  expect(kill.signal).toBe('SIGKILL');
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
    expect(await store.dataSource.query('PRAGMA integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
    // The bulk load drops indexes inside its transaction; a crash must not lose them.
    const indexes = (
      await store.dataSource.query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'",
      )
    ).map((r: { name: string }) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'idx_event_subject',
        'idx_application_pin',
        'idx_application_name',
        'idx_application_status',
      ]),
    );
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

// Each test imports 30 MB twice (the killed child, then the re-import): minutes on a loaded 2-core machine.
describe('kill -9 during an import', { timeout: 240_000 }, () => {
  it('into an empty store, while reading lines: nothing half-written, and a re-import completes', async () => {
    const db = tmp.file('empty-kill.sqlite');
    const kill = await importAndKill(db, 'reading');
    expectKilledInside(kill, 'reading');
    // Events were already going to SQLite when the kill came.
    expect(kill.detail.eventsAdded).toBeGreaterThan(5000);
    expect(await checkStore(db, [0])).toBe(0);
    await reimport(db);
  });

  it('into a store holding part of the log, once every line is read: the part only', async () => {
    const db = tmp.file('prefix-read-kill.sqlite');
    await importPrefix(db);
    const kill = await importAndKill(db, 'read');
    expectKilledInside(kill, 'read');
    expect(kill.detail.linesRead).toBe(lines.length);
    expect(await checkStore(db, [prefix])).toBe(prefix);
    await reimport(db);
  });

  it('into a store holding part of the log, with everything written but the COMMIT: the part only', async () => {
    const db = tmp.file('prefix-commit-kill.sqlite');
    await importPrefix(db);
    const kill = await importAndKill(db, 'commit');
    expectKilledInside(kill, 'commit');
    expect(await checkStore(db, [prefix])).toBe(prefix);
    await reimport(db);
  });
});

async function importPrefix(db: string): Promise<void> {
  const store = await openStore({ file: db });
  try {
    await store.importFile(tmp.file('prefix.jsonl'));
  } finally {
    await store.close();
  }
}
