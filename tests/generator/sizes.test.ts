// The sizes asked for are the sizes written: schools per district exactly,
// children (distinct PINs, and commission cases without one) nearly all of
// them, and about two events per child, so 200,000 children make about
// 400,000 events (the republic-sized run itself is `npm run bench:generator`).
import { describe, expect, it } from 'vitest';
import { parsePin } from '../../shared/engine/pin';
import { generate, ofType } from './generated';

describe('generated sizes', () => {
  it('match the options', () => {
    const options = { seed: 5, districts: 10, schoolsPerDistrict: 12, children: 12_000 };
    const { events } = generate(options);
    const schools = ofType(events, 'school.registered');
    expect(schools).toHaveLength(120);
    expect(new Set(schools.map((s) => s.data.districtId)).size).toBe(10);

    const pins = new Set(
      ofType(events, 'application.submitted')
        .map((e) => e.data.child.pin)
        .filter((p) => parsePin(p) !== null),
    );
    const withoutPin = ofType(events, 'commission.case_opened').filter(
      (e) => e.data.child.pin === undefined,
    ).length;
    const children = pins.size + withoutPin;
    // A few families never get as far as an application (they gave up before stage 2).
    expect(children).toBeLessThanOrEqual(options.children);
    expect(children).toBeGreaterThan(options.children * 0.98);

    const perChild = events.length / options.children;
    expect(perChild).toBeGreaterThan(2 * 0.85);
    expect(perChild).toBeLessThan(2 * 1.2);
  });

  it('handle the smallest campaign: one school, no children', () => {
    const { events } = generate({ children: 0, schoolsPerDistrict: 1 });
    expect(events.map((e) => e.type)).toEqual([
      'campaign.opened',
      'school.registered',
      'catchment.set',
      'quota.set',
      'quota.set',
    ]);
  });
});
