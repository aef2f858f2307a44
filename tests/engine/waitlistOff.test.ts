// R16 is a campaign option, off by default: with it off, `kabyl replay`
// must print exactly what it printed before waitlists existed, apart from
// the two keys R16 adds (`"waitlist":null` on every application, `"waitlist":0`
// on every stream). The digests below were taken from the engine as it was
// before R16 (commit 09028eb), on generator logs that exercise every rule.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Replayer, replayJson } from '../../shared/engine/replay';
import { generate } from '../generator/generated';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Removes exactly the keys R16 added, and only where the option leaves them empty. */
export function withoutWaitlistKeys(json: string): string {
  return json.replaceAll(',"waitlist":null}', '}').replaceAll(',"waitlist":0}', '}');
}

const CASES = [
  {
    seed: 1,
    districts: 1,
    schoolsPerDistrict: 25,
    children: 6000,
    log: '9687b371b61910938382ec7cd6be1c5a74960389b92efc5f89387eda9df65fa5',
    replay: '467b31a0baae2cd243eea26af235e5456c38ffccf04ca64c47c3e458b5847b5d',
  },
  {
    seed: 2,
    districts: 2,
    schoolsPerDistrict: 10,
    children: 3000,
    log: 'ab54c61f02940ee1d358ab0577bff41cbfce5d3a47fd9794576a47012ac6cc70',
    replay: 'e260005594521feca60d5e42bc194ea5b2421a0548de8461fa397710cdcdf310',
  },
  {
    seed: 3,
    districts: 4,
    schoolsPerDistrict: 8,
    children: 2500,
    log: 'a17c9560395c45f6f1a1fd19be57af8562b9e615f7429fd407dc006ee97b766b',
    replay: '40203b47593e5c9cc3bd060cd445e6813892f88b4d0100822f00680b7ace2132',
  },
  {
    seed: 7,
    districts: 1,
    schoolsPerDistrict: 5,
    children: 800,
    log: 'ee477805e53b96fcb3ea45a24397204efbe62de9bb48a2803a1071513a12b6a3',
    replay: '681d4a7e4ba4a824399c2085ec4923d6636d642ca23300663f225dc08ac584f2',
  },
];

/** A campaign caught in stage 2, then replayed as of after the deadline. */
const CUT = {
  options: {
    seed: 5,
    districts: 1,
    schoolsPerDistrict: 6,
    children: 1500,
    until: '2026-07-15T18:00:00+06:00',
  },
  log: '15702930089299f5a7183040013b5e9eabce17e61daf121d6bbc464e7135ded9',
  replay: 'c5ae1ee510ca199c9e1479087f806e026e865078889b6fa40a77c1180d7d4036',
  asOf: '2026-09-20T00:00:00+06:00',
  replayAsOf: 'a206c47c914d2ce4fd5b06a09078684735a7b89fefdf445e5539c75999d5c535',
};

function replayed(lines: string[], at?: string): string {
  const r = new Replayer({ details: false });
  for (const line of lines) r.line(line);
  return replayJson(r.close(at)) + '\n';
}

describe('with waitlists off, replay prints what it printed before R16', () => {
  for (const c of CASES) {
    it(`generator seed ${c.seed} (${c.children} children)`, () => {
      const { lines } = generate(c);
      expect(sha256(lines.join('\n') + '\n')).toBe(c.log);
      const json = replayed(lines);
      expect(sha256(withoutWaitlistKeys(json))).toBe(c.replay);
    });
  }

  it('a campaign cut in stage 2, and the same one replayed as of after the deadline', () => {
    const { lines } = generate(CUT.options);
    expect(sha256(lines.join('\n') + '\n')).toBe(CUT.log);
    expect(sha256(withoutWaitlistKeys(replayed(lines)))).toBe(CUT.replay);
    expect(sha256(withoutWaitlistKeys(replayed(lines, CUT.asOf)))).toBe(CUT.replayAsOf);
  });
});
