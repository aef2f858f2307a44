// A thin promise layer over one raw sqlite3 connection (the one a TypeORM
// DataSource opened). The log writer's hot path uses it directly: multi-row
// statements built here, run without TypeORM's per-query bookkeeping.
import sqlite3, { type Database, type Statement } from 'sqlite3';
import type { DataSource } from 'typeorm';
import type { Row, SqlValue } from '../projection/tables';
import { packRows, packedParams, packedSelect } from './packedRows';

// sqlite3.verbose() (which TypeORM calls) wraps every Database method to
// util.inspect its arguments on each call: for a 500-row insert that is the
// whole batch formatted as text, the largest single cost of an import. The
// store hands TypeORM a driver whose verbose() is a no-op, and keeps the
// unwrapped methods here in case anyone else in the process turned it on.
const proto = sqlite3.Database.prototype;
const nativeRun = proto.run;
const nativeAll = proto.all;
const nativeExec = proto.exec;
const nativePrepare = proto.prepare;
const nativeStatementRun = sqlite3.Statement.prototype.run;
const nativeFinalize = sqlite3.Statement.prototype.finalize;

/**
 * Prepared statements kept per SQL text, several of each. node-sqlite3 runs one
 * statement object at a time and starts its next run only from a callback on
 * the JS thread; with several objects per statement, runs queued while the JS
 * thread is busy parsing go straight on in SQLite's thread instead of waiting.
 * 16 covers what an import keeps queued (the writer's in-flight limit plus one
 * chunk's batches): with 4, SQLite sat idle for about a second of a republic
 * import waiting for the JS thread to hand it the next run.
 */
const POOL = 16;

/** The sqlite3 module for TypeORM's `driver` option, without the tracing wrappers. */
export const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, {
  verbose(): typeof sqlite3 {
    return quietSqlite3;
  },
});

export class Connection {
  private readonly pools = new Map<string, { statements: Statement[]; next: number }>();

  constructor(readonly raw: Database) {}

  /** Runs a cached prepared statement (one of a small pool); the connection must not be in serialized mode. */
  runPrepared(sql: string, params: (SqlValue | Buffer)[]): Promise<void> {
    let pool = this.pools.get(sql);
    if (!pool) this.pools.set(sql, (pool = { statements: [], next: 0 }));
    // Grown on demand: a one-event append prepares each statement once, an import up to POOL times.
    if (pool.next === pool.statements.length && pool.statements.length < POOL) {
      pool.statements.push(nativePrepare.call(this.raw, sql) as Statement);
    }
    const stmt = pool.statements[pool.next];
    pool.next = (pool.next + 1) % POOL;
    return new Promise((resolve, reject) =>
      nativeStatementRun.call(stmt, params, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  }

  /** Finalizes the cached statements (SQLite will not close a connection that has some). */
  async finalizeStatements(): Promise<void> {
    const all = [...this.pools.values()].flatMap((p) => p.statements);
    this.pools.clear();
    await Promise.all(
      all.map((st) => new Promise<void>((resolve) => nativeFinalize.call(st, () => resolve()))),
    );
  }

  static of(ds: DataSource): Connection {
    return new Connection(
      (ds.driver as unknown as { databaseConnection: Database }).databaseConnection,
    );
  }

  run(sql: string, params: (SqlValue | Buffer)[] = []): Promise<void> {
    return new Promise((resolve, reject) =>
      nativeRun.call(this.raw, sql, params, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  }

  all<T = Record<string, SqlValue>>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      nativeAll.call(this.raw, sql, params, (err: Error | null, rows: unknown[]) =>
        err ? reject(err) : resolve(rows as T[]),
      ),
    );
  }

  async get<T = Record<string, SqlValue>>(
    sql: string,
    params: SqlValue[] = [],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      nativeExec.call(this.raw, sql, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

/** Rows per statement: enough to amortise a statement, small enough to overlap with the JS thread. */
const ROWS_PER_STATEMENT = 500;

const sqlCache = new Map<string, string>();

/**
 * `INSERT INTO table (...) SELECT ... ` over a batch of packed rows (see
 * packedRows.ts: one statement, three bound values, whatever the batch size).
 * With `upsertKey`, `ON CONFLICT (key) DO UPDATE` overwrites the other columns.
 */
export function packedInsertSql(table: string, columns: readonly string[], upsertKey = 0): string {
  const cacheKey = `${table}|${upsertKey}`;
  let sql = sqlCache.get(cacheKey);
  if (sql !== undefined) return sql;
  // `WHERE true` lets the parser tell the upsert clause from a join constraint.
  sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ${packedSelect(columns.length)} WHERE true`;
  if (upsertKey > 0) {
    const key = columns
      .slice(0, upsertKey)
      .map((c) => `"${c}"`)
      .join(', ');
    const rest = columns.slice(upsertKey);
    sql +=
      rest.length === 0
        ? ` ON CONFLICT (${key}) DO NOTHING`
        : ` ON CONFLICT (${key}) DO UPDATE SET ${rest.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`;
  }
  sqlCache.set(cacheKey, sql);
  return sql;
}

/** Writes rows in batches; returns the statements' promises (already queued, in order). */
export function writeRows(
  conn: Connection,
  table: string,
  columns: readonly string[],
  rows: Row[],
  upsertKey = 0,
): Promise<void>[] {
  const sql = packedInsertSql(table, columns, upsertKey);
  const out: Promise<void>[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    out.push(
      conn.runPrepared(
        sql,
        packedParams(
          packRows(rows, columns.length, i, Math.min(rows.length, i + ROWS_PER_STATEMENT)),
        ),
      ),
    );
  }
  return out;
}
