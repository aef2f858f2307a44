// A read-only sqlite3 handle for the what-if workers: raw sqlite3 rather than
// TypeORM, so a worker reads the log in large pages without an ORM in between.
import sqlite3 from 'sqlite3';

export class ReadOnly {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(file: string): Promise<ReadOnly> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) =>
        e ? reject(e) : resolve(new ReadOnly(db)),
      );
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
    );
  }

  run(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, (e) => (e ? reject(e) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.db.close(() => resolve()));
  }
}
