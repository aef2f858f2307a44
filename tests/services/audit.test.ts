// The audit through the real dispatcher on a real SQLite district: the log filtered
// by actor, type and Bishkek days, paged; verify on an intact store; and a store
// file tampered with directly (an event body changed, an event row deleted, a
// projection row edited) is caught and the broken seq named.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../shared/log/hashChain';
import { nodeChainHash as chainHash } from '../../main/store/log/nodeHash';
import sqlite3 from 'sqlite3';
import type { Session } from '../../main/auth/session';
import type { Res } from '../../shared/ipc/contract';
import { SETTING } from '../../main/services/settings';
import { districtFixture, sampleLog, type DistrictFixture } from '../ipc/districtFixture';

/** Another process's raw connection to the store file: what someone tampering would use. */
async function tamper(file: string, ...statements: string[]): Promise<void> {
  const db = new sqlite3.Database(file);
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
  try {
    await run('PRAGMA busy_timeout = 10000');
    for (const sql of statements) await run(sql);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

describe('the audit log', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture();
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-07-10T12:00:00+06:00');
    officer = await f.signedIn('officer');
    // One event with an actor of our own: the officer withdraws A2 on a written request.
    const w = await f.call(
      'applications.withdraw',
      { applicationId: 'A2', reference: 'Арыз №1' },
      officer,
    );
    expect(w.ok).toBe(true);
  });
  afterAll(() => f?.close());

  const page = (request: object) => f.must('audit.events', request, officer);

  it('lists the whole log in seq order with its total, page by page', async () => {
    const count = await f.app.store!.eventCount();
    const all = await page({ limit: 1000 });
    expect(all.total).toBe(count);
    expect(all.rows.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(all.nextAfterSeq).toBeNull();

    const seen: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const p: Res<'audit.events'> = await page({ limit: 4, afterSeq: after });
      expect(p.total).toBe(count);
      seen.push(...p.rows.map((r) => r.seq));
      after = p.nextAfterSeq;
    }
    expect(seen).toEqual(all.rows.map((r) => r.seq));
  });

  it('filters by event type, actor role and actor id', async () => {
    const submitted = await page({ type: 'application.submitted' });
    expect(submitted.total).toBe(4);
    expect(submitted.rows.every((r) => r.type === 'application.submitted')).toBe(true);
    expect(submitted.rows.map((r) => r.subjectId)).toEqual(['A1', 'A2', 'A3', 'A4']);

    const byOfficer = await page({ actorRole: 'district', actorId: 'officer' });
    expect(byOfficer.rows.map((r) => [r.type, r.subjectId, r.actorRole, r.actorId])).toEqual([
      ['application.withdrawn', 'A2', 'district', 'officer'],
    ]);
    expect((await page({ actorRole: 'director' })).total).toBe(0);
    expect((await page({ type: 'application.withdrawn', actorId: 'nobody' })).total).toBe(0);
  });

  it('filters by Bishkek calendar days, both ends included', async () => {
    // sampleLog: stage 1 events on 11 April, stage 2 events on 27 June, the officer's on 10 July.
    const april = await page({ from: '2026-04-11', to: '2026-04-11' });
    expect(april.rows.map((r) => r.subjectId)).toEqual(['A1', 'A2', 'A3']);
    const fromJune = await page({ from: '2026-06-27' });
    expect(fromJune.rows.map((r) => r.type)).toEqual([
      'application.submitted',
      'application.withdrawn',
      'commission.case_opened',
      'application.withdrawn',
    ]);
    const beforeApril = await page({ to: '2026-04-10' });
    expect(beforeApril.rows.every((r) => r.at < '2026-04-11')).toBe(true);
    expect(beforeApril.total + april.total + fromJune.total).toBe(await f.app.store!.eventCount());
    expect(
      (await page({ from: '2026-07-10', type: 'application.withdrawn' })).rows.map(
        (r) => r.actorId,
      ),
    ).toEqual(['officer']);
    expect((await page({ from: '2027-01-01' })).total).toBe(0);
  });

  it('bad filters are refused naming the field', async () => {
    for (const [request, field] of [
      [{ from: '10.07.2026' }, 'from'],
      [{ to: '2026-02-30' }, 'to'],
      [{ from: '2026-07-10', to: '2026-07-01' }, 'to'],
      [{ actorRole: 'king' }, 'actorRole'],
      [{ limit: 0 }, 'limit'],
    ] as const) {
      const r = await f.call('audit.events', request, officer);
      expect(!r.ok && r.error.code, field).toBe('invalid_request');
      expect(!r.ok && r.error.message).toContain(field);
    }
  });

  it('only the district officer reaches the audit', async () => {
    for (const who of ['commission', 'director'] as const) {
      const s = await f.signedIn(who);
      for (const channel of ['audit.events', 'audit.verify'] as const) {
        const r = await f.call(channel, {}, s);
        expect(r.ok ? 'ok' : r.error.code, `${channel} as ${who}`).toBe('forbidden');
      }
    }
  });

  it('verify on an intact store: every projection matches and the chain holds', async () => {
    const v = await f.must('audit.verify', {}, officer);
    expect(v).toMatchObject({
      events: await f.app.store!.eventCount(),
      projections: { ok: true, count: 0, differences: [] },
      chain: { ok: true, brokenAt: null, reason: null },
    });
    expect(v.chain.checked).toBe(v.events);
  });
});

