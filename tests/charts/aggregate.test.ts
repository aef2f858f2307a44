// The charts' aggregations (shared/charts/aggregate.ts), pure: each agrees with
// the engine it reads, and a republic-sized set of schools comes out as the top
// N plus one "others" summary whose sums complete the picture.
import { describe, expect, it } from 'vitest';
import {
  chartData,
  dayCache,
  fillPerSchool,
  overflowSchools,
  perDay,
  privilegeShare,
  documentsAgainstDeadline,
} from '../../shared/charts/aggregate';
import { Engine } from '../../shared/engine/engine';
import { LineSplitter, Replayer } from '../../shared/engine/replay';
import { LogBuilder, T } from '../support/logBuilder';
import { bishkekDay } from '../../shared/reports/bishkekTime';
import { AFTER_DEADLINE, campaignFixture } from '../reports/campaignFixture';

function replay(text: string, at?: string): Engine {
  const r = new Replayer();
  const split = new LineSplitter((l) => r.line(l));
  split.push(text);
  split.end();
  r.finish(at);
  return r.engine;
}

describe('chart aggregations', () => {
  it('the cached Bishkek day agrees with bishkekDay around midnight and for any offset', () => {
    const dayOf = dayCache();
    const instants = [
      '2026-04-11T23:59:59+06:00',
      '2026-04-12T00:00:00+06:00',
      '2026-04-11T17:59:59Z',
      '2026-04-11T18:00:00Z',
      '2026-04-11T18:00:00.000Z',
      '2026-04-11T12:30:00-05:30',
      '2026-04-11T12:29:59-05:30',
      '2026-04-11T23:00:00+05:45',
      '2026-04-11T18:15+00:00',
      '2026-04-11T17:15+00:00',
    ];
    // twice: the second pass is served from the cache
    for (const pass of [1, 2])
      for (const i of instants) expect(dayOf(i), `${i} pass ${pass}`).toBe(bishkekDay(i));
  });

  const log = campaignFixture();
  const engine = replay(log.text());
  const docsAt = log.events
    .filter((e) => e.type === 'documents.received')
    .map((e) => e.at as string);

  it('applications per day by stage count every application once, days in order', () => {
    const days = perDay(engine);
    expect(days.reduce((n, d) => n + d.stage1 + d.stage2 + d.other, 0)).toBe(
      engine.applications.size,
    );
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort());
    // A9 at 23:59:59 on 11 April and A10 the next second, on 12 April (Bishkek days)
    expect(days.find((d) => d.day === '2026-04-11')!.stage1).toBeGreaterThan(0);
    expect(days.find((d) => d.day === '2026-04-12')!.stage1).toBeGreaterThan(0);
  });

  it('fill per school splits each stream into seated, free and overflow', () => {
    const fill = fillPerSchool(engine);
    let seated = 0,
      free = 0,
      over = 0;
    for (const st of engine.streams.values()) {
      seated += Math.min(st.occupied, st.quota);
      free += Math.max(0, st.quota - st.occupied);
      over += Math.max(0, st.occupied - st.quota);
    }
    const sum = (k: 'occupied' | 'free' | 'overflow') =>
      fill.schools.reduce((n, s) => n + s[k], 0) + (fill.others?.[k] ?? 0);
    expect([sum('occupied'), sum('free'), sum('overflow')]).toEqual([seated, free, over]);
    expect(fill.others).toBeNull();
    expect(fill.schools.find((s) => s.schoolId === 'S1')!.overflow).toBeGreaterThan(0);
  });

  it('documents: cumulative by day, never falling, ending at the count received; the deadline day is the last day', () => {
    const d = documentsAgainstDeadline(engine, docsAt);
    for (let i = 1; i < d.days.length; i++)
      expect(d.days[i].received).toBeGreaterThanOrEqual(d.days[i - 1].received);
    const commission = [...engine.applications.values()].filter(
      (a) => a.basis === 'commission',
    ).length;
    expect(d.received).toBe(docsAt.length + commission);
    expect(d.days.at(-1)!.received).toBe(d.received);
    expect(d.deadlineDay).toBe('2026-09-14');
  });

  it('privileged share: per category and state, adding up to the claims', () => {
    const p = privilegeShare(engine);
    const claims = [...engine.applications.values()].filter(
      (a) => a.privilegeCategory !== null,
    ).length;
    expect(p.claimed).toBe(claims);
    expect(p.slices.reduce((n, s) => n + s.total, 0)).toBe(claims);
    for (const s of p.slices) expect(s.pending + s.approved + s.rejected + s.none).toBe(s.total);
    expect(p.slices.map((s) => s.category).sort()).toEqual(['kairylman', 'military', 'teacher']);
  });

  it('after the deadline the same functions still agree (chartData as one)', () => {
    const after = replay(log.text(), AFTER_DEADLINE);
    const c = chartData(after, docsAt);
    expect(c.perDay.reduce((n, d) => n + d.stage1 + d.stage2 + d.other, 0)).toBe(
      after.applications.size,
    );
  });

  it('2,200 schools: the top N plus "others", the sums intact, overflow ordered largest first', () => {
    const b = new LogBuilder();
    for (let i = 0; i < 2200; i++) {
      const id = `S${String(i).padStart(4, '0')}`;
      b.school(id, { catchment: [`R.D.${id}`], quotas: { ky: 2 } });
    }
    b.at(T.stage1);
    // school k gets k % 5 children: 0..4 against 2 seats, so some overflow by 1 or 2
    let n = 0;
    for (let i = 0; i < 2200; i += 7) {
      const id = `S${String(i).padStart(4, '0')}`;
      for (let k = 0; k < i % 5; k++)
        b.submit(`A${++n}`, { school: id, address: `R.D.${id}.H${k}` });
    }
    const big = replay(b.text());
    const fill = fillPerSchool(big, 15);
    expect(fill.schools).toHaveLength(15);
    expect(fill.totalSchools).toBe(2200);
    expect(fill.others!.schools).toBe(2185);
    expect(fill.schools.reduce((s, x) => s + x.free, 0) + fill.others!.free).toBe(
      [...big.streams.values()].reduce((s, st) => s + Math.max(0, st.quota - st.occupied), 0),
    );
    const over = overflowSchools(big, 15);
    expect(over.schools).toHaveLength(15);
    expect(over.schools.map((s) => s.overflow)).toEqual(
      [...over.schools.map((s) => s.overflow)].sort((a, b) => b - a),
    );
    expect(over.schools.reduce((s, x) => s + x.overflow, 0) + (over.others?.overflow ?? 0)).toBe(
      over.totalOverflow,
    );
    expect(over.totalOverflow).toBe(
      [...big.streams.values()].reduce((s, st) => s + Math.max(0, st.occupied - st.quota), 0),
    );
  });

  it('private and special schools count in no seat chart (issue 13)', () => {
    const b = new LogBuilder();
    b.school('S1', { catchment: ['R.D.S1'], quotas: { ky: 3 } });
    b.school('P1', { kind: 'private', quotas: { ky: 40 } });
    b.school('X1', { kind: 'special', quotas: { ru: 12 } });
    b.at(T.stage1);
    b.submit('A1', { school: 'S1', address: 'R.D.S1.H1' });
    const e = replay(b.text());
    const fill = fillPerSchool(e, 15);
    expect(fill.schools.map((s) => s.schoolId)).toEqual(['S1']);
    expect(fill.totalSchools).toBe(1);
    expect(fill.schools[0]).toMatchObject({ occupied: 1, free: 2, overflow: 0 });
    expect(overflowSchools(e, 15).totalOverflow).toBe(0);
  });
});
