// Starts the central server: database, migrations, the sequencer, HTTP.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Database, type DatabaseTarget, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import type { RateLimits } from './auth/rateLimit';
import { buildApp } from './http/app';
import { Portal, type PortalOptions } from './portal/portal';
import { type Clock, shiftedClock, systemClock } from './sequencer/clock';
import type { AdmissionLimits } from './intake/admission';
import { Intake } from './intake/intake';
import type { ParentAuth } from './intake/parentAuth';
import { Publisher, pseudonymKey } from './publish/publisher';
import { publicRoutes } from './publish/routes';
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
  /** turns on POST /v1/intake/applications with this parent authentication */
  parentAuth?: ParentAuth;
  admission?: AdmissionLimits;
  /** the public proof's digest file (docs/opening-day.md); null: the table only */
  digestFile?: string | null;
  /** how often the public chain's head is published, ms (default 5 minutes) */
  publishIntervalMs?: number;
  /** the parents' portal; without it the server speaks only the /v1 sync protocol */
  portal?: Omit<PortalOptions, 'db' | 'sequencer' | 'clock'>;
  /** the built parents' portal to serve at `/` (see buildApp); null serves none */
  portalRoot?: string | null;
}

export interface RunningServer {
  url: string;
  db: Database;
  sequencer: Sequencer;
  intake: Intake | null;
  publisher: Publisher;
  app: FastifyInstance;
  portal: Portal | null;
  close(): Promise<void>;
}

export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = await openDatabase(o.database);
  try {
    await migrate(db);
    const clock = o.clock ?? (o.clockStart != null ? shiftedClock(o.clockStart) : undefined);
    const intake = o.parentAuth ? new Intake(o.admission) : null;
    const publisher = new Publisher(db, await pseudonymKey(db), {
      digestFile: o.digestFile ?? null,
      intervalMs: o.publishIntervalMs,
      clock,
    });
    const observers = [...(o.sequencer?.observers ?? []), publisher, ...(intake ? [intake] : [])];
    const sequencer = await Sequencer.start(db, { ...o.sequencer, clock, observers });
    intake?.attach(sequencer);
    await publisher.start();
    const portal = o.portal
      ? new Portal({ ...o.portal, db, sequencer, clock: clock ?? systemClock })
      : null;
    const app = buildApp({
      db,
      sequencer,
      logger: o.logger,
      intake: intake && o.parentAuth ? { intake, auth: o.parentAuth } : undefined,
      routes: [publicRoutes(db, publisher)],
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
      intake,
      publisher,
      app,
      portal,
      async close() {
        await app.close();
        await portal?.close();
        await publisher.stop();
        await sequencer.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
