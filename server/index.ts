// `npm run server`: the central server, on PGlite in its data folder unless DATABASE_URL names a PostgreSQL.
import pino from 'pino';
import path from 'node:path';
import { defaultDataDir, readConfig } from './config';
import { readPortalConfig } from './portal/config';
import { folderTransport, smtpTransport } from './portal/mail/transports';
import { ResilientRegistry } from './portal/registry/resilient';
import { SimulatedRegistry } from './portal/registry/simulator';
import { limitsFromEnv } from './intake/admission';
import { SignedParentTokens } from './intake/parentAuth';
import { formatInstant } from './sequencer/clock';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const testHook = process.env.KABYL_SERVER_TEST_PAUSE_IN_COMMIT_MS;
  const dataDir = path.resolve(process.env.KABYL_SERVER_DATA_DIR || defaultDataDir());
  const pc = readPortalConfig(dataDir);
  const mail = pc.smtpUrl
    ? smtpTransport(pc.smtpUrl, pc.mailFrom ?? undefined)
    : folderTransport(pc.mailDir, pc.mailFrom ?? undefined);
  // The registry simulator: Tunduk cannot be reached from here (docs/portal.md, "The state registry").
  const simulator = SimulatedRegistry.fromGenerator(pc.registrySeed);
  const server = await startServer({
    database: config.database,
    host: config.host,
    port: config.port,
    clockStart: config.clockStart,
    updatesDir: config.updatesDir,
    logger,
    sequencer: testHook ? { inTransaction: pauseInCommit(Number(testHook)) } : undefined,
    portal: {
      registry: new ResilientRegistry(simulator),
      mail,
      uploadsDir: pc.uploadsDir,
      publicUrl: pc.publicUrl,
      rateLimitPerMinute: pc.rateLimitPerMinute,
    },
    // Pre-issued signed parent tokens stand in for the portal's sessions (docs/opening-day.md).
    parentAuth: process.env.KABYL_PARENT_TOKEN_SECRET
      ? new SignedParentTokens(process.env.KABYL_PARENT_TOKEN_SECRET)
      : undefined,
    admission: limitsFromEnv(),
    digestFile: config.digestFile,
    publishIntervalMs: config.publishIntervalMs,
  });
  const db = config.database;
  const where =
    'url' in db
      ? 'PostgreSQL (DATABASE_URL)'
      : 'dataDir' in db
        ? `PGlite in ${db.dataDir}`
        : 'PGlite in memory';
  const head = server.sequencer.headSeq;
  process.stdout.write(
    `Kabyl server listening on ${server.url} (database: ${where}, head seq ${head})\n`,
  );
  process.stdout.write(
    `Parents' portal API at ${server.url}/portal/api/v1; mail: ${mail.description}; ` +
      `state registry: simulator (${simulator.size} children)\n`,
  );
  if (config.clockStart !== null) {
    const start = formatInstant(config.clockStart);
    process.stdout.write(
      `The server clock was set to start at ${start} (KABYL_SERVER_CLOCK_START)\n`,
    );
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Crash-test hook: inside each batch's open transaction, after its rows are
 * written and before COMMIT, say so on stderr and wait, so a test can kill -9
 * the process provably in the middle of a write (tests/server/crash.test.ts).
 */
function pauseInCommit(ms: number) {
  return async (rows: readonly { seq: number }[]) => {
    if (rows.length === 0) return;
    process.stderr.write(
      `TEST-HOOK in-transaction seq ${rows[0].seq}..${rows[rows.length - 1].seq}\n`,
    );
    await new Promise((r) => setTimeout(r, ms));
  };
}

main().catch((e) => {
  process.stderr.write(`kabyl server: ${(e as Error).message}\n`);
  process.exit(1);
});
