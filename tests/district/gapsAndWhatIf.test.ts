import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { findGaps } from '../../shared/district/gapFinder';
import { whatIfQuotas } from '../../shared/district/whatIf';
import { LogBuilder, T, pin } from '../support/logBuilder';

function engineOf(log: LogBuilder): Engine {
  const e = new Engine();
  for (const ev of log.events) e.ingest(ev);
  return e;
}

describe('gap finder', () => {
  it('lists addresses no school covers and addresses two schools cover', () => {
    const log = new LogBuilder()
      .school('S1', { catchment: ['BISH.OKT.ST01'] })
      .school('S2', { kind: 'municipal', catchment: ['BISH.OKT.ST02', 'BISH.OKT.ST01.H9'] })
      .school('P', { kind: 'private', catchment: ['BISH.OKT.ST03'] });
    log.at(T.stage1);
    log.submit('a', { pin: pin(1), address: 'BISH.OKT.ST01.H1' });
    log.submit('b', { pin: pin(2), address: 'BISH.OKT.ST01.H9' });
    log.submit('c', { pin: pin(3), address: 'BISH.OKT.ST03.H1' });
    log.submit('d', { pin: pin(4), address: 'BISH.OKT.ST03.H1' });
    log.submit('e', { pin: pin(5), address: 'BISH.OKT.ST04.H2' });
    const gaps = findGaps(engineOf(log));
    // A private school's catchment serves nobody in the campaign.
    expect(gaps.uncovered).toEqual([
      { address: 'BISH.OKT.ST03.H1', applications: 2, sample: ['c', 'd'] },
      { address: 'BISH.OKT.ST04.H2', applications: 1, sample: ['e'] },
    ]);
    expect(gaps.overlapping).toEqual([
      { address: 'BISH.OKT.ST01.H9', schoolIds: ['S1', 'S2'], applications: 1 },
    ]);
    expect(gaps.catchmentOverlaps).toEqual([
      {
        entry: 'BISH.OKT.ST01.H9',
        schoolId: 'S2',
        coveredBy: [{ schoolId: 'S1', entry: 'BISH.OKT.ST01' }],
      },
    ]);
  });
});

describe('what-if quotas', () => {
  it('shows who a raised quota would have placed, without touching the real outcome', () => {
    const log = new LogBuilder().school('S1', { catchment: ['X'], quotas: { ky: 1 } });
    log.at(T.stage2);
    log.submit('first', { pin: pin(1) });
    log.submit('second', { pin: pin(2) });
    log.submit('third', { pin: pin(3) });
    const r = whatIfQuotas(log.events, [{ schoolId: 'S1', language: 'ky', seats: 2 }]);
    expect(r.gained).toBe(1);
    expect(r.lost).toBe(0);
    expect(r.changes.map((c) => [c.applicationId, c.before.status, c.after.status])).toEqual([
      ['second', 'refused', 'registered'],
    ]);
    expect(r.streams).toEqual([
      { key: 'S1/ky', quotaBefore: 1, quotaAfter: 2, occupiedBefore: 1, occupiedAfter: 2 },
    ]);
    expect(log.replay().applications.second.status).toBe('refused');
  });

  it('can open a stream the district never set, and shows losses from a lowered quota', () => {
    const log = new LogBuilder().school('S1', { catchment: ['X'], quotas: { ky: 2 } });
    log.at(T.stage2);
    log.submit('a', { pin: pin(1) });
    log.submit('b', { pin: pin(2) });
    log.submit('r', { pin: pin(3), language: 'ru' });
    const r = whatIfQuotas(log.events, [
      { schoolId: 'S1', language: 'ky', seats: 1 },
      { schoolId: 'S1', language: 'ru', seats: 1 },
    ]);
    expect(r.lost).toBe(1);
    expect(r.gained).toBe(1);
    expect(r.changes.map((c) => [c.applicationId, c.after.status])).toEqual([
      ['b', 'refused'],
      ['r', 'registered'],
    ]);
  });
});
