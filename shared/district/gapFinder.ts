// Houses missing from micro-districts were a real failure of the national
// system: children whose registered address no school serves lose stage 1
// without anyone noticing. The gap finder lists, from the engine's state,
// the addresses of applications that no catchment covers, and the places
// two schools both cover.
import { coveringPrefixes } from '../engine/catchment';
import type { Engine } from '../engine/engine';

export interface UncoveredAddress {
  address: string;
  applications: number;
  /** up to five application ids, to open from the list */
  sample: string[];
}

export interface OverlappingAddress {
  address: string;
  schoolIds: string[];
  applications: number;
}

export interface CatchmentOverlap {
  /** the entry that lies inside (or equals) another school's entry */
  entry: string;
  schoolId: string;
  coveredBy: { schoolId: string; entry: string }[];
}

export interface GapReport {
  uncovered: UncoveredAddress[];
  overlapping: OverlappingAddress[];
  catchmentOverlaps: CatchmentOverlap[];
}

/** Which in-scope schools' entries cover each address code (by exact entry). */
function entryIndex(engine: Engine): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const school of engine.schools.values()) {
    if (school.kind !== 'state' && school.kind !== 'municipal') continue;
    for (const entry of school.catchment.addresses) {
      const list = index.get(entry);
      if (list) {
        if (!list.includes(school.id)) list.push(school.id);
      } else index.set(entry, [school.id]);
    }
  }
  return index;
}

function schoolsCovering(index: Map<string, string[]>, address: string): string[] {
  const found: string[] = [];
  for (const prefix of coveringPrefixes(address)) {
    for (const id of index.get(prefix) ?? []) if (!found.includes(id)) found.push(id);
  }
  return found;
}

export function findGaps(engine: Engine): GapReport {
  const index = entryIndex(engine);
  const uncovered = new Map<string, UncoveredAddress>();
  const overlapping = new Map<string, OverlappingAddress>();
  for (const app of engine.applications.values()) {
    if (!app.registeredAddress) continue;
    const schools = schoolsCovering(index, app.registeredAddress);
    if (schools.length === 0) {
      const u = uncovered.get(app.registeredAddress) ?? {
        address: app.registeredAddress,
        applications: 0,
        sample: [],
      };
      u.applications++;
      if (u.sample.length < 5) u.sample.push(app.id);
      uncovered.set(u.address, u);
    } else if (schools.length > 1) {
      const o = overlapping.get(app.registeredAddress) ?? {
        address: app.registeredAddress,
        schoolIds: schools.sort(),
        applications: 0,
      };
      o.applications++;
      overlapping.set(o.address, o);
    }
  }
  const catchmentOverlaps: CatchmentOverlap[] = [];
  for (const school of engine.schools.values()) {
    if (school.kind !== 'state' && school.kind !== 'municipal') continue;
    for (const entry of school.catchment.addresses) {
      const coveredBy: CatchmentOverlap['coveredBy'] = [];
      for (const prefix of coveringPrefixes(entry)) {
        for (const other of index.get(prefix) ?? [])
          if (other !== school.id) coveredBy.push({ schoolId: other, entry: prefix });
      }
      if (coveredBy.length) catchmentOverlaps.push({ entry, schoolId: school.id, coveredBy });
    }
  }
  const byCount = <T extends { applications: number; address: string }>(a: T, b: T) =>
    b.applications - a.applications || a.address.localeCompare(b.address);
  return {
    uncovered: [...uncovered.values()].sort(byCount),
    overlapping: [...overlapping.values()].sort(byCount),
    catchmentOverlaps: catchmentOverlaps.sort(
      (a, b) => a.entry.localeCompare(b.entry) || a.schoolId.localeCompare(b.schoolId),
    ),
  };
}
