// The desktop side of sync against a real server on a real PostgreSQL database
// (one per test file) and real SQLite stores in temp folders: connect, push and
// pull, rebase of a pending suffix, a refused pending event becoming a
// conflict, pending events surviving a restart, idempotent re-push, and the
// offline-before-the-deadline policy (docs/sync.md, "The desktop").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_DOCUMENTS, type LogEvent } from '../../shared/log/events';
import { Engine } from '../../shared/engine/engine';
import { parseEventLine } from '../../shared/log/parseLine';
import { SyncClient } from '../../main/sync/client';
import { ConnectError, connectStore } from '../../main/sync/connect';
import { pin, push } from '../server/fixtures';
import { createEnrolmentCode } from '../../server/auth/devices';
import {
  type Desktop,
  type World,
  districtLines,
  newDesktop,
  replayLines,
  serverLog,
  startWorld,
} from './support';

// Stage 2, inside the documents window (2026-08-01 .. 2026-09-15).
const START = '2026-08-05T10:00:00+06:00';
let world: World;
let district: string;
let school: string;
let language: string;
let registered: string[];
const desktops: Desktop[] = [];
let serial = 90_000;

beforeAll(async () => {
  world = await startWorld(START);
  district = world.districts[0];
  const engine = world.server.sequencer.state;
  const stream = [...engine.streams.values()].find((s) => {
    const sc = engine.schools.get(s.schoolId)!;
    return sc.districtId === district && ['state', 'municipal'].includes(sc.kind);
  })!;
  school = stream.schoolId;
  language = stream.language;
  registered = [...engine.applications.values()]
    .filter(
      (a) =>
        a.status === 'registered' &&
        a.privilege !== 'pending' &&
        engine.schools.get(a.schoolId!)?.districtId === district,
    )
    .map((a) => a.id);
  expect(registered.length).toBeGreaterThan(6);
});

afterAll(async () => {
  for (const d of desktops) await d.close().catch(() => undefined);
  await world?.close();
});

async function desktop(name: string): Promise<Desktop> {
  const d = await newDesktop(world, district, name);
  desktops.push(d);
  await d.session.syncOnce();
  return d;
}

const at = (offsetMin = 0) =>
  new Date(world.clock.now + offsetMin * 60_000 + 6 * 3600_000).toISOString().slice(0, 23) +
  '+06:00';
let n = 0;
const ev = (type: string, data: Record<string, unknown>, when = at()): LogEvent =>
  ({
    id: `desk-${process.pid}-${++n}`,
    type,
    at: when,
    actor: { role: 'district', id: 'officer-1' },
    data,
  }) as LogEvent;
const quota = (seats: number) => ev('quota.set', { schoolId: school, language, seats });
const documents = (applicationId: string, when?: string) =>
  ev('documents.received', { applicationId, items: [...REQUIRED_DOCUMENTS] }, when);
const submission = () => {
  const id = `APP-D-${process.pid}-${++serial}`;
  return ev('application.submitted', {
    applicationId: id,
    child: { pin: pin(serial), lastName: 'Асанов', firstName: 'Бакыт', citizenship: 'KG' },
    guardian: { pin: pin(serial, '01011990'), email: 'g@example.kg', phone: '+996555000000' },
    schoolId: school,
    language,
    registeredAddress: 'X-1',
  });
};

/** The projections equal a fresh replay of the stored log, which is server prefix + pending. */
async function expectConsistent(d: Desktop): Promise<void> {
  const v = await d.store.verifyProjections();
  expect(v.mismatches).toEqual([]);
}

/** What the local log holds, split into the server's prefix and the pending suffix. */
async function localLog(d: Desktop): Promise<{ prefix: string[]; pending: string[] }> {
  const state = (await d.store.sync.state())!;
  const rows = await d.store.dataSource.query('SELECT seq, id FROM event ORDER BY seq');
  return {
    prefix: rows
      .filter((r: { seq: number }) => r.seq <= state.prefixSeq)
      .map((r: { id: string }) => r.id),
    pending: rows
      .filter((r: { seq: number }) => r.seq > state.prefixSeq)
      .map((r: { id: string }) => r.id),
  };
}

async function stream(d: Desktop) {
  return (await d.store.streams(school)).find((s) => s.language === language)!;
}

