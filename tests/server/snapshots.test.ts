// Server snapshots: a restart from the newest snapshot plus the log after it
// gives exactly the state a restart from the whole log gives (engine, outcomes
// of every id, district links and view versions); an unreadable snapshot is
// skipped for the log. Also: the waitlist projections (R16) verify against a
// fresh replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../../shared/log/parseLine';
import { parseInstant } from '../../shared/log/instant';
import { upsertDistricts } from '../../server/admin/districts';
import { verifyServer } from '../../server/admin/verify';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type LogState, loadLog } from '../../server/sequencer/loadLog';
import { Sequencer } from '../../server/sequencer/sequencer';
import { generatedLog } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

let test: TestDatabase;
let db: Database;
let middle = 0;

function comparable(s: LogState) {
  return {
    head: s.head,
    logId: s.logId,
    engine: s.engine.snapshot(),
    clock: [s.engine.clock, s.engine.deadlinePassed, s.engine.waitlistsClosed],
    outcomes: [...s.outcomes].sort(([a], [b]) => a.localeCompare(b)),
    cases: [...s.homes.cases].sort(),
    applications: [...s.homes.applications].sort(),
    links: s.links.snapshot(),
  };
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = await openDatabase({ url: test.url });
  await migrate(db);
  const events = generatedLog({ children: 400, seed: 5, waitlist: true }).map((l) => parseEventLine(l));
  const districts = new Set(events.filter((e) => e.type === 'school.registered').map((e) => e.data.districtId));
  await upsertDistricts(db, [...districts].map((id) => ({ id, name: id })));
  let now = parseInstant('2026-07-12T10:00:00+06:00');
  const sequencer = await Sequencer.start(db, { snapshotEvery: 0, clock: () => now });
  const half = Math.floor(events.length / 2);
  await sequencer.push(events.slice(0, half), { kind: 'admin', keepTime: true });
  await sequencer.takeSnapshot();
  middle = sequencer.headSeq;
  await sequencer.push(events.slice(half), { kind: 'admin', keepTime: true });
  // A refusal after the snapshot moves the clock without an event; then more events.
  const refused = await sequencer.push(
    [{ id: 'r1', type: 'application.withdrawn', at: '2026-07-12T10:00:00+06:00',
      actor: { role: 'parent', id: 'p' }, data: { applicationId: 'no-such-application' } }],
    { kind: 'admin' },
  );
  expect(refused.outcomes[0]).toMatchObject({ status: 'refused', reason: 'application_not_found' });
  now += 3_600_000;
  const app = [...sequencer.state.applications.values()].find((a) => a.status === 'registered')!;
  const r = await sequencer.push(
    [{ id: 'w1', type: 'application.withdrawn', at: '2026-07-12T11:00:00+06:00',
      actor: { role: 'parent', id: 'p' }, data: { applicationId: app.id } }],
    { kind: 'admin' },
  );
  expect(r.outcomes[0].status).toBe('accepted');
  await sequencer.close();
}, 120_000);

afterAll(async () => {
  await db?.close();
  await test?.drop();
});

describe('server snapshots', () => {
  it('a restart from the snapshot equals a restart from the whole log', async () => {
    const fromSnapshot = await loadLog(db);
    const fromLog = await loadLog(db, { useSnapshot: false });
    expect(fromSnapshot.snapshotSeq).toBe(middle);
    expect(fromLog.snapshotSeq).toBe(0);
    expect(middle).toBeGreaterThan(0);
    expect(fromSnapshot.head).toBeGreaterThan(middle);
    expect(comparable(fromSnapshot)).toEqual(comparable(fromLog));
  });

  it('the sequencer restarts from it and goes on with the same outcomes', async () => {
    const s = await Sequencer.start(db, { snapshotEvery: 0 });
    try {
      const again = await s.push(
        [{ id: 'w1', type: 'application.withdrawn', at: '2026-07-12T11:00:00+06:00',
          actor: { role: 'parent', id: 'p' }, data: { applicationId: 'x' } }],
        { kind: 'admin' },
      );
      const [row] = await db.query<{ seq: number }>(`SELECT seq FROM events WHERE event_id = 'w1'`);
      expect(again.outcomes[0]).toEqual({ id: 'w1', status: 'accepted', seq: row.seq });
    } finally {
      await s.close();
    }
  });

  it('an unreadable snapshot is skipped: the restart replays the log', async () => {
    await db.query(`UPDATE snapshots SET body = '{"format":1,' WHERE seq = $1`, [middle]);
    const state = await loadLog(db);
    expect(state.snapshotSeq).toBe(0);
    expect(comparable(state)).toEqual(comparable(await loadLog(db, { useSnapshot: false })));
  });

  it('the stored projections, waitlist places included, equal a fresh replay', async () => {
    const queued = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM applications WHERE waitlist_position IS NOT NULL',
    );
    // The generated stage 2 has families waiting: the check is not vacuous.
    expect(queued[0].n).toBeGreaterThan(0);
    expect((await verifyServer(db)).problems).toEqual([]);
  });
});
