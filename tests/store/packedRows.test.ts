// Packed rows through a real SQLite file: what goes in comes back out, value
// for value and type for type, whatever the text holds.
import fc from 'fast-check';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, writeRows } from '../../main/store/sql/connection';
import { packRows } from '../../main/store/sql/packedRows';
import type { Row } from '../../main/store/projection/tables';
import { tempDir } from './helpers';

const tmp = tempDir();
let conn: Connection;
let db: sqlite3.Database;

beforeAll(async () => {
  db = new sqlite3.Database(tmp.file('packed.sqlite'));
  conn = new Connection(db);
  await conn.exec(
    `CREATE TABLE t ("k" INTEGER PRIMARY KEY NOT NULL, "s" TEXT, "n" INTEGER, "u" TEXT)`,
  );
});

afterAll(async () => {
  await conn.finalizeStatements();
  await new Promise((r) => db.close(r));
  tmp.cleanup();
});

const COLUMNS = ['k', 's', 'n', 'u'] as const;

async function roundTrip(rows: Row[], upsert = 0): Promise<Row[]> {
  await conn.run('DELETE FROM t');
  await Promise.all(writeRows(conn, 't', COLUMNS, rows, upsert));
  const back = await conn.all<{ k: number; s: string | null; n: number | null; u: string | null }>(
    'SELECT k, s, n, u FROM t ORDER BY k',
  );
  return back.map((r) => [r.k, r.s, r.n, r.u]);
}

describe('packed rows', () => {
  it('keep nulls, empty strings, integers, Cyrillic, emoji and lone surrogates apart', async () => {
    const rows: Row[] = [
      [1, null, null, null],
      [2, '', 0, ''],
      [3, 'Асанова Айпери', 1775728820575, 'JA.TKT.S037.ST08.H27'],
      [4, '😀 emoji', -7, '0'],
      // Lone surrogates are written as U+FFFD, as Buffer.from does: lengths must follow.
      [5, 'lone \ud800 high', 12, 'end \ud83d'],
      [6, '-', 3, 'x'.repeat(70_000)],
    ];
    const back = await roundTrip(rows);
    expect(back.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(back[0]).toEqual([1, null, null, null]);
    expect(back[1]).toEqual([2, '', 0, '']);
    expect(back[2]).toEqual(rows[2]);
    expect(back[3]).toEqual(rows[3]);
    expect(back[4]).toEqual([5, 'lone \ufffd high', 12, 'end \ufffd']);
    expect(back[5]).toEqual(rows[5]);
    // The INTEGER column's affinity stores numbers as integers again.
    expect(await conn.all('SELECT typeof(n) AS t FROM t WHERE k = 3')).toEqual([{ t: 'integer' }]);
    expect(await conn.all('SELECT typeof(u) AS t FROM t WHERE k = 4')).toEqual([{ t: 'text' }]);
  });

  it('write batches larger than one statement, and upsert', async () => {
    const rows: Row[] = Array.from({ length: 1234 }, (_, i) => [i + 1, `имя ${i}`, i * 3, null]);
    expect(await roundTrip(rows)).toEqual(rows);
    await Promise.all(writeRows(conn, 't', COLUMNS, [[7, 'changed', 1, 'u']], 1));
    expect(await conn.all('SELECT s, n, u FROM t WHERE k = 7')).toEqual([
      { s: 'changed', n: 1, u: 'u' },
    ]);
    expect(await conn.all('SELECT count(*) AS c FROM t')).toEqual([{ c: 1234 }]);
  });

  it('round-trip any strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.option(fc.string({ unit: 'grapheme', maxLength: 40 })),
            fc.option(fc.integer()),
            fc.option(fc.string({ maxLength: 200 })),
          ),
          { maxLength: 30 },
        ),
        async (values) => {
          const rows: Row[] = values.map(([s, n, u], i) => [i + 1, s, n, u]);
          expect(await roundTrip(rows)).toEqual(rows);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuse a row of the wrong width and numbers SQLite cannot hold', () => {
    expect(() => packRows([[1, 'a']], 3)).toThrow(/2 values for 3 columns/);
    expect(() => packRows([[Number.NaN]], 1)).toThrow(/NaN/);
  });
});
