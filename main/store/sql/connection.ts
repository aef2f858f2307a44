// A thin promise layer over one raw sqlite3 connection (the one a TypeORM
// DataSource opened). The log writer's hot path uses it directly: multi-row
// statements built here, run without TypeORM's per-query bookkeeping.
import type { Database } from 'sqlite3';
import type { DataSource } from 'typeorm';
import type { Row, SqlValue } from '../projection/tables';

export class Connection {
  constructor(readonly raw: Database) {}

  static of(ds: DataSource): Connection {
    return new Connection((ds.driver as unknown as { databaseConnection: Database }).databaseConnection);
  }

  run(sql: string, params: SqlValue[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.raw.run(sql, params, (err) => (err ? reject(err) : resolve())));
  }

  all<T = Record<string, SqlValue>>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  async get<T = Record<string, SqlValue>>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }
}

/** SQLite's default limit on bound parameters is 32766 (since 3.32); stay well under it. */
const MAX_PARAMS = 16_000;
const MAX_ROWS = 500;

export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
}

const sqlCache = new Map<string, string>();

/**
 * `INSERT INTO table (...) VALUES (...),(...)`; with `upsertKey` an
 * `ON CONFLICT (key) DO UPDATE` that overwrites every other column.
 */
export function multiRowSql(table: string, columns: readonly string[], rows: number, upsertKey = 0): string {
  const cacheKey = `${table}|${rows}|${upsertKey}`;
  let sql = sqlCache.get(cacheKey);
  if (sql !== undefined) return sql;
  const tuple = `(${columns.map(() => '?').join(',')})`;
  sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${new Array(rows).fill(tuple).join(',')}`;
  if (upsertKey > 0) {
    const key = columns.slice(0, upsertKey).map((c) => `"${c}"`).join(',');
    const rest = columns.slice(upsertKey);
    sql += rest.length === 0
      ? ` ON CONFLICT (${key}) DO NOTHING`
      : ` ON CONFLICT (${key}) DO UPDATE SET ${rest.map((c) => `"${c}"=excluded."${c}"`).join(',')}`;
  }
  if (rows === rowsPerStatement(columns.length)) sqlCache.set(cacheKey, sql);
  return sql;
}

/** Writes rows in multi-row statements; returns the statements' promises (already queued, in order). */
export function writeRows(conn: Connection, table: string, columns: readonly string[], rows: Row[], upsertKey = 0): Promise<void>[] {
  const per = rowsPerStatement(columns.length);
  const out: Promise<void>[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: SqlValue[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    out.push(conn.run(multiRowSql(table, columns, chunk.length, upsertKey), params));
  }
  return out;
}
