// Bench helper (bundled by benchStart.mjs): import a log into a fresh
// real-district store with one officer.
import { hashPassword } from '../../main/auth/password';
import { openStore } from '../../main/store';
import { SETTING } from '../../main/services/settings';

async function prepare(dbFile: string, logFile: string): Promise<void> {
  const store = await openStore({ file: dbFile });
  try {
    const r = await store.importFile(logFile);
    await store.settings.set(SETTING.kind, 'real');
    await store.settings.set(SETTING.districtName, 'Republic (benchmark)');
    await store.users.create({
      username: 'officer',
      displayName: 'Bench Officer',
      role: 'district',
      schoolId: null,
      passwordHash: await hashPassword('bench-officer'),
    });
    const counts = await store.statusCounts();
    console.log(
      JSON.stringify({
        events: r.eventsAdded,
        applications: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
      }),
    );
  } finally {
    await store.close();
  }
}

const [, , command, a, b] = process.argv;
if (command !== 'prepare')
  throw new Error(`usage: bench-prepare prepare DB_FILE LOG_FILE (got ${command})`);
prepare(a, b).catch((e) => {
  console.error(e);
  process.exit(1);
});
