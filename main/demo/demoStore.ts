// The demo district's store, built on first start from the generator: one Bishkek
// district partway through stage 2, marked DEMO, with one user per role. It is
// built into a temp file and renamed into place, so an interrupted first start
// never leaves half a demo; a real district's file is never touched.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LogEvent } from '../../shared/log/events';
import { hashPassword } from '../auth/password';
import { openStore } from '../store';
import { SETTING } from '../services/settings';
import { demoLog, DEMO, type DemoSource } from './demoLog';

export type { DemoSource } from './demoLog';

export const DEMO_FILE = 'demo.sqlite';
const BUILDING = `${DEMO_FILE}.building-`;
const BATCH = 5000;

/** The demo users listed in the README: username, password, role. */
export const DEMO_USERS = [
  {
    username: 'officer',
    password: 'kabyl-officer',
    displayName: 'Айгүл Токтогулова',
    role: 'district',
  },
  {
    username: 'commission',
    password: 'kabyl-commission',
    displayName: 'Бакыт Жумабеков',
    role: 'commission',
  },
  {
    username: 'director',
    password: 'kabyl-director',
    displayName: 'Нургүл Осмонова',
    role: 'director',
  },
] as const;

/** Returns the demo store's path, building it first if it does not exist. */
export async function ensureDemoStore(
  dataDir: string,
  source: () => DemoSource = demoLog,
): Promise<string> {
  const file = path.join(dataDir, DEMO_FILE);
  if (existsSync(file)) return file;
  await mkdir(dataDir, { recursive: true });
  await removeLeftovers(dataDir);
  const tmp = path.join(dataDir, `${BUILDING}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await buildDemo(tmp, source());
    // The store closed cleanly, so its WAL was checkpointed into the main file.
    await Promise.all(['-wal', '-shm'].map((x) => rm(tmp + x, { force: true })));
    await rename(tmp, file);
  } catch (e) {
    await Promise.all(['', '-wal', '-shm', '-journal'].map((x) => rm(tmp + x, { force: true })));
    throw e;
  }
  return file;
}

async function buildDemo(file: string, source: DemoSource): Promise<void> {
  const store = await openStore({ file });
  try {
    let batch: LogEvent[] = [];
    let firstSchool: string | null = null;
    for (const event of source.events) {
      if (
        firstSchool === null &&
        event.type === 'school.registered' &&
        (event.data.kind === 'state' || event.data.kind === 'municipal')
      ) {
        firstSchool = event.data.schoolId;
      }
      batch.push(event);
      if (batch.length === BATCH) {
        await store.append(batch);
        batch = [];
      }
    }
    if (batch.length) await store.append(batch);
    if (firstSchool === null) throw new Error('the demo log has no state or municipal school');

    await store.settings.set(SETTING.kind, 'demo');
    await store.settings.set(SETTING.districtName, source.districtName);
    await store.settings.set(SETTING.frozenAt, source.until);
    const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
    for (const [i, u] of DEMO_USERS.entries()) {
      await store.users.create({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        schoolId: u.role === 'director' ? firstSchool : null,
        passwordHash: hashes[i],
      });
    }
    await store.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
}

/** Temp files of a first start that was killed midway. */
async function removeLeftovers(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(BUILDING))
      .map((n) => rm(path.join(dataDir, n), { force: true })),
  );
}

export { DEMO };