describe('verify on a store file tampered with directly', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture(sampleLog());
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  const verify = () => f.must('audit.verify', {}, officer);

  it('an edited projection row is listed as a difference; the chain is still whole', async () => {
    await tamper(f.app.store!.file, "UPDATE application SET status = 'enrolled' WHERE id = 'A3'");
    const v = await verify();
    expect(v.projections.ok).toBe(false);
    expect(v.projections.differences).toContainEqual(
      expect.objectContaining({
        table: 'application',
        key: 'A3',
        problem: 'different',
        columns: expect.arrayContaining(['status']),
      }),
    );
    expect(v.chain.ok).toBe(true);
    await tamper(f.app.store!.file, "UPDATE application SET status = 'registered' WHERE id = 'A3'");
    expect((await verify()).projections.ok).toBe(true);
  });

  it('a changed event body breaks the chain at that seq', async () => {
    const [a4] = await f.app
      .store!.reads.events({ type: 'application.submitted', afterSeq: 0, limit: 10 })
      .then((rows) => rows.filter((r) => r.subjectId === 'A4'));
    // Whoever edits the file drops the append-only triggers first; the chain still tells.
    await tamper(
      f.app.store!.file,
      'DROP TRIGGER event_no_update',
      `UPDATE event SET body = replace(body, '"schoolId":"S2"', '"schoolId":"S1"') WHERE seq = ${a4!.seq}`,
    );
    const v = await verify();
    expect(v.chain).toMatchObject({ ok: false, brokenAt: a4!.seq, reason: 'hash_mismatch' });
  });

  it('a deleted event breaks the chain at the event after it', async () => {
    const f2 = await districtFixture(sampleLog());
    try {
      const officer2 = await f2.signedIn('officer');
      await tamper(
        f2.app.store!.file,
        'DROP TRIGGER event_no_delete',
        'DELETE FROM event WHERE seq = 5',
      );
      const v = await f2.must('audit.verify', {}, officer2);
      expect(v.chain).toMatchObject({ ok: false, brokenAt: 6, reason: 'prev_mismatch' });
      // The replay of what is left no longer yields the stored projections either.
      expect(v.projections.ok).toBe(false);
    } finally {
      await f2.close();
    }
  });

  it('a deleted last event is caught at the head', async () => {
    const f3 = await districtFixture(sampleLog());
    try {
      const officer3 = await f3.signedIn('officer');
      const last = await f3.app.store!.eventCount();
      await tamper(
        f3.app.store!.file,
        'DROP TRIGGER event_no_delete',
        `DELETE FROM event WHERE seq = ${last}`,
      );
      const v = await f3.must('audit.verify', {}, officer3);
      expect(v.chain).toMatchObject({ ok: false, brokenAt: last, reason: 'head_mismatch' });
    } finally {
      await f3.close();
    }
  });
});

