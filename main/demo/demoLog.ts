// What the demo district is: Bishkek's Oktyabrsky district, 25 schools with ky and
// ru streams, 6,000 children, a campaign stopped partway through stage 2.
import { findDistrict, generateLog } from '../../shared/generator';
import type { LogEvent } from '../../shared/log/events';

export const DEMO = {
  seed: 2026,
  year: 2026,
  district: 'BISH.OKT',
  schools: 25,
  children: 6000,
  /** two weeks into stage 2 (it opened on 27 June) */
  until: '2026-07-10T12:00:00+06:00',
} as const;

export interface DemoSource {
  events: Iterable<LogEvent>;
  districtName: string;
  /** the instant the demo's clock is frozen at */
  until: string;
}

export function demoLog(): DemoSource {
  const district = findDistrict(DEMO.district);
  if (!district) throw new Error(`the generator does not know the demo district ${DEMO.district}`);
  return {
    events: generateLog({
      seed: DEMO.seed,
      year: DEMO.year,
      districtNames: [DEMO.district],
      schoolsPerDistrict: DEMO.schools,
      children: DEMO.children,
      until: DEMO.until,
      // A demo district with R16 waitlists, for training on queues (and for the e2e specs that show them).
      waitlist: process.env.KABYL_DEMO_WAITLIST === '1',
    }),
    districtName: district.nameKy,
    until: DEMO.until,
  };
}
