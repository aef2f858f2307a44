// Bench helper (bundled by benchStart.mjs): generate the republic-sized log if
// asked, or import a log into a fresh real-district store with one officer.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateLog } from '../../shared/generator';
import { hashPassword } from '../../main/auth/password';
import { openStore } from '../../main/store';
import { SETTING } from '../../main/services/settings';

async function generate(out: string): Promise<void> {
  const stream = createWriteStream(out);
  for (const event of generateLog({ seed: 1, districts: 44, schoolsPerDistrict: 50, children: 200_000 })) {
    if (!stream.write(JSON.stringify(event) + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function prepare(dbFile: string, logFile: string): Promise<void> {
  const store = await openStore({ file: dbFile });
  try {
    const r = await store.importFile(logFile);
    await store.settings.set(SETTING.kind, 'real');
    await store.settings.set(SETTING.districtName, 'Republic (benchmark)');
    await store.users.create({ username: 'officer', displayName: 'Bench Officer', role: 'district', schoolId: null, passwordHash: await hashPassword('bench-officer') });
    const counts = await store.statusCounts();
    console.log(JSON.stringify({ events: r.eventsAdded, applications: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0) }));
  } finally {
    await store.close();
  }
}

const [, , command, a, b] = process.argv;
(command === 'generate' ? generate(a) : prepare(a, b)).catch((e) => {
  console.error(e);
  process.exit(1);
});