// Issue 12, items 3-5: the columns the audit shows are checked against the hashed
// body; a broken body is a finding, never an internal error; and a file whose
// chain was rewritten consistently is caught against the heads kept outside it.
describe('verify against the audit columns, broken bodies and the head kept outside the file', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeEach(async () => {
    f = await districtFixture(sampleLog());
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-07-10T12:00:00+06:00');
    officer = await f.signedIn('officer');
  });
  afterEach(() => f?.close());

  async function verify(): Promise<Res<'audit.verify'>> {
    const r = await f.call('audit.verify', {}, officer);
    if (!r.ok) throw new Error(`audit.verify: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  it('an actor changed on a withdrawal (trigger dropped, row updated, trigger recreated) is named at its seq', async () => {
    const w = await f.call(
      'applications.withdraw',
      { applicationId: 'A2', reference: 'Арыз №7' },
      officer,
    );
    expect(w.ok).toBe(true);
    const [row] = await f.app
      .store!.reads.events({ type: 'application.withdrawn', afterSeq: 0, limit: 1000 })
      .then((rows) => rows.filter((r) => r.subjectId === 'A2'));
    expect(row.actorRole).toBe('district');
    const before = await verify();
    expect(before.chain).toMatchObject({
      ok: true,
      anchor: 'agrees',
      anchorProtection: 'user-file',
    });
    await tamper(
      f.app.store!.file,
      'DROP TRIGGER event_no_update',
      `UPDATE event SET actor_role = 'director', actor_id = 'director' WHERE seq = ${row.seq}`,
      `CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event" BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
    );
    const v = await verify();
    expect(v.chain).toMatchObject({
      ok: false,
      brokenAt: row.seq,
      reason: 'column_mismatch',
      columns: ['actor_role', 'actor_id'],
    });
    for (const [column, value] of [
      ['type', "'application.submitted'"],
      ['subject_id', "'A9'"],
      ['at', "'2026-01-01T00:00:00Z'"],
    ]) {
      await tamper(
        f.app.store!.file,
        'DROP TRIGGER IF EXISTS event_no_update',
        `UPDATE event SET actor_role = 'district', actor_id = NULL, ${column} = ${value} WHERE seq = ${row.seq}`,
      );
      const again = await verify();
      expect(again.chain).toMatchObject({
        ok: false,
        brokenAt: row.seq,
        reason: 'column_mismatch',
      });
      expect(again.chain.columns).toContain(column);
    }
  });

  it('a body cut short is a finding at its seq on both sides of verify, never an internal error', async () => {
    await tamper(
      f.app.store!.file,
      'DROP TRIGGER event_no_update',
      'UPDATE event SET body = substr(body, 1, 30) WHERE seq = 4',
    );
    const v = await verify();
    expect(v.chain).toMatchObject({ ok: false, brokenAt: 4, reason: 'hash_mismatch' });
    expect(v.projections).toMatchObject({
      ok: false,
      differences: [{ table: 'event', key: '4', problem: 'malformed_body' }],
    });
    // Not even text: a blob body.
    await tamper(f.app.store!.file, "UPDATE event SET body = x'00ff' WHERE seq = 3");
    const b = await verify();
    expect(b.chain).toMatchObject({ ok: false, brokenAt: 3, reason: 'malformed_body' });
    expect(b.projections.differences).toEqual([
      { table: 'event', key: '3', problem: 'malformed_body', columns: [] },
    ]);
  });

  it('a chain rewritten from some seq on, hashes and head recomputed, is caught against the recorded head', async () => {
    const file = f.app.store!.file;
    const count = await f.app.store!.eventCount();
    // Commit one more event so the record outside the file holds the latest head.
    expect(
      (
        await f.call(
          'applications.withdraw',
          { applicationId: 'A2', reference: 'Арыз №8' },
          officer,
        )
      ).ok,
    ).toBe(true);
    expect((await verify()).chain).toMatchObject({ ok: true, anchor: 'agrees' });
    // Any change will do: here the text gains a space, so it is still a valid event.
    await rewriteFrom(file, 5, (body) => body.replace('{', '{ '));
    const v = await verify();
    expect(v.chain).toMatchObject({ ok: false, reason: 'rewritten', anchor: 'differs' });
    expect(v.chain.brokenAt).toBeLessThanOrEqual(5);
    expect(v.chain.rewrittenBy).toBeGreaterThanOrEqual(5);
    // A later write does not get the rewritten chain recorded as good.
    expect(
      (
        await f.call(
          'applications.withdraw',
          { applicationId: 'A3', reference: 'Арыз №9' },
          officer,
        )
      ).ok,
    ).toBe(true);
    expect((await verify()).chain).toMatchObject({ ok: false, reason: 'rewritten' });
    expect(count).toBeGreaterThan(5);
  });

  it('the last events deleted and the head made to agree is caught against the recorded head', async () => {
    const file = f.app.store!.file;
    const last = await f.app.store!.eventCount();
    await tamper(
      file,
      'DROP TRIGGER event_no_delete',
      `DELETE FROM event WHERE seq >= ${last - 1}`,
      `UPDATE log_head SET seq = ${last - 2}, hash = (SELECT hash FROM event WHERE seq = ${last - 2})`,
    );
    const v = await verify();
    // Nothing recorded before the last head: the rewrite is somewhere in 1..last, and the file alone looks whole.
    expect(v.chain).toMatchObject({
      ok: false,
      reason: 'rewritten',
      brokenAt: 1,
      rewrittenBy: last,
    });
  });
});

/** What someone with the file and the know-how does: rewrite event `from`, recompute every later hash and the head. */
async function rewriteFrom(
  file: string,
  from: number,
  edit: (body: string) => string,
): Promise<void> {
  const db = new sqlite3.Database(file);
  const all = <T>(sql: string) =>
    new Promise<T[]>((resolve, reject) =>
      db.all(sql, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
    );
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
  try {
    await run('PRAGMA busy_timeout = 10000');
    await run('DROP TRIGGER event_no_update');
    const rows = await all<{ seq: number; body: string; hash: string }>(
      'SELECT seq, body, hash FROM event ORDER BY seq',
    );
    let prev = GENESIS_HASH;
    for (const r of rows) {
      if (r.seq >= from) {
        const body = r.seq === from ? edit(r.body) : r.body;
        const hash = chainHash(prev, body);
        await run('UPDATE event SET body = ?, hash = ? WHERE seq = ?', [body, hash, r.seq]);
        prev = hash;
      } else prev = r.hash;
    }
    await run('UPDATE log_head SET hash = ? WHERE id = 1', [prev]);
    await run(
      `CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event" BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
