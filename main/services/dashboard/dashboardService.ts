// dashboard.get: the campaign phase and the counts, district-wide or for one school
// (always the director's own). Everything comes from the store's projections, which
// the engine produced; nothing here re-derives a rule.
import { campaignSeatTotals, inCampaign } from '../../../shared/district/campaignFigures';
import { campaignPhase } from '../../../shared/ipc/campaignPhase';
import { STATUSES, type Dashboard } from '../../../shared/ipc/contract';
import { notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { storeNow } from '../clock/storeClock';

/** The demo's clock is frozen; a real district's is now, never before its last event. */
export async function getDashboard(
  req: { schoolId?: string },
  ctx: ServiceContext,
): Promise<Dashboard> {
  const store = requireStore(ctx);
  const schoolId = schoolScope(ctx) ?? req.schoolId ?? null;
  let scope: Dashboard['scope'] = null;
  if (schoolId !== null) {
    const school = (await store.schools(schoolId))[0];
    if (!school) throw notFound(`schoolId: no school ${schoolId}`);
    scope = { schoolId, schoolName: school.name };
  }
  const only = schoolId ?? undefined;
  const [calendar, asOf, counts, streams, schools, openCases, events] = await Promise.all([
    store.campaign(),
    storeNow(store),
    store.statusCounts(only),
    store.reads.streams(only),
    // Only schools that take part in the campaign count (issue 13: the free seats
    // once included private schools, which no transfer can reach).
    schoolId === null
      ? store.schools().then((s) => s.filter((x) => inCampaign(x.kind)).length)
      : Promise.resolve(1),
    // Cases are the district commission's: not one school's.
    schoolId === null ? store.openCases() : Promise.resolve(0),
    store.eventCount(),
  ]);
  const phase = calendar ? campaignPhase(calendar, asOf) : null;
  const seatTotals = campaignSeatTotals(streams);
  const full = Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as Dashboard['counts'];
  return {
    asOf,
    campaignYear: calendar?.year ?? null,
    phase: phase?.phase ?? 'not_opened',
    documentsOpen: phase?.documentsOpen ?? false,
    next: phase?.next ?? null,
    documentsDeadline: phase?.documentsDeadline ?? null,
    counts: full,
    totals: {
      applications: STATUSES.reduce((n, s) => n + full[s], 0),
      schools,
      ...seatTotals,
      openCases,
      events,
    },
    scope,
  };
}
