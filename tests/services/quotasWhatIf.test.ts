// The quotas screen's what-if uses the store's live engine as its "before" side
// (one replay instead of two). It must answer exactly what shared/district/whatIf.ts
// answers from the events alone, on a generated district with every kind of event.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { whatIfQuotas } from '../../shared/district/whatIf';
import { generateLog } from '../../shared/generator';
import type { LogEvent } from '../../shared/log/events';
import { whatIfAgainst, whatIfAgainstLive } from '../../main/services/quotas/whatIfLive';

describe('what-if against the live engine', () => {
  const events: LogEvent[] = [...generateLog({ seed: 7, year: 2026, districtNames: ['BISH.OKT'], schoolsPerDistrict: 6, children: 900, until: '2026-07-10T12:00:00+06:00' })];
  const live = new Engine({ trackChanges: true });
  for (const e of events) live.ingest(e);
  const streams = [...live.streams.values()];

  it.each([
    ['raised full streams', () => streams.filter((s) => s.occupied >= s.quota).map((s) => ({ schoolId: s.schoolId, language: s.language, seats: s.quota + 15 }))],
    ['lowered streams', () => streams.slice(0, 3).map((s) => ({ schoolId: s.schoolId, language: s.language, seats: Math.max(0, s.quota - 20) }))],
    ['a stream opened', () => [{ schoolId: streams[0]!.schoolId, language: 'uz', seats: 10 }]],
  ])('%s: the same changes, counts and streams as whatIfQuotas', (_, overrides) => {
    const o = overrides();
    expect(o.length).toBeGreaterThan(0);
    const expected = whatIfQuotas(events, o);
    const actual = whatIfAgainst(live, events, o);
    expect(actual).toEqual(expected);
    expect(expected.changes.length + expected.streams.length).toBeGreaterThan(0);
  });

  it('the sliced replay gives the same answer, and replays the before side too when the live engine moved on', async () => {
    const o = streams.filter((s) => s.occupied >= s.quota).map((s) => ({ schoolId: s.schoolId, language: s.language, seats: s.quota + 15 }));
    const expected = whatIfQuotas(events, o);
    expect(await whatIfAgainstLive(live, events, o, 97)).toEqual(expected);
    // An engine that is not the fold of these events (here: one that saw none) is not used as "before".
    expect(await whatIfAgainstLive(new Engine(), events, o, 97)).toEqual(expected);
  });
});
