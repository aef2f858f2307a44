// The floor bench:store compares the store's import with: the same log's events
// written as plain rows (id, type, at, body) in one transaction, the fastest way
// we know, with everything the store's own writes get:
// - the store's page size and pragmas (16 KiB pages, WAL, synchronous=FULL, the
//   log writer's 64 MiB cache);
// - its reader: 1 MiB chunks of bytes split on LF, each line decoded on its own
//   (so a multi-byte character at a chunk edge is never cut), the body stored as
//   the file's own bytes;
// - its packed rows (main/store/sql/packedRows.ts): 500 rows a statement as two
//   blobs, through the store's pool of prepared statements, several in flight
//   while the next chunk is parsed.
// What the floor leaves out is what the store is for: the hash chain, the rules
// engine, the projections and the indexes the registry reads.
// Bundled with the store by tests/bench/store.mjs; tested in storeFloor.test.ts.
import { closeSync, openSync, readSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { Connection } from '../../main/store/sql/connection';
import {
  packRows,
  packedParams,
  packedSelect,
  type PackValue,
} from '../../main/store/sql/packedRows';

/** The store's pragmas: main/store/dataSource.ts, with store.ts's WRITER_CACHE_KIB for its writer. */
export const STORE_PRAGMAS = [
  'page_size = 16384',
  'journal_mode = WAL',
  'synchronous = FULL',
  'cache_size = -65536',
];
const COLUMNS = ['id', 'type', 'at', 'body'];
const ROWS_PER_STATEMENT = 500;
/** batches queued in SQLite while the JS thread reads on (the store's writer keeps up to 6) */
const IN_FLIGHT = 6;

/**
 * Calls onLine(text, bytes) for every line of the file, read `chunkBytes` at a
 * time. A line is split on the LF byte (never inside a UTF-8 sequence) and only
 * then decoded; a CR before the LF is dropped. `bytes` views a fresh chunk
 * buffer, so the caller may keep it. Yields after each chunk.
 */
export function* byteLines(
  file: string,
  onLine: (text: string, bytes: Buffer) => void,
  chunkBytes = 1 << 20,
): Generator<void> {
  const fd = openSync(file, 'r');
  let rest: Buffer | null = null;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) break;
      const buf: Buffer =
        rest === null ? chunk.subarray(0, n) : Buffer.concat([rest, chunk.subarray(0, n)]);
      let start = 0;
      for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
        emit(buf, start, nl, onLine);
        start = nl + 1;
      }
      rest = start < buf.length ? buf.subarray(start) : null;
      yield;
    }
    if (rest !== null) emit(rest, 0, rest.length, onLine);
  } finally {
    closeSync(fd);
  }
}

function emit(
  buf: Buffer,
  start: number,
  end: number,
  onLine: (text: string, bytes: Buffer) => void,
): void {
  if (end > start && buf[end - 1] === 13) end--;
  onLine(buf.toString('utf8', start, end), buf.subarray(start, end));
}

/** Writes the log's events into a new SQLite file as rows (id, type, at, body); returns the row count. */
export async function writeFloor(
  log: string,
  dbFile: string,
  { chunkBytes = 1 << 20 } = {},
): Promise<number> {
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(dbFile, (e) => (e ? reject(e) : resolve(db)));
  });
  const conn = new Connection(raw);
  try {
    for (const p of STORE_PRAGMAS) await conn.run(`PRAGMA ${p}`);
    await conn.run(
      'CREATE TABLE event (id TEXT PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)',
    );
    await conn.run('BEGIN IMMEDIATE');
    const sql = `INSERT INTO event (${COLUMNS.join(', ')}) ${packedSelect(COLUMNS.length)}`;
    const pending: Promise<void>[] = [];
    let rows: PackValue[][] = [];
    let count = 0;
    const flush = () => {
      pending.push(conn.runPrepared(sql, packedParams(packRows(rows, COLUMNS.length))));
      rows = [];
    };
    const onLine = (text: string, bytes: Buffer) => {
      if (text.trim() === '') return;
      const e = JSON.parse(text) as { id: string; type: string; at: string };
      rows.push([e.id, e.type, e.at, bytes]);
      count++;
      if (rows.length === ROWS_PER_STATEMENT) flush();
    };
    for (const _ of byteLines(log, onLine, chunkBytes)) {
      while (pending.length > IN_FLIGHT) await pending.shift();
    }
    if (rows.length > 0) flush();
    await Promise.all(pending);
    await conn.run('COMMIT');
    return count;
  } finally {
    await conn.finalizeStatements();
    await new Promise((resolve) => raw.close(resolve));
  }
}
