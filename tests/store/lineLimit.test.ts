// FORMATS.md's 1 MiB line limit wherever a log comes in (`kabyl replay`, `kabyl import`,
// the app's import worker, the shared parser), and no stored length ever cut short:
// a 200 MiB line was once stored as its first 9,715,411 bytes (issue 12, item 1).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSplitter } from '../../shared/engine/replay';
import { LogError, MAX_LINE_BYTES, parseEventLine, utf8Length } from '../../shared/log/parseLine';
import { ByteLines } from '../../main/store/byteLines';
import { startImportJob } from '../../main/store/importJob';
import { openStore } from '../../main/store';
import { Connection, packedInsertSql } from '../../main/store/sql/connection';
import { packRows, packedParams } from '../../main/store/sql/packedRows';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles } from './bundles';
import { tempDir } from './helpers';

let cli: string;
let workerFile: string;
const tmp = tempDir();
const lines = campaignLog({ schools: 3, children: 40 });
const kabyl = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

/** `line` with an extension field that makes it exactly `bytes` bytes of UTF-8 (Cyrillic padding counts two). */
function padTo(line: string, bytes: number, fill = 'я'): string {
  const head = line.slice(0, -1) + ',"note":"';
  const room = bytes - utf8Length(head) - 2;
  const unit = utf8Length(fill);
  const pad = fill.repeat(Math.floor(room / unit)) + 'x'.repeat(room % unit);
  const out = `${head}${pad}"}`;
  expect(utf8Length(out)).toBe(bytes);
  return out;
}

/** The store's events, counted and with their bodies' byte lengths. */
async function storedLengths(file: string): Promise<number[]> {
  const store = await openStore({ file });
  try {
    const rows = await store.dataSource.query(
      'SELECT length(CAST(body AS BLOB)) AS n FROM event ORDER BY seq',
    );
    return rows.map((r: { n: number }) => r.n);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  ({ cli, worker: workerFile } = await buildTestBundles());
});
afterAll(() => tmp.cleanup());

