// Quotas and streams on a real SQLite district: one save writes exactly the
// changed streams' quota.set events with the officer as actor; a school's norm
// is a school.registered with the same identity; what-if writes nothing and
// names the child it would place; the fit check follows a raised quota; a
// director and a commission member are refused every quota channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import type { Channel, Result } from '../../shared/ipc/contract';
import { SETTING } from '../../main/services/settings';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T } from '../support/logBuilder';

/** S2/ky holds one seat: A3 (stage 1, catchment) takes it, A4 (stage 2) is refused no_free_seats. */
function fullStreamLog(): LogBuilder {
  const log = new LogBuilder();
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
  log.school('P1', { kind: 'private', quotas: { ky: 10 } });
  log.at(T.stage1);
  log.submit('A1', { school: 'S1' });
  log.submit('A2', { school: 'S1', language: 'ru' });
  log.submit('A3', { school: 'S2', address: 'BISH.OKT.ST02.H7' });
  log.at(T.stage2);
  log.submit('A4', { school: 'S2', address: 'BISH.OKT.ST09.H1' });
  return log;
}

describe('quotas', () => {
  let f: DistrictFixture;
  let officer: Session;
  const value = async <T>(p: Promise<Result<T>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  beforeAll(async () => {
    f = await districtFixture(fullStreamLog());
    officer = await f.signedIn('officer');
    // Partway through stage 2, as the demo is: a real district would read today's date.
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-07-10T12:00:00+06:00');
  });
  afterAll(() => f?.close());

  it('lists every stream with occupied, free, overflow and warnings', async () => {
    const list = await value(f.call('quotas.list', {}, officer));
    const s2 = list.streams.find((s) => s.schoolId === 'S2' && s.language === 'ky')!;
    expect(s2).toMatchObject({ quota: 1, occupied: 1, free: 0, warnings: [] });
    expect(list.schools.find((s) => s.schoolId === 'P1')).toMatchObject({
      inScope: false,
      norm: 30,
    });
  });

  it('one save writes exactly the changed streams, with classes and the actor', async () => {
    const store = f.app.store!;
    const before = await store.eventCount();
    const saved = await value(
      f.call(
        'quotas.save',
        {
          changes: [
            { schoolId: 'S1', language: 'ky', seats: 5 }, // unchanged: no event
            { schoolId: 'S1', language: 'ru', seats: 40, classes: 1 }, // changed: 40 in one class
            { schoolId: 'S2', language: 'uz', seats: 12, classes: 1 }, // a new stream
          ],
        },
        officer,
      ),
    );
    expect(saved.written).toBe(2);
    const events = (await store.reads.events({ afterSeq: before })).map((e) => JSON.parse(e.body));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.data)).toEqual([
      { schoolId: 'S1', language: 'ru', seats: 40, classes: 1 },
      { schoolId: 'S2', language: 'uz', seats: 12, classes: 1 },
    ]);
    for (const e of events)
      expect(e).toMatchObject({ type: 'quota.set', actor: { role: 'district', id: 'officer' } });
    expect(events.map((e) => e.id).sort()).toEqual([...saved.eventIds].sort());

    const list = await value(f.call('quotas.list', {}, officer));
    // 40 in one class: above the urban norm (30) and above 36, not yet 50.
    expect(list.streams.find((s) => s.schoolId === 'S1' && s.language === 'ru')).toMatchObject({
      seatsPerClass: 40,
      warnings: ['above_norm', 'above_max'],
    });
    expect(list.streams.some((s) => s.schoolId === 'S2' && s.language === 'uz')).toBe(true);

    // Saving the same again writes nothing.
    const again = await value(
      f.call(
        'quotas.save',
        { changes: [{ schoolId: 'S1', language: 'ru', seats: 40, classes: 1 }] },
        officer,
      ),
    );
    expect(again.written).toBe(0);
    expect(await store.eventCount()).toBe(before + 2);
  });

  it('bad input is refused naming the field, and nothing is written', async () => {
    const before = await f.app.store!.eventCount();
    const unknown = await f.call(
      'quotas.save',
      {
        changes: [
          { schoolId: 'S1', language: 'ky', seats: 9 },
          { schoolId: 'NOPE', language: 'ky', seats: 3 },
        ],
      },
      officer,
    );
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('changes.1.schoolId'),
    });
    const twice = await f.call(
      'quotas.save',
      {
        changes: [
          { schoolId: 'S1', language: 'ky', seats: 9 },
          { schoolId: 'S1', language: 'ky', seats: 8 },
        ],
      },
      officer,
    );
    expect(!twice.ok && twice.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('changes.1'),
    });
    const negative = await f.call(
      'quotas.save',
      { changes: [{ schoolId: 'S1', language: 'ky', seats: -2 }] },
      officer,
    );
    expect(!negative.ok && negative.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('changes.0.seats'),
    });
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it("a school's norm and locality are a school.registered with the same identity", async () => {
    const store = f.app.store!;
    const before = await store.eventCount();
    const r = await value(
      f.call('quotas.setSchool', { schoolId: 'S1', locality: 'rural', classSizeNorm: 20 }, officer),
    );
    expect(r.school).toMatchObject({ locality: 'rural', classSizeNorm: 20, norm: 20 });
    const [e] = (await store.reads.events({ afterSeq: before })).map((x) => JSON.parse(x.body));
    expect(e).toMatchObject({
      type: 'school.registered',
      actor: { role: 'district', id: 'officer' },
      data: {
        schoolId: 'S1',
        name: 'School S1',
        kind: 'state',
        districtId: 'D1',
        locality: 'rural',
        classSizeNorm: 20,
      },
    });
    // Back to the default for a rural school: 25.
    const back = await value(
      f.call(
        'quotas.setSchool',
        { schoolId: 'S1', locality: 'rural', classSizeNorm: null },
        officer,
      ),
    );
    expect(back.school).toMatchObject({ classSizeNorm: null, norm: 25 });
    expect((await store.reads.schools('S1'))[0]!.catchment).toEqual(['BISH.OKT.ST01']);
  });

  it('what-if names the child a raised quota would place, and writes nothing', async () => {
    const store = f.app.store!;
    const before = await store.eventCount();
    const r = await value(
      f.call(
        'quotas.whatIf',
        { overrides: [{ schoolId: 'S2', language: 'ky', seats: 2 }] },
        officer,
      ),
    );
    expect(r.events).toBe(before);
    expect(r.gained).toBe(1);
    expect(r.lost).toBe(0);
    expect(r.changes).toEqual([
      expect.objectContaining({
        applicationId: 'A4',
        childName: 'Asanov Aibek',
        before: expect.objectContaining({ status: 'refused', reason: 'no_free_seats' }),
        after: expect.objectContaining({ status: 'registered' }),
      }),
    ]);
    expect(r.streams).toContainEqual(
      expect.objectContaining({ key: 'S2/ky', quotaAfter: 2, occupiedBefore: 1, occupiedAfter: 2 }),
    );
    expect(await store.eventCount()).toBe(before);
    expect((await store.streams('S2')).find((s) => s.language === 'ky')!.quota).toBe(1);
  });

  it('a refused application fits once the quota is raised for real', async () => {
    const refused = await value(
      f.call('quotas.refused', { schoolId: 'S2', language: 'ky' }, officer),
    );
    expect(refused.applications.map((a) => a.applicationId)).toEqual(['A4']);
    const before = await value(f.call('quotas.checkFit', { applicationId: 'A4' }, officer));
    expect(before).toMatchObject({ fits: false, reason: 'no_free_seats' });
    const count = await f.app.store!.eventCount();
    await value(
      f.call('quotas.save', { changes: [{ schoolId: 'S2', language: 'ky', seats: 2 }] }, officer),
    );
    const after = await value(f.call('quotas.checkFit', { applicationId: 'A4' }, officer));
    expect(after).toMatchObject({ fits: true, reason: null, at: '2026-07-10T12:00:00+06:00' });
    // The check is a dry run: only the save was written.
    expect(await f.app.store!.eventCount()).toBe(count + 1);
    const missing = await f.call('quotas.checkFit', { applicationId: 'NOPE' }, officer);
    expect(!missing.ok && missing.error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('applicationId'),
    });
  });

  it('a director and a commission member are refused every quota channel', async () => {
    const requests: [Channel, unknown][] = [
      ['quotas.list', {}],
      ['quotas.save', { changes: [{ schoolId: 'S1', language: 'ky', seats: 50 }] }],
      ['quotas.setSchool', { schoolId: 'S1', locality: 'urban', classSizeNorm: 40 }],
      ['quotas.whatIf', { overrides: [{ schoolId: 'S1', language: 'ky', seats: 50 }] }],
      ['quotas.refused', { schoolId: 'S1', language: 'ky' }],
      ['quotas.checkFit', { applicationId: 'A1' }],
    ];
    const before = await f.app.store!.eventCount();
    for (const who of ['director', 'commission'] as const) {
      const session = await f.signedIn(who);
      for (const [channel, request] of requests) {
        const r = await f.call(channel, request, session);
        expect(r.ok ? 'ok' : r.error.code, `${channel} as ${who}`).toBe('forbidden');
      }
    }
    expect(await f.app.store!.eventCount()).toBe(before);
  });
});
