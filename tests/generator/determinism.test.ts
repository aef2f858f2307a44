// The same options give the same log, byte for byte; `until` cuts the same
// log, it does not make another one.
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import { generate } from './generated';

const SMALL = { districts: 2, schoolsPerDistrict: 10, children: 1500 };

describe('generator determinism', () => {
  it('gives the same bytes for the same seed', () => {
    const a = generate({ ...SMALL, seed: 7 }).lines.join('\n');
    const b = generate({ ...SMALL, seed: 7 }).lines.join('\n');
    expect(a.length).toBeGreaterThan(100_000);
    expect(b).toBe(a);
  });

  it('gives another campaign for another seed', () => {
    const a = generate({ ...SMALL, seed: 7 }).lines;
    const b = generate({ ...SMALL, seed: 8 }).lines;
    expect(b.join('\n')).not.toBe(a.join('\n'));
    // Same shape, though: the same districts and schools.
    const ids = (lines: string[]) =>
      lines
        .filter((l) => l.includes('"school.registered"'))
        .map((l) => JSON.parse(l).data.schoolId)
        .sort();
    expect(ids(b)).toEqual(ids(a));
  });

  it('defaults to seed 1', () => {
    expect(generate({ ...SMALL }).lines.join('\n')).toBe(
      generate({ ...SMALL, seed: 1 }).lines.join('\n'),
    );
  });

  it('with `until` writes exactly the prefix of the full log up to that instant', () => {
    const until = '2026-07-15T18:00:00+06:00';
    const full = generate({ ...SMALL, seed: 3 }).lines;
    const cut = generate({ ...SMALL, seed: 3, until }).lines;
    expect(cut.length).toBeGreaterThan(1000);
    expect(cut.length).toBeLessThan(full.length);
    expect(cut).toEqual(full.slice(0, cut.length));
    const limit = parseInstant(until);
    expect(parseInstant(JSON.parse(cut[cut.length - 1]).at)).toBeLessThanOrEqual(limit);
    expect(parseInstant(JSON.parse(full[cut.length]).at)).toBeGreaterThan(limit);
  });
});
