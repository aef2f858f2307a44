// The server's settings, all from the environment (README "Central server").
import os from 'node:os';
import path from 'node:path';
import { parseInstant } from '../shared/log/instant';
import type { DatabaseTarget } from './db/database';

export interface ServerConfig {
  database: DatabaseTarget;
  host: string;
  port: number;
  /** KABYL_SERVER_CLOCK_START: the server clock starts at this instant (demos and tests only) */
  clockStart: number | null;
  /** KABYL_UPDATES_DIR: the folder served at /updates/ (electron-updater's generic feed) */
  updatesDir: string | null;
  /** KABYL_PUBLISH_DIGEST: the append-only file of published chain heads */
  digestFile: string;
  /** KABYL_PUBLISH_INTERVAL_S: seconds between two published heads (default 300) */
  publishIntervalMs: number;
}

export function defaultDataDir(): string {
  return path.join(os.homedir(), '.local', 'share', 'kabyl-server');
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT=${env.PORT} is not a port number`);
  let clockStart: number | null = null;
  if (env.KABYL_SERVER_CLOCK_START) {
    clockStart = parseInstant(env.KABYL_SERVER_CLOCK_START);
    if (Number.isNaN(clockStart)) {
      throw new Error(
        `KABYL_SERVER_CLOCK_START=${env.KABYL_SERVER_CLOCK_START} is not an instant with an offset`,
      );
    }
  }
  const interval = env.KABYL_PUBLISH_INTERVAL_S ? Number(env.KABYL_PUBLISH_INTERVAL_S) : 300;
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new Error(
      `KABYL_PUBLISH_INTERVAL_S=${env.KABYL_PUBLISH_INTERVAL_S} is not a positive number of seconds`,
    );
  }
  return {
    digestFile: path.resolve(
      env.KABYL_PUBLISH_DIGEST ||
        path.join(env.KABYL_SERVER_DATA_DIR || defaultDataDir(), 'published-heads.jsonl'),
    ),
    publishIntervalMs: interval * 1000,
    database: env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : { dataDir: path.resolve(env.KABYL_SERVER_DATA_DIR || defaultDataDir(), 'pglite') },
    host: env.HOST || '127.0.0.1',
    port,
    clockStart,
    updatesDir: env.KABYL_UPDATES_DIR ? path.resolve(env.KABYL_UPDATES_DIR) : null,
  };
}
