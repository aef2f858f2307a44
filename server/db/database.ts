// One interface over the two PostgreSQL back ends: a real server through
// node-postgres (DATABASE_URL), or PGlite, real PostgreSQL compiled to WASM,
// in a data folder when no server is given. The code above this file writes
// plain PostgreSQL and never knows which one it runs on.
import { mkdirSync } from 'node:fs';
import pg from 'pg';

// seq and counts are bigint in the schema and well inside 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements without parameters (a migration). */
  exec(text: string): Promise<void>;
}

/** The sequencer's connection: the only one that appends to the log. */
export interface Writer extends Sql {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * A connection for the single writer. On PostgreSQL it holds a session
   * advisory lock, so a second server (or an admin command that appends) on
   * the same database is refused instead of interleaving seqs; the lock goes
   * with the session, so a killed server never leaves it behind.
   */
  openWriter(): Promise<Writer>;
  close(): Promise<void>;
}

/** The advisory lock key of the log's single writer ("kabyl" + issue 9). */
const WRITER_LOCK = 0x6b61_6209;

export class WriterBusy extends Error {
  constructor() {
    super('another process is writing to this log (a running server?): stop it first');
  }
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) return new PostgresDatabase(target.url);
  const { PGlite } = await import('@electric-sql/pglite');
  let db;
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    db = await PGlite.create(target.dataDir);
  } else {
    db = await PGlite.create();
  }
  return new PgliteDatabase(db);
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;

  constructor(
    url: string,
    private readonly lockWaitMs = 10_000,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<R>(text: string, params?: unknown[]): Promise<R[]> {
    return (await this.pool.query(text, params as unknown[])).rows as R[];
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await inTransaction(client, fn);
    } finally {
      client.release();
    }
  }

  async openWriter(): Promise<Writer> {
    const client = new pg.Client({
      connectionString: (this.pool.options as pg.PoolConfig).connectionString,
    });
    client.on('error', () => undefined);
    await client.connect();
    // A server killed a moment ago may still hold the lock until PostgreSQL notices its
    // connection is gone: wait a little before calling the log busy.
    for (let waited = 0; ; waited += 200) {
      const [row] = (await client.query('SELECT pg_try_advisory_lock($1) AS ok', [WRITER_LOCK]))
        .rows;
      if (row.ok) break;
      if (waited >= this.lockWaitMs) {
        await client.end();
        throw new WriterBusy();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      ...clientSql(client),
      transaction: (fn) => inTransaction(client, fn),
      release: () => client.end(),
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function inTransaction<T>(client: pg.ClientBase, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const tx = clientSql(client);
  await client.query('BEGIN');
  try {
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function clientSql(client: pg.ClientBase): Sql {
  return {
    query: async <R>(text: string, params?: unknown[]) =>
      (await client.query(text, params)).rows as R[],
    exec: async (text: string) => {
      await client.query(text);
    },
  };
}

type PGliteInstance = import('@electric-sql/pglite').PGlite;

class PgliteDatabase implements Database {
  readonly kind = 'pglite';
  constructor(private readonly db: PGliteInstance) {}

  async query<R>(text: string, params?: unknown[]): Promise<R[]> {
    return (await this.db.query<R>(text, params)).rows;
  }

  async exec(text: string): Promise<void> {
    await this.db.exec(text);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction((t) =>
      fn({
        query: async <R>(text: string, params?: unknown[]) => (await t.query<R>(text, params)).rows,
        exec: async (text: string) => {
          await t.exec(text);
        },
      }),
    );
  }

  /** PGlite is one process's own database: nothing else can write to it while it is open. */
  async openWriter(): Promise<Writer> {
    return {
      query: (t, p) => this.query(t, p),
      exec: (t) => this.exec(t),
      transaction: (fn) => this.transaction(fn),
      release: async () => undefined,
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
