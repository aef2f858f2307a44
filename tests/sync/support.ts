// A real server on its own PostgreSQL database and real desktop stores in temp
// folders, connected with the real sync code: what the desktop sync tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replayText } from '../../shared/engine/replay';
import { importLog } from '../../server/admin/importLog';
import { exportLog } from '../../server/admin/exportLog';
import { createEnrolmentCode } from '../../server/auth/devices';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type RunningServer, startServer } from '../../server/server';
import { openStore, plainCodec, type Store } from '../../main/store';
import { connectStore } from '../../main/sync/connect';
import { FileTokenVault } from '../../main/sync/tokenVault';
import { SyncClient } from '../../main/sync/client';
import { SyncSession } from '../../main/sync/syncSession';
import { generatedLog } from '../server/fixtures';
import { type TestDatabase, createTestDatabase } from '../server/pgTestDatabase';

export interface World {
  db: TestDatabase;
  server: RunningServer;
  /** the server's clock (epoch ms): tests move it */
  clock: { now: number };
  districts: string[];
  close(): Promise<void>;
}

export async function startWorld(startAt: string): Promise<World> {
  const db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, generatedLog());
  await setup.close();
  const clock = { now: Date.parse(startAt) };
  const server = await startServer({ database: { url: db.url }, clock: () => clock.now });
  const engine = server.sequencer.state;
  const districts = [...new Set([...engine.schools.values()].map((s) => s.districtId))].sort();
  return {
    db,
    server,
    clock,
    districts,
    async close() {
      const closing = server.close();
      // Fastify waits for open keep-alive sockets of the desktops' fetch; end them.
      server.app.server.closeAllConnections();
      await closing;
      await db.drop();
    },
  };
}

export interface Desktop {
  dir: string;
  store: Store;
  session: SyncSession;
  vault: FileTokenVault;
  districtId: string;
  reopen(): Promise<Desktop>;
  close(): Promise<void>;
}

/** A fresh store, connected to the server with a one-time code for `district`, not yet synced. */
export async function newDesktop(world: World, district: string, name = 'desk'): Promise<Desktop> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-sync-'));
  const store = await openStore({ file: path.join(dir, 'district.sqlite') });
  const vault = new FileTokenVault(path.join(dir, 'sync'), plainCodec);
  const code = await createEnrolmentCode(world.server.db, district, name);
  await connectStore(store, vault, { serverUrl: world.server.url, code, deviceName: name });
  return desktopOn(world.server.url, dir, store, vault, district);
}

function desktopOn(
  url: string,
  dir: string,
  store: Store,
  vault: FileTokenVault,
  districtId: string,
): Desktop {
  const session = new SyncSession(store, new SyncClient(url, vault.load()), {
    minBackoffMs: 50,
    maxBackoffMs: 200,
  });
  return {
    dir,
    store,
    vault,
    districtId,
    session,
    async reopen() {
      await session.stop();
      await store.close();
      const again = await openStore({ file: path.join(dir, 'district.sqlite') });
      return desktopOn(url, dir, again, vault, districtId);
    },
    async close() {
      await session.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server's log as exported (FORMATS.md lines). */
export async function serverLog(world: World): Promise<string[]> {
  let text = '';
  await exportLog(world.server.db, (c) => {
    text += c;
  });
  return text.split('\n').filter((l) => l !== '');
}

/** `kabyl replay` of lines: the placements a log gives. */
export function replayLines(lines: string[]): ReturnType<typeof replayText> {
  return replayText(lines.join('\n'));
}

/** The district's view of the server's log: every page a fresh pull with this token gets. */
export async function districtLines(url: string, token: string): Promise<string[]> {
  const client = new SyncClient(url, token);
  const lines: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await client.pull(cursor, 0, undefined, 5000);
    lines.push(...page.lines);
    cursor = page.cursor;
    if (!page.more) return lines;
  }
}