describe('connect', () => {
  it('enrols with a one-time code, keeps the token out of the store, and pulls the whole log', async () => {
    const d = await desktop('first');
    const server = await districtLines(world.server.url, d.vault.load()!);
    const { prefix, pending } = await localLog(d);
    expect(prefix).toEqual(server.map((l) => JSON.parse(l).id));
    expect(pending).toEqual([]);
    expect(JSON.stringify(replayLines(server))).toBe(
      JSON.stringify(
        replayLines(
          (await d.store.dataSource.query('SELECT body FROM event ORDER BY seq')).map(
            (r: { body: string }) => r.body,
          ),
        ),
      ),
    );
    const token = d.vault.load()!;
    expect(token).toMatch(/^kbt_/);
    const dump = JSON.stringify(await d.store.dataSource.query('SELECT * FROM sync_state'));
    expect(dump).not.toContain(token);
    await expectConsistent(d);
  });

  it('refuses a used code, a store that already holds a log, and a server that is not there', async () => {
    const d = desktops[0];
    const code = await createEnrolmentCode(world.server.db, district, 'again');
    await expect(
      connectStore(d.store, d.vault, { serverUrl: world.server.url, code, deviceName: 'x' }),
    ).rejects.toMatchObject({
      code: 'already_connected',
    });
    const other = await newDesktop(world, district, 'spare');
    desktops.push(other);
    const used = await createEnrolmentCode(world.server.db, district, 'used');
    await new SyncClient(world.server.url, null).enrol(used, 'someone');
    const fresh = await (
      await import('../../main/store')
    ).openStore({ file: `${other.dir}/second.sqlite` });
    try {
      await expect(
        connectStore(fresh, other.vault, {
          serverUrl: world.server.url,
          code: used,
          deviceName: 'x',
        }),
      ).rejects.toMatchObject({
        code: 'bad_code',
      });
      await expect(
        connectStore(fresh, other.vault, {
          serverUrl: 'http://127.0.0.1:9',
          code: used,
          deviceName: 'x',
        }),
      ).rejects.toBeInstanceOf(ConnectError);
      await expect(
        connectStore(fresh, other.vault, { serverUrl: 'ftp://x', code: used, deviceName: 'x' }),
      ).rejects.toMatchObject({
        code: 'bad_url',
      });
    } finally {
      await fresh.close();
    }
  });
});

describe('push and pull', () => {
  it('a local decision is pending at once, in the projections, and confirmed by the next sync', async () => {
    const d = desktops[0];
    const before = await stream(d);
    const q = quota(before.quota + 3);
    await d.store.append([q]);
    expect((await d.store.sync.pending()).map((p) => p.id)).toEqual([q.id]);
    expect((await stream(d)).quota).toBe(before.quota + 3);
    await expectConsistent(d);
    await d.session.syncOnce();
    expect(await d.store.sync.pendingCount()).toBe(0);
    const server = await serverLog(world);
    const stored = server.map((l) => JSON.parse(l));
    const mine = stored.find((e) => e.id === q.id);
    expect(mine.clientAt).toBe(q.at);
    expect((await localLog(d)).prefix).toEqual(
      (await districtLines(world.server.url, d.vault.load()!)).map((l) => JSON.parse(l).id),
    );
    expect((await stream(d)).quota).toBe(before.quota + 3);
    await expectConsistent(d);
  });

  it('re-pushing an unchanged queue after a lost answer records nothing twice', async () => {
    const d = desktops[0];
    const e = submission();
    await d.store.append([e]);
    // The answer is "lost": the server judged it, the desktop never heard.
    const token = d.vault.load()!;
    const first = await push(world.server.url, token, [
      JSON.parse((await d.store.sync.pending())[0].body),
    ]);
    expect(first.body.outcomes[0].status).toBe('accepted');
    const head = world.server.sequencer.headSeq;
    await d.session.syncOnce();
    expect(world.server.sequencer.headSeq).toBe(head);
    const ids = (await serverLog(world)).map((l) => JSON.parse(l).id);
    expect(ids.filter((id) => id === e.id)).toHaveLength(1);
    expect(await d.store.sync.pendingCount()).toBe(0);
    await expectConsistent(d);
  });
});

