// Starts the central server: database, migrations, the sequencer, HTTP.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Database, type DatabaseTarget, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { buildApp } from './http/app';
import { type Clock, shiftedClock } from './sequencer/clock';
import { Sequencer, type SequencerOptions } from './sequencer/sequencer';

export interface StartOptions {
  database: DatabaseTarget;
  host?: string;
  port?: number;
  clock?: Clock;
  clockStart?: number | null;
  logger?: Logger | boolean;
  sequencer?: Omit<SequencerOptions, 'clock'>;
  /** the built parents' portal to serve at `/` (see buildApp); null serves none */
  portalRoot?: string | null;
}

export interface RunningServer {
  url: string;
  db: Database;
  sequencer: Sequencer;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = await openDatabase(o.database);
  try {
    await migrate(db);
    const clock = o.clock ?? (o.clockStart != null ? shiftedClock(o.clockStart) : undefined);
    const sequencer = await Sequencer.start(db, { ...o.sequencer, clock });
    const app = buildApp({ db, sequencer, logger: o.logger, portalRoot: o.portalRoot });
    const address = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 0 });
    return {
      url: address.replace('[::1]', 'localhost'),
      db,
      sequencer,
      app,
      async close() {
        await app.close();
        await sequencer.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
