// The demo district every spec without a private harness shares (the first
// webServer of playwright.config.ts) must stay as it started: those specs read it
// in any order. A spec that writes (imports, decisions, quotas, a moved clock)
// starts its own harness (privateHarness.ts). The global setup records the shared
// demo's log head and the teardown fails the run if any spec changed it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';

/** The shared demo's store file, given the run's data dir. */
export function sharedDemoFile(dataDir: string): string {
  return path.join(dataDir, 'demo', 'demo.sqlite');
}

/** `seq:hash` of the log's last event, read without writing (WAL readers never block the harness). */
export function logHead(file: string): Promise<string | null> {
  if (!existsSync(file)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.get(
        'SELECT seq, hash FROM log_head',
        (err, row: { seq: number; hash: string } | undefined) => {
          db.close();
          if (err) reject(err);
          else resolve(row ? `${row.seq}:${row.hash}` : null);
        },
      );
    });
  });
}