describe('rebase', () => {
  it('server events go under a pending suffix, which is folded again on top; only the suffix is rewound', async () => {
    const a = desktops[0];
    const b = await desktop('second');
    const base = await stream(a);
    // A decides offline; meanwhile B's decisions reach the server first.
    const mine = quota(base.quota + 10);
    await a.store.append([mine]);
    const theirs = [submission(), submission()];
    await b.store.append(theirs);
    await b.session.syncOnce();
    const prefixBefore = (await a.store.sync.state())!.prefixSeq;
    // Pull only (as the loop does when a push fails): the rebase alone.
    const page = await new SyncClient(world.server.url, a.vault.load()).pull(
      (await a.store.sync.state())!.cursor,
      0,
    );
    const r = await a.store.sync.rebase({
      pulled: page.lines,
      refused: [],
      cursor: page.cursor,
      now: new Date().toISOString(),
    });
    expect(r).toMatchObject({ pulled: 2, confirmed: 0, conflicts: 0, pending: 1, rewound: true });
    const { prefix, pending } = await localLog(a);
    expect(prefix.slice(prefixBefore)).toEqual(theirs.map((e) => e.id));
    expect(pending).toEqual([mine.id]);
    // projections == replay(server prefix + pending)
    const server = await districtLines(world.server.url, a.vault.load()!);
    const expected = new Engine();
    for (const [i, line] of server.entries()) expected.ingest(parseEventLine(line, i + 1));
    expected.ingest({ ...mine, at: expected.lastAt! > mine.at ? expected.lastAt! : mine.at });
    const s = await stream(a);
    const es = expected.stream(school, language)!;
    expect([s.quota, s.occupied]).toEqual([es.quota, es.occupied]);
    expect((await a.store.applications({ search: '', limit: 1000 })).total).toBe(
      expected.applications.size,
    );
    await expectConsistent(a);
    await a.session.syncOnce();
    expect(await a.store.sync.pendingCount()).toBe(0);
    expect((await localLog(a)).prefix).toEqual(
      (await districtLines(world.server.url, a.vault.load()!)).map((l) => JSON.parse(l).id),
    );
    await expectConsistent(a);
  });

  it('with nothing pending, pulled events are appended in place (no rewind)', async () => {
    const a = desktops[0];
    const b = desktops.find((d) => d !== a && desktops.indexOf(d) > 1)!;
    await b.store.append([submission()]);
    await b.session.syncOnce();
    const page = await new SyncClient(world.server.url, a.vault.load()).pull(
      (await a.store.sync.state())!.cursor,
      0,
    );
    const r = await a.store.sync.rebase({
      pulled: page.lines,
      refused: [],
      cursor: page.cursor,
      now: new Date().toISOString(),
    });
    expect(r).toMatchObject({ pulled: 1, rewound: false, pending: 0 });
    await expectConsistent(a);
  });
});

describe('conflicts', () => {
  it('a pending event the server refuses is listed with what, who and why, and undone locally', async () => {
    const a = desktops[0];
    const b = desktops.find((d) => d !== a && desktops.indexOf(d) > 1)!;
    await b.session.syncOnce();
    const child = registered[0];
    // The director marks documents offline; a second earlier the parent's withdrawal reached the server.
    const docs = documents(child);
    await a.store.append([docs]);
    expect((await a.store.application(child))!.application.status).toBe('documents_received');
    const withdrawal = ev('application.withdrawn', { applicationId: child });
    await b.store.append([withdrawal]);
    await b.session.syncOnce();
    await a.session.syncOnce();
    expect(await a.store.sync.pendingCount()).toBe(0);
    const conflicts = await a.store.sync.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      id: docs.id,
      type: 'documents.received',
      actorRole: 'district',
      actorId: 'officer-1',
      subjectId: child,
      reason: 'not_active',
      recordedAt: docs.at,
      seenAt: null,
    });
    expect((await a.store.application(child))!.application.status).toBe('withdrawn');
    expect((await serverLog(world)).some((l) => JSON.parse(l).id === docs.id)).toBe(false);
    await expectConsistent(a);
    expect(await a.store.sync.unseenConflicts()).toBe(1);
    await a.store.sync.markSeen([docs.id], new Date().toISOString());
    expect(await a.store.sync.unseenConflicts()).toBe(0);
    expect(await a.store.sync.conflicts()).toHaveLength(1);
  });

  it('an event the server will not judge at all (another district) is a conflict too, and the rest goes on', async () => {
    const a = desktops[0];
    const engine = world.server.sequencer.state;
    const foreign = [...engine.schools.values()].find((s) => s.districtId !== district)!;
    const bad = ev('quota.set', { schoolId: foreign.id, language: 'ky', seats: 5 });
    const good = quota((await stream(a)).quota + 1);
    // Locally the store has every school today (the district filter is the server's next step).
    await a.store.append([bad]);
    await a.store.append([good]);
    await a.session.syncOnce();
    expect(await a.store.sync.pendingCount()).toBe(0);
    const c = (await a.store.sync.conflicts()).find((x) => x.id === bad.id)!;
    expect(c.reason).toBe('forbidden_district');
    expect(c.message).toMatch(/district/);
    expect((await serverLog(world)).some((l) => JSON.parse(l).id === good.id)).toBe(true);
    await expectConsistent(a);
  });
});

