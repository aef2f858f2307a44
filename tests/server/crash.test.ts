// kill -9 of the server inside a batch's open transaction: no acknowledged
// event is lost, no seq gap, no half batch; after a restart the desktops'
// re-pushes get their true outcomes and the log replays to the projections.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventOutcome } from '../../shared/sync/contract';
import { createEnrolmentCode } from '../../server/auth/devices';
import { importLog } from '../../server/admin/importLog';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { generatedLog, http, pin, push } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';
import { type ServerProcess, spawnServer } from './serverProcess';

const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');
const CLIENTS = 6;
const PER_PUSH = 5;

let test: TestDatabase;
let db: Database;
let district: string, school: string, language: string;

beforeAll(async () => {
  test = await createTestDatabase();
  db = await openDatabase({ url: test.url });
  await migrate(db);
  await importLog(db, generatedLog());
  const [row] = await db.query<{ district_id: string; line: string }>(
    `SELECT district_id, line FROM events WHERE type = 'quota.set' ORDER BY seq LIMIT 1`,
  );
  const data = JSON.parse(row.line).data;
  [district, school, language] = [row.district_id, data.schoolId, data.language];
});

afterAll(async () => {
  await db?.close();
  await test?.drop();
});

function submission(client: number, n: number) {
  const id = `c${client}-e${n}`;
  return {
    id,
    type: 'application.submitted',
    at: '2026-07-15T09:00:00+06:00',
    actor: { role: 'district', id: `officer-${client}` },
    data: {
      applicationId: `APP-${id}`,
      child: {
        pin: pin(client * 10_000 + n),
        lastName: 'Осмонов',
        firstName: 'Нурлан',
        citizenship: 'KG',
      },
      guardian: { pin: pin(n, '01011990'), email: 'p@example.kg', phone: '+996700000000' },
      schoolId: school,
      language,
      registeredAddress: 'Z-9',
    },
  };
}

it('kill -9 mid-batch loses no acknowledged event and leaves no gap or half batch', async () => {
  const env = {
    DATABASE_URL: test.url,
    KABYL_SERVER_CLOCK_START: '2026-07-15T10:00:00+06:00',
    KABYL_SERVER_TEST_PAUSE_IN_COMMIT_MS: '3000',
  };
  const code = await createEnrolmentCode(db, district, 'crash-test');
  let server: ServerProcess = await spawnServer(env);
  const { token } = (await http<{ token: string }>(`${server.url}/v1/enrol`, { body: { code } }))
    .body;
  // Seats for everyone: the quota push is the first batch the hook pauses in.
  const quota = {
    id: 'crash-quota',
    type: 'quota.set',
    at: '2026-07-15T09:00:00+06:00',
    actor: { role: 'district', id: 'officer' },
    data: { schoolId: school, language, seats: 5000 },
  };
  expect((await push(server.url, token, [quota])).body.outcomes[0].status).toBe('accepted');

  const sent = new Map<string, ReturnType<typeof submission>>();
  const acked = new Map<string, EventOutcome>();
  let stop = false;
  const clients = Array.from({ length: CLIENTS }, async (_, c) => {
    for (let n = 0; !stop; n += PER_PUSH) {
      const events = Array.from({ length: PER_PUSH }, (_, k) => submission(c, n + k));
      for (const e of events) sent.set(e.id, e);
      try {
        const r = await push(server.url, token, events);
        for (const o of r.body.outcomes) acked.set(o.id, o);
      } catch {
        return; // the server died under this request: no answer, nothing acknowledged
      }
    }
  });

  // Let a couple of batches commit, then kill inside the next one's open transaction.
  let hook: RegExpMatchArray | null = null;
  // The last hook line printed so far: the batch whose transaction is open now.
  const lastHook = /TEST-HOOK in-transaction seq (\d+)\.\.(\d+)\n(?![^]*TEST-HOOK)/;
  for (let i = 0; i < 3; i++) hook = await server.waitForStderr(lastHook, 30_000);
  const [first, last] = [Number(hook![1]), Number(hook![2])];
  const open = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`,
    [test.name],
  );
  expect(
    open[0].n,
    'the batch transaction is open at the moment of the kill',
  ).toBeGreaterThanOrEqual(1);
  server.child.kill('SIGKILL');
  await server.exited;
  stop = true;
  await Promise.all(clients);

  // What committed: a gapless prefix ending before the killed batch; nothing of the batch.
  const rows = await db.query<{ seq: number; event_id: string }>(
    'SELECT seq, event_id FROM events ORDER BY seq',
  );
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  const head = rows.length;
  expect(head).toBe(first - 1);
  expect(last).toBeGreaterThanOrEqual(first);
  const stored = new Map(rows.map((r) => [r.event_id, r.seq]));
  const refusals = new Set(
    (await db.query<{ event_id: string }>('SELECT event_id FROM refusals')).map((r) => r.event_id),
  );
  expect(acked.size).toBeGreaterThan(0);
  for (const [id, o] of acked) {
    if (o.status === 'accepted') expect(stored.get(id), id).toBe(o.seq);
    else expect(refusals.has(id), id).toBe(true);
  }

  // Restart; every desktop re-pushes all it sent: acknowledged ones keep their outcome.
  server = await spawnServer({ ...env, KABYL_SERVER_TEST_PAUSE_IN_COMMIT_MS: '' });
  const health = await http<{ head: number }>(`${server.url}/v1/health`);
  expect(health.body.head).toBe(head);
  const all = [...sent.values()];
  for (let i = 0; i < all.length; i += 100) {
    const r = await push(server.url, token, all.slice(i, i + 100));
    expect(r.status).toBe(200);
    for (const o of r.body.outcomes) {
      const before = acked.get(o.id);
      if (before) expect(o).toEqual(before);
      expect(o.status).toBe('accepted');
    }
  }
  server.child.kill('SIGTERM');
  await server.exited;

  const after = await db.query<{ seq: number; event_id: string }>(
    'SELECT seq, event_id FROM events ORDER BY seq',
  );
  expect(after.map((r) => r.seq)).toEqual(after.map((_, i) => i + 1));
  const ids = after.map((r) => r.event_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of sent.keys()) expect(ids).toContain(id);
  const verify = execFileSync(process.execPath, [BIN, 'server', 'verify', '--database', test.url], {
    encoding: 'utf8',
  });
  expect(verify).toMatch(/^ok: seq 1\.\.\d+ without gaps/);
});