describe('a line over 1 MiB', () => {
  const at = 5; // the 5th line of the file is the long one
  const tooLong = () => [
    ...lines.slice(0, at - 1),
    padTo(lines[at - 1], MAX_LINE_BYTES + 1),
    ...lines.slice(at),
  ];

  it('is refused by the shared parser, counted in bytes, not UTF-16 units', () => {
    const exact = padTo(lines[4], MAX_LINE_BYTES);
    expect(parseEventLine(exact, 5).id).toBe(JSON.parse(lines[4]).id);
    const over = padTo(lines[4], MAX_LINE_BYTES + 1);
    // Fewer UTF-16 units than the limit, more bytes: still too long.
    expect(over.length).toBeLessThan(MAX_LINE_BYTES);
    expect(() => parseEventLine(over, 5)).toThrow(LogError);
    expect(() => parseEventLine(over, 5)).toThrow(/^line 5: the line is longer than 1048576 bytes/);
  });

  it('is refused by both line splitters before it is held whole, naming its line', () => {
    const seen: string[] = [];
    const split = new LineSplitter((l) => seen.push(l));
    split.push('a\nb\n');
    const chunk = 'x'.repeat(1 << 16);
    expect(() => {
      for (let i = 0; i < 64; i++) split.push(chunk);
    }).toThrow(/^line 3: the line is longer/);
    const bytes = new ByteLines(() => undefined);
    bytes.push(Buffer.from('a\n'));
    expect(() => {
      for (let i = 0; i < 64; i++) bytes.push(Buffer.alloc(1 << 16, 0x78));
    }).toThrow(/^line 2: the line is longer/);
  });

  it('makes `kabyl replay` exit 2 with "line N:" and print nothing', () => {
    writeFileSync(tmp.file('long.jsonl'), tooLong().join('\n') + '\n');
    const r = kabyl('replay', tmp.file('long.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^line 5: the line is longer than 1048576 bytes/);
    // 40 MiB on one unterminated line, as a hostile file would have it: refused the same way, in bounded memory.
    writeFileSync(
      tmp.file('huge.jsonl'),
      lines[0] + '\n' + lines[1].slice(0, -1) + ',"x":"' + 'x'.repeat(40 << 20),
    );
    const huge = kabyl('replay', tmp.file('huge.jsonl'));
    expect(huge.status).toBe(2);
    expect(huge.stderr).toMatch(/^line 2: the line is longer/);
  });

  it('makes `kabyl import` exit 2 and leaves the store exactly as it was', async () => {
    const db = tmp.file('cli.sqlite');
    writeFileSync(tmp.file('first.jsonl'), lines.slice(0, 20).join('\n') + '\n');
    expect(kabyl('import', tmp.file('first.jsonl'), '--db', db).status).toBe(0);
    const before = await storedLengths(db);
    writeFileSync(tmp.file('long.jsonl'), tooLong().join('\n') + '\n');
    const r = kabyl('import', tmp.file('long.jsonl'), '--db', db);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^line 5: the line is longer than 1048576 bytes/);
    expect(await storedLengths(db)).toEqual(before);
    const v = kabyl('verify', '--db', db);
    expect(v.status).toBe(0);
  });

  it("fails the app's import worker as malformed, naming the line, with nothing written", async () => {
    const db = tmp.file('app.sqlite');
    (await openStore({ file: db })).close();
    writeFileSync(tmp.file('long.jsonl'), tooLong().join('\n') + '\n');
    const job = startImportJob(db, tmp.file('long.jsonl'), () => undefined, { workerFile });
    await expect(job.promise).rejects.toMatchObject({ code: 'malformed', line: 5 });
    expect(await storedLengths(db)).toEqual([]);
  });

  it('is refused by the store itself, whoever writes it', async () => {
    const db = tmp.file('append.sqlite');
    const store = await openStore({ file: db });
    try {
      const events = lines.slice(0, 5).map((l) => JSON.parse(l));
      const bodies = [...lines.slice(0, 4), padTo(lines[4], MAX_LINE_BYTES + 1)];
      await expect(store.append(events, { bodies })).rejects.toThrow(
        /event 5: .*longer than 1048576 bytes/,
      );
      expect(await store.head()).toMatchObject({ seq: 0 });
    } finally {
      await store.close();
    }
  });
});

describe('a line of exactly 1 MiB', () => {
  it('is imported whole, and the store verifies', async () => {
    const db = tmp.file('exact.sqlite');
    const withLong = [...lines.slice(0, 4), padTo(lines[4], MAX_LINE_BYTES), ...lines.slice(5)];
    writeFileSync(tmp.file('exact.jsonl'), withLong.join('\r\n') + '\r\n');
    const r = kabyl('import', tmp.file('exact.jsonl'), '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((await storedLengths(db))[4]).toBe(MAX_LINE_BYTES);
    const v = kabyl('verify', '--db', db);
    expect(v.stdout).toMatch(/hash chain: intact/);
    expect(v.status).toBe(0);
  });
});

describe('packed rows', () => {
  it('store a value over 99,999,999 bytes whole (8 length digits once cut it short)', async () => {
    const db = new sqlite3.Database(':memory:');
    const conn = new Connection(db);
    try {
      await conn.exec('CREATE TABLE t ("k" INTEGER PRIMARY KEY NOT NULL, "v" TEXT)');
      const big = new Uint8Array(100_000_123).fill(0x61);
      await conn.runPrepared(
        packedInsertSql('t', ['k', 'v']),
        packedParams(
          packRows(
            [
              [1, big],
              [2, 'after'],
            ],
            2,
          ),
        ),
      );
      const rows = await conn.all<{ k: number; n: number; tail: string }>(
        'SELECT k, length(CAST(v AS BLOB)) AS n, substr(v, -3) AS tail FROM t ORDER BY k',
      );
      expect(rows).toEqual([
        { k: 1, n: 100_000_123, tail: 'aaa' },
        { k: 2, n: 5, tail: 'ter' },
      ]);
    } finally {
      await conn.finalizeStatements();
      await new Promise((r) => db.close(r));
    }
  });
});
