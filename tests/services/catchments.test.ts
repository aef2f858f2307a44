// Catchments and the gap finder on a real SQLite district: a save is one
// catchment.set with the whole list and the officer as actor; a bad code is
// refused naming the entry; an entry another school covers is saved with a
// warning; the gap list shrinks when a prefix covers its address; other roles
// are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import type { Result } from '../../shared/ipc/contract';
import { codeProblem } from '../../main/services/catchments/catchmentServices';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T } from '../support/logBuilder';

function gapLog(): LogBuilder {
  const log = new LogBuilder();
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02', 'BISH.OKT.ST01.H3'], quotas: { ky: 5 } });
  log.at(T.stage1);
  log.submit('A1', { school: 'S1', address: 'BISH.OKT.ST01.H1' });
  log.submit('A2', { school: 'S1', address: 'BISH.OKT.ST01.H3' }); // both schools cover it
  log.at(T.stage2);
  log.submit('A3', { school: 'S2', address: 'BISH.OKT.ST09.H1' }); // nobody covers it
  log.submit('A4', { school: 'S2', address: 'BISH.OKT.ST09.H1' });
  log.submit('A5', { school: 'S2', address: 'BISH.OKT.ST10.H2' });
  return log;
}

describe('catchments', () => {
  let f: DistrictFixture;
  let officer: Session;
  const value = async <T>(p: Promise<Result<T>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  beforeAll(async () => {
    f = await districtFixture(gapLog());
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  it('the gap finder lists uncovered addresses with counts and samples, doubly covered ones and nested entries', async () => {
    const g = await value(f.call('catchments.gaps', {}, officer));
    expect(g.uncovered).toEqual([
      { address: 'BISH.OKT.ST09.H1', applications: 2, sample: ['A3', 'A4'] },
      { address: 'BISH.OKT.ST10.H2', applications: 1, sample: ['A5'] },
    ]);
    expect(g).toMatchObject({ uncoveredTotal: 2, uncoveredApplications: 3 });
    expect(g.overlapping).toEqual([
      expect.objectContaining({ address: 'BISH.OKT.ST01.H3', schoolIds: ['S1', 'S2'] }),
    ]);
    expect(g.catchmentOverlaps).toEqual([
      {
        entry: 'BISH.OKT.ST01.H3',
        schoolId: 'S2',
        coveredBy: [{ schoolId: 'S1', entry: 'BISH.OKT.ST01' }],
      },
    ]);
  });

  it('a save is one catchment.set with the whole list, and the gap list shrinks', async () => {
    const store = f.app.store!;
    const before = await store.eventCount();
    const r = await value(
      f.call(
        'catchments.save',
        { schoolId: 'S2', addresses: ['BISH.OKT.ST02', 'BISH.OKT.ST01.H3', 'BISH.OKT.ST09'] },
        officer,
      ),
    );
    expect(r.written).toBe(true);
    // S1's BISH.OKT.ST01 already covers S2's BISH.OKT.ST01.H3: saved, and said.
    expect(r.warnings).toEqual([
      { address: 'BISH.OKT.ST01.H3', schoolId: 'S1', entry: 'BISH.OKT.ST01' },
    ]);
    const events = (await store.reads.events({ afterSeq: before })).map((e) => JSON.parse(e.body));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'catchment.set',
      actor: { role: 'district', id: 'officer' },
      data: { schoolId: 'S2', addresses: ['BISH.OKT.ST02', 'BISH.OKT.ST01.H3', 'BISH.OKT.ST09'] },
    });
    const g = await value(f.call('catchments.gaps', {}, officer));
    expect(g.uncovered.map((u) => u.address)).toEqual(['BISH.OKT.ST10.H2']);
    const list = await value(f.call('catchments.list', {}, officer));
    expect(list.schools.find((s) => s.schoolId === 'S2')!.addresses).toContain('BISH.OKT.ST09');
    // The same list again writes nothing.
    const again = await value(
      f.call(
        'catchments.save',
        { schoolId: 'S2', addresses: ['BISH.OKT.ST02', 'BISH.OKT.ST01.H3', 'BISH.OKT.ST09'] },
        officer,
      ),
    );
    expect(again.written).toBe(false);
    expect(await store.eventCount()).toBe(before + 1);
  });

  it.each([
    [['BISH.OKT.ST01', ''], 'addresses.1', 'is empty'],
    [['BISH..OKT'], 'addresses.0', 'empty segment'],
    [['BISH.OKT.'], 'addresses.0', 'empty segment'],
    [['BISH.OKT ST01'], 'addresses.0', 'letters, digits'],
    [[' BISH.OKT'], 'addresses.0', 'spaces'],
    [
      ['BISH.OKT.ST01', 'BISH.OKT.ST02', 'BISH.OKT.ST01'],
      'addresses.2',
      'listed twice (also addresses.0)',
    ],
  ])('%j is refused naming %s, and nothing is written', async (addresses, field, why) => {
    const before = await f.app.store!.eventCount();
    const r = await f.call('catchments.save', { schoolId: 'S1', addresses }, officer);
    expect(!r.ok && r.error.code).toBe('invalid_request');
    expect(!r.ok && r.error.message).toContain(field);
    expect(!r.ok && r.error.message).toContain(why);
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it('codes may be Cyrillic or Latin, with digits, "_" and "-"', () => {
    expect(codeProblem('БИШ.ОКТ.УЛ-12_3')).toBeNull();
    expect(codeProblem('BISH')).toBeNull();
  });

  it('an unknown school is not_found naming schoolId', async () => {
    const r = await f.call('catchments.save', { schoolId: 'NOPE', addresses: ['X'] }, officer);
    expect(!r.ok && r.error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('schoolId'),
    });
  });

  it('a director and a commission member are refused every catchment channel', async () => {
    const before = await f.app.store!.eventCount();
    for (const who of ['director', 'commission'] as const) {
      const session = await f.signedIn(who);
      for (const [channel, request] of [
        ['catchments.list', {}],
        ['catchments.save', { schoolId: 'S1', addresses: ['BISH'] }],
        ['catchments.gaps', {}],
      ] as const) {
        const r = await f.call(channel, request, session);
        expect(r.ok ? 'ok' : r.error.code, `${channel} as ${who}`).toBe('forbidden');
      }
    }
    expect(await f.app.store!.eventCount()).toBe(before);
  });
});
