// Starts the central server: database, migrations, the sequencer, HTTP.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Database, type DatabaseTarget, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import type { RateLimits } from './auth/rateLimit';
import { buildApp } from './http/app';
import { Portal, type PortalOptions } from './portal/portal';
import { type Clock, shiftedClock, systemClock } from './sequencer/clock';
import { Sequencer, type SequencerOptions } from './sequencer/sequencer';

export interface StartOptions {
  database: DatabaseTarget;
  host?: string;
  port?: number;
  clock?: Clock;
  clockStart?: number | null;
  logger?: Logger | boolean;
  sequencer?: Omit<SequencerOptions, 'clock'>;
  rateLimits?: RateLimits;
  /** KABYL_UPDATES_DIR: the desktop's update feed, served at /updates/ */
  updatesDir?: string | null;
  streamKeepAliveMs?: number;
  /** the parents' portal; without it the server speaks only the /v1 sync protocol */
  portal?: Omit<PortalOptions, 'db' | 'sequencer' | 'clock'>;
  /** the built parents' portal to serve at `/` (see buildApp); null serves none */
  portalRoot?: string | null;
}

export interface RunningServer {
  url: string;
  db: Database;
  sequencer: Sequencer;
  app: FastifyInstance;
  portal: Portal | null;
  close(): Promise<void>;
}

export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = await openDatabase(o.database);
  try {
    await migrate(db);
    const clock = o.clock ?? (o.clockStart != null ? shiftedClock(o.clockStart) : undefined);
    const sequencer = await Sequencer.start(db, { ...o.sequencer, clock });
    const portal = o.portal ? new Portal({ ...o.portal, db, sequencer, clock: clock ?? systemClock }) : null;
    const app = buildApp({
      db,
      sequencer,
      logger: o.logger,
      rateLimits: o.rateLimits,
      updatesDir: o.updatesDir,
      streamKeepAliveMs: o.streamKeepAliveMs,
      portal: portal ?? undefined,
      portalRoot: o.portalRoot,
    });
    const address = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 0 });
    const url = address.replace('[::1]', 'localhost');
    if (portal) {
      portal.publicUrl = o.portal?.publicUrl ?? url;
      portal.start();
    }
    return {
      url,
      db,
      sequencer,
      app,
      portal,
      async close() {
        await app.close();
        await portal?.close();
        await sequencer.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