describe('restart', () => {
  it('pending events survive closing the store and are pushed after reopening', async () => {
    let a = desktops[0];
    const e = quota((await stream(a)).quota + 2);
    await a.store.append([e]);
    a = await a.reopen();
    desktops[0] = a;
    expect((await a.store.sync.pending()).map((p) => p.id)).toEqual([e.id]);
    // The rebase after a restart has no engine copy in memory: it comes from the log.
    const b = desktops.find((d) => d !== a && desktops.indexOf(d) > 1)!;
    await b.store.append([submission()]);
    await b.session.syncOnce();
    await a.session.syncOnce();
    expect(await a.store.sync.pendingCount()).toBe(0);
    expect((await serverLog(world)).some((l) => JSON.parse(l).id === e.id)).toBe(true);
    await expectConsistent(a);
  });
});

describe('an offline decision near a deadline (docs/sync.md)', () => {
  it('documents marked offline before the deadline and pushed after it are refused and listed for the commission', async () => {
    const a = desktops[0];
    await a.session.syncOnce();
    const child = registered[1];
    // The device's clock says 2026-09-14, a day before the documents deadline.
    world.clock.now = Date.parse('2026-09-14T12:00:00+06:00');
    const docs = documents(child, at());
    await a.store.append([docs]);
    expect(await a.store.sync.pendingCount()).toBe(1);
    // It reaches the server two days later, after the deadline.
    world.clock.now = Date.parse('2026-09-16T09:00:00+06:00');
    await a.session.syncOnce();
    const c = (await a.store.sync.conflicts()).find((x) => x.id === docs.id)!;
    expect(c).toMatchObject({ reason: 'outside_window', recordedAt: docs.at });
    expect(c.recordedAt < '2026-09-15T00:00:00').toBe(true);
    expect((await a.store.application(child))!.application.status).toBe('registered');
    await expectConsistent(a);
  });
});

describe('the sync loop', () => {
  it('backs off while the server is unreachable, says since when, and pushes once it is back', async () => {
    const a = desktops[0];
    const { SyncSession } = await import('../../main/sync/syncSession');
    // A session pointed at a port nothing listens on: offline.
    const dead = new SyncSession(a.store, new SyncClient('http://127.0.0.1:9', a.vault.load()), {
      minBackoffMs: 20,
      maxBackoffMs: 50,
    });
    await a.store.append([quota((await stream(a)).quota + 1)]);
    dead.start();
    await waitFor(async () => (await dead.status()).offlineSince !== null);
    expect(await dead.status()).toMatchObject({ connected: true, online: false, pending: 1 });
    await dead.stop();
    a.session.start();
    await waitFor(async () => (await a.store.sync.pendingCount()) === 0);
    expect(await a.session.status()).toMatchObject({
      online: true,
      pending: 0,
      offlineSince: null,
    });
    // Live: another desktop's decision arrives through the long-poll without asking.
    const b = desktops.find((d) => d !== a && desktops.indexOf(d) > 1)!;
    // (Stage 2 is over on the server's clock by now: a quota, not a submission.)
    const e = quota((await stream(a)).quota + 4);
    await b.store.append([e]);
    await b.session.syncOnce();
    expect((await b.store.sync.conflicts()).map((c) => c.id)).not.toContain(e.id);
    await waitFor(async () => (await stream(a)).quota === (e.data as { seats: number }).seats);
    await a.session.stop();
    await expectConsistent(a);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
