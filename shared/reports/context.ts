// What every report builder reads besides its own rows: the school behind an
// id, the districts covered, the instant the state is as of.
import type { Engine } from '../engine/engine';
import type { School } from '../engine/model';

export function schoolOf(engine: Engine, schoolId: string): School | undefined {
  return engine.schools.get(schoolId);
}

export function districtsOf(engine: Engine): string[] {
  const set = new Set<string>();
  for (const s of engine.schools.values()) set.add(s.districtId);
  return [...set].sort();
}

export function asOfOf(engine: Engine): string | null {
  return engine.lastAt;
}

/** Plain code-point order: deterministic everywhere, unlike locale collation. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
