// The queues page's services (R16) through the real dispatcher on a real SQLite
// district: each stream's queue in order with standing transfers marked, the
// director held to their own school's queues, the what-if of a quota raise from
// the queue (with its cascade), and the dashboard's waitlist counts and seat
// figures that leave out-of-campaign schools out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import { SETTING } from '../../main/services/settings';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T, pin } from '../support/logBuilder';

/**
 * S1/ky and S2/ky, one seat each, and a private school P that takes no part:
 * X holds S1, Y holds S2; W1 and W2 wait for S1; X stands for S2; V waits for S2.
 */
function queueLog(): LogBuilder {
  const log = new LogBuilder({ waitlist: true });
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 1 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
  log.school('P', { kind: 'private', quotas: { ky: 10 } });
  log.at(T.stage2);
  log.submit('X', { pin: pin(1) });
  log.submit('Y', { pin: pin(2), school: 'S2', address: 'BISH.OKT.ST02.H1' });
  log.submit('W1', { pin: pin(3) });
  log.submit('W2', { pin: pin(4) });
  log.transfer('X', 'S2');
  log.submit('V', { pin: pin(5), school: 'S2', address: 'BISH.OKT.ST02.H2' });
  return log;
}

const IN_STAGE_2 = '2026-07-05T10:00:00+06:00';

