// Catchments (micro-districts) and the gap finder for the district officer.
// A save replaces the school's whole list with one catchment.set, after the
// codes are checked here (the log format accepts any non-empty string; a typo
// such as "BISH..OKT" would silently cover nobody).
import { covers } from '../../../shared/engine/catchment';
import { findGaps } from '../../../shared/district/gapFinder';
import { IN_SCOPE_KINDS } from '../../../shared/log/events';
import type { Req, Res } from '../../../shared/ipc/contract';
import { forbidden, invalid, notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { recordEvent } from '../events/recordEvents';
import type { StorePort } from '../storePort';

/** How many rows of each gap list one answer carries; the totals are always given. */
export const GAP_LIMIT = 1_000;

/** One segment of an address code: letters, digits, `_` or `-`, no spaces. */
const SEGMENT = /^[\p{L}\p{N}_-]+$/u;

function districtOnly(ctx: ServiceContext): StorePort {
  const store = requireStore(ctx);
  if (schoolScope(ctx) !== null) throw forbidden("catchments are the district officer's");
  return store;
}

/** Why a code is not a valid address-code prefix, or null. Shared with the screen's own check. */
export function codeProblem(code: string): string | null {
  if (code.length === 0) return 'is empty';
  if (code !== code.trim()) return 'has spaces around it';
  const segments = code.split('.');
  const bad = segments.findIndex((s) => s.length === 0);
  if (bad >= 0)
    return `has an empty segment (segment ${bad + 1}): codes are region.district.settlement.street.building`;
  const odd = segments.find((s) => !SEGMENT.test(s));
  if (odd !== undefined) return `segment "${odd}" may hold only letters, digits, "_" and "-"`;
  return null;
}

export async function listCatchments(
  _: object,
  ctx: ServiceContext,
): Promise<Res<'catchments.list'>> {
  const store = districtOnly(ctx);
  const schools = await store.reads.schools();
  return {
    schools: schools.map((s) => ({
      schoolId: s.id,
      name: s.name,
      kind: s.kind,
      inScope: IN_SCOPE_KINDS.has(s.kind),
      addresses: s.catchment,
    })),
  };
}

export async function saveCatchment(
  req: Req<'catchments.save'>,
  ctx: ServiceContext,
): Promise<Res<'catchments.save'>> {
  const store = districtOnly(ctx);
  const schools = await store.reads.schools();
  const school = schools.find((s) => s.id === req.schoolId);
  if (!school) throw notFound(`schoolId: no school ${req.schoolId}`);
  const first = new Map<string, number>();
  req.addresses.forEach((code, i) => {
    const problem = codeProblem(code);
    if (problem) throw invalid(`addresses.${i}: "${code}" ${problem}`);
    const earlier = first.get(code);
    if (earlier !== undefined)
      throw invalid(`addresses.${i}: "${code}" is listed twice (also addresses.${earlier})`);
    first.set(code, i);
  });
  // Another in-scope school's entry that covers a new code, or lies inside it: saved, but said.
  const warnings: Res<'catchments.save'>['warnings'] = [];
  for (const other of schools) {
    if (other.id === school.id || !IN_SCOPE_KINDS.has(other.kind)) continue;
    for (const entry of other.catchment) {
      for (const address of req.addresses) {
        if (covers(entry, address) || covers(address, entry))
          warnings.push({ address, schoolId: other.id, entry });
      }
    }
  }
  const same =
    school.catchment.length === req.addresses.length &&
    school.catchment.every((a, i) => a === req.addresses[i]);
  if (!same)
    await recordEvent(ctx, 'catchment.set', { schoolId: school.id, addresses: [...req.addresses] });
  return { written: !same, addresses: [...req.addresses], warnings };
}

export async function catchmentGaps(
  _: object,
  ctx: ServiceContext,
): Promise<Res<'catchments.gaps'>> {
  const store = districtOnly(ctx);
  const report = findGaps(await store.engine());
  return {
    uncovered: report.uncovered.slice(0, GAP_LIMIT),
    uncoveredTotal: report.uncovered.length,
    uncoveredApplications: report.uncovered.reduce((n, u) => n + u.applications, 0),
    overlapping: report.overlapping.slice(0, GAP_LIMIT),
    overlappingTotal: report.overlapping.length,
    catchmentOverlaps: report.catchmentOverlaps.slice(0, GAP_LIMIT),
  };
}
