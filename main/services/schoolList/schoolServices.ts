// schools.list: schools with their streams' seats; a director gets their own school only.
import { inCampaign } from '../../../shared/district/campaignFigures';
import type { Res } from '../../../shared/ipc/contract';
import { requireStore, schoolScope, type ServiceContext } from '../context';

export async function listSchools(_: object, ctx: ServiceContext): Promise<Res<'schools.list'>> {
  const store = requireStore(ctx);
  const only = schoolScope(ctx) ?? undefined;
  const [schools, streams] = await Promise.all([store.schools(only), store.streams(only)]);
  const bySchool = new Map<string, Res<'schools.list'>['schools'][number]['streams']>();
  for (const s of streams) {
    const list = bySchool.get(s.schoolId) ?? [];
    list.push({
      language: s.language,
      quota: s.quota,
      occupied: s.occupied,
      free: Math.max(0, s.quota - s.occupied),
      overflow: Math.max(0, s.occupied - s.quota),
    });
    bySchool.set(s.schoolId, list);
  }
  return {
    schools: schools.map((s) => ({
      ...s,
      inScope: inCampaign(s.kind),
      streams: bySchool.get(s.schoolId) ?? [],
    })),
  };
}