describe('waitlists on the desktop', () => {
  let f: DistrictFixture;
  let officer: Session;
  let director: Session;

  beforeAll(async () => {
    f = await districtFixture(queueLog());
    await f.app.store!.setSetting(SETTING.frozenAt, IN_STAGE_2);
    officer = await f.signedIn('officer');
    director = await f.signedIn('director');
  }, 60_000);
  afterAll(() => f?.close());

  it("lists each stream's queue in order, standing transfers marked with the seat they hold", async () => {
    const s2 = await f.must('waitlists.list', { schoolId: 'S2' }, officer);
    expect(s2).toMatchObject({ enabled: true, open: true, asOf: IN_STAGE_2 });
    expect(s2.school!.schoolId).toBe('S2');
    expect(s2.school!.name).toBe('School S2');
    const [ky] = s2.school!.streams;
    expect(ky).toMatchObject({ language: 'ky', quota: 1, occupied: 1, free: 0 });
    expect(ky!.entries.map((e) => [e.position, e.applicationId, e.kind])).toEqual([
      [1, 'X', 'transfer'],
      [2, 'V', 'wait'],
    ]);
    expect(ky!.entries[0]!.holds).toEqual({
      schoolId: 'S1',
      schoolName: 'School S1',
      language: 'ky',
    });
    expect(ky!.entries[1]!.holds).toBeNull();
    expect(ky!.entries[1]!.childName).toBe('Asanov Aibek');
    expect(ky!.entries[0]!.since).toBe('2026-06-27T09:00:04.000+06:00');
  });

  it('an officer sees every in-campaign school, never a private one; the first with a queue by default', async () => {
    const all = await f.must('waitlists.list', {}, officer);
    expect(all.schools.map((s) => s.schoolId)).toEqual(['S1', 'S2']);
    expect(all.schools.map((s) => s.streams[0]!.waitlist)).toEqual([2, 2]);
    expect(all.school!.schoolId).toBe('S1');
    expect(all.school!.streams[0]!.entries.map((e) => e.applicationId)).toEqual(['W1', 'W2']);
    expect((await f.fails('waitlists.list', { schoolId: 'P' }, officer)).code).toBe('not_found');
    expect((await f.fails('waitlists.list', { schoolId: 'NOPE' }, officer)).code).toBe('not_found');
  });

  it("a director reads their own school's queues and cannot read another school's", async () => {
    const own = await f.must('waitlists.list', {}, director);
    expect(own.schools.map((s) => s.schoolId)).toEqual(['S1']);
    expect(own.school!.streams[0]!.entries.map((e) => e.applicationId)).toEqual(['W1', 'W2']);
    expect((await f.must('waitlists.list', { schoolId: 'S1' }, director)).school!.schoolId).toBe(
      'S1',
    );
    const other = await f.fails('waitlists.list', { schoolId: 'S2' }, director);
    expect(other.code).toBe('forbidden');
    expect(other.message).toMatch(/own school/);
    // The what-if spans the district: never a director's.
    expect(
      (await f.fails('waitlists.whatIf', { schoolId: 'S1', language: 'ky', add: 1 }, director))
        .code,
    ).toBe('forbidden');
  });

  it('a raise shows who the queues would place, the cascade included, and writes nothing', async () => {
    const before = await f.app.store!.eventCount();
    const r = await f.must('waitlists.whatIf', { schoolId: 'S2', language: 'ky', add: 1 }, officer);
    expect(r).toMatchObject({
      at: IN_STAGE_2,
      quotaBefore: 1,
      quotaAfter: 2,
      queuesOpen: true,
      queuedBefore: 4,
      queuedAfter: 2,
    });
    // X moves into the new S2 seat; the S1 seat X leaves goes to W1, who joined before X's request.
    expect(r.placed.map((p) => [p.applicationId, p.kind, p.schoolId, p.position])).toEqual([
      ['W1', 'wait', 'S1', 1],
      ['X', 'transfer', 'S2', 1],
    ]);
    expect(r.placed[0]!.schoolName).toBe('School S1');
    expect(r.placed[0]!.from).toBeNull();
    expect(r.placed[1]!.from).toEqual({ schoolId: 'S1', schoolName: 'School S1', language: 'ky' });
    expect(await f.app.store!.eventCount()).toBe(before);
    const still = await f.must('waitlists.list', { schoolId: 'S1' }, officer);
    expect(still.school!.streams[0]!.entries.map((e) => e.applicationId)).toEqual(['W1', 'W2']);
  });

  it('a raise larger than the queues places everyone waiting, and no more', async () => {
    const r = await f.must('waitlists.whatIf', { schoolId: 'S1', language: 'ky', add: 5 }, officer);
    expect(r.placed.map((p) => p.applicationId)).toEqual(['W1', 'W2']);
    expect(r.queuedAfter).toBe(2);
  });

  it('refuses a stream the school does not have, and a raise that is not a positive whole number', async () => {
    expect(
      (await f.fails('waitlists.whatIf', { schoolId: 'S1', language: 'ru', add: 1 }, officer)).code,
    ).toBe('not_found');
    expect(
      (await f.fails('waitlists.whatIf', { schoolId: 'S1', language: 'ky', add: 0 }, officer)).code,
    ).toBe('invalid_request');
    expect(
      (await f.fails('waitlists.whatIf', { schoolId: 'S1', language: 'ky', add: 1.5 }, officer))
        .code,
    ).toBe('invalid_request');
  });

  it('the dashboard counts queue entries and streams with a queue, and no seat of a private school', async () => {
    const d = await f.must('dashboard.get', {}, officer);
    expect(d.totals).toMatchObject({
      waitlistEntries: 4,
      waitlistStreams: 2,
      schools: 2,
      streams: 2,
      seats: 2,
      occupied: 2,
      free: 0,
    });
    const own = await f.must('dashboard.get', {}, director);
    expect(own.totals).toMatchObject({ waitlistEntries: 2, waitlistStreams: 1, seats: 1, free: 0 });
  });

  it('once stage 2 has closed, the queues are shown closed and a raise places nobody', async () => {
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-09-12T10:00:00+06:00');
    try {
      const list = await f.must('waitlists.list', {}, officer);
      expect(list).toMatchObject({ enabled: true, open: false });
      const r = await f.must(
        'waitlists.whatIf',
        { schoolId: 'S2', language: 'ky', add: 3 },
        officer,
      );
      expect(r).toMatchObject({ queuesOpen: false, placed: [], queuedAfter: 0 });
    } finally {
      await f.app.store!.setSetting(SETTING.frozenAt, IN_STAGE_2);
    }
  });
});
