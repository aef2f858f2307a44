// The audit through the real dispatcher on a real SQLite district: the log filtered
// by actor, type and Bishkek days, paged; verify on an intact store; and a store
// file tampered with directly (an event body changed, an event row deleted, a
// projection row edited) is caught and the broken seq named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sqlite3 from 'sqlite3';
import type { Session } from '../../main/auth/session';
import { SETTING } from '../../main/services/settings';
import { districtFixture, sampleLog, type DistrictFixture } from '../ipc/districtFixture';

type Page = { total: number; rows: { seq: number; type: string; at: string; actorRole: string | null; actorId: string | null; subjectId: string | null; outcome: string | null }[]; nextAfterSeq: number | null };
type Verify = { events: number; projections: { ok: boolean; count: number; differences: { table: string; key: string; problem: string; columns: string[] }[] }; chain: { ok: boolean; checked: number; brokenAt: number | null; reason: string | null } };

/** Another process's raw connection to the store file: what someone tampering would use. */
async function tamper(file: string, ...statements: string[]): Promise<void> {
  const db = new sqlite3.Database(file);
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
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
    const w = await f.call('applications.withdraw', { applicationId: 'A2', reference: 'Арыз №1' }, officer);
    expect(w.ok).toBe(true);
  });
  afterAll(() => f?.close());

  async function page(request: object): Promise<Page> {
    const r = await f.call('audit.events', request, officer);
    if (!r.ok) throw new Error(`audit.events: ${r.error.code} ${r.error.message}`);
    return r.value as Page;
  }

  it('lists the whole log in seq order with its total, page by page', async () => {
    const count = await f.app.store!.eventCount();
    const all = await page({ limit: 1000 });
    expect(all.total).toBe(count);
    expect(all.rows.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(all.nextAfterSeq).toBeNull();

    const seen: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const p: Page = await page({ limit: 4, afterSeq: after });
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
    expect(byOfficer.rows.map((r) => [r.type, r.subjectId, r.actorRole, r.actorId])).toEqual([['application.withdrawn', 'A2', 'district', 'officer']]);
    expect((await page({ actorRole: 'director' })).total).toBe(0);
    expect((await page({ type: 'application.withdrawn', actorId: 'nobody' })).total).toBe(0);
  });

  it('filters by Bishkek calendar days, both ends included', async () => {
    // sampleLog: stage 1 events on 11 April, stage 2 events on 27 June, the officer's on 10 July.
    const april = await page({ from: '2026-04-11', to: '2026-04-11' });
    expect(april.rows.map((r) => r.subjectId)).toEqual(['A1', 'A2', 'A3']);
    const fromJune = await page({ from: '2026-06-27' });
    expect(fromJune.rows.map((r) => r.type)).toEqual(['application.submitted', 'application.withdrawn', 'commission.case_opened', 'application.withdrawn']);
    const beforeApril = await page({ to: '2026-04-10' });
    expect(beforeApril.rows.every((r) => r.at < '2026-04-11')).toBe(true);
    expect(beforeApril.total + april.total + fromJune.total).toBe(await f.app.store!.eventCount());
    expect((await page({ from: '2026-07-10', type: 'application.withdrawn' })).rows.map((r) => r.actorId)).toEqual(['officer']);
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
    const r = await f.call('audit.verify', {}, officer);
    expect(r.ok).toBe(true);
    const v = r.ok ? (r.value as Verify) : null;
    expect(v).toMatchObject({ events: await f.app.store!.eventCount(), projections: { ok: true, count: 0, differences: [] }, chain: { ok: true, brokenAt: null, reason: null } });
    expect(v!.chain.checked).toBe(v!.events);
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

  async function verify(): Promise<Verify> {
    const r = await f.call('audit.verify', {}, officer);
    if (!r.ok) throw new Error(`audit.verify: ${r.error.code} ${r.error.message}`);
    return r.value as Verify;
  }

  it('an edited projection row is listed as a difference; the chain is still whole', async () => {
    await tamper(f.app.store!.file, "UPDATE application SET status = 'enrolled' WHERE id = 'A3'");
    const v = await verify();
    expect(v.projections.ok).toBe(false);
    expect(v.projections.differences).toContainEqual(expect.objectContaining({ table: 'application', key: 'A3', problem: 'different', columns: expect.arrayContaining(['status']) }));
    expect(v.chain.ok).toBe(true);
    await tamper(f.app.store!.file, "UPDATE application SET status = 'registered' WHERE id = 'A3'");
    expect((await verify()).projections.ok).toBe(true);
  });

  it('a changed event body breaks the chain at that seq', async () => {
    const [a4] = await f.app.store!.reads.events({ type: 'application.submitted', afterSeq: 0, limit: 10 }).then((rows) => rows.filter((r) => r.subjectId === 'A4'));
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
      await tamper(f2.app.store!.file, 'DROP TRIGGER event_no_delete', 'DELETE FROM event WHERE seq = 5');
      const r = await f2.call('audit.verify', {}, officer2);
      expect(r.ok).toBe(true);
      const v = (r as { value: Verify }).value;
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
      await tamper(f3.app.store!.file, 'DROP TRIGGER event_no_delete', `DELETE FROM event WHERE seq = ${last}`);
      const r = await f3.call('audit.verify', {}, officer3);
      const v = (r as { value: Verify }).value;
      expect(v.chain).toMatchObject({ ok: false, brokenAt: last, reason: 'head_mismatch' });
    } finally {
      await f3.close();
    }
  });
});
