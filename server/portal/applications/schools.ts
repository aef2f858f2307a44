// The schools a parent may choose: in stage 1 those whose catchment covers
// the child's registered address (R4; with a privilege claim any in-scope
// school with a free seat is possible too, R5), in stage 2 every in-scope
// school with a free seat (R6), searchable by name and district.
import type { Engine } from '../../../shared/engine/engine';
import { DISTRICTS } from '../../../shared/generator';
import type { SchoolView, SchoolsPage } from '../../../shared/portal/contract';

const IN_SCOPE = new Set(['state', 'municipal']);

export function districtName(id: string): string {
  return DISTRICTS.find((d) => d.code === id)?.name ?? id;
}

export function listSchools(
  engine: Engine,
  stage: 1 | 2,
  address: string | null,
  q: { q?: string; districtId?: string; offset: number; limit: number },
): SchoolsPage {
  const byStream = new Map<string, SchoolView['streams']>();
  for (const s of engine.streams.values()) {
    const list = byStream.get(s.schoolId) ?? [];
    list.push({ language: s.language, quota: s.quota, free: engine.freeSeats(s) });
    byStream.set(s.schoolId, list);
  }
  const needle = q.q?.toLocaleLowerCase() ?? '';
  const all: SchoolView[] = [];
  const districts = new Map<string, string>();
  for (const school of engine.schools.values()) {
    if (!IN_SCOPE.has(school.kind)) continue;
    const streams = (byStream.get(school.id) ?? []).sort((a, b) => a.language.localeCompare(b.language));
    if (streams.length === 0) continue;
    districts.set(school.districtId, districtName(school.districtId));
    const catchment = address !== null && school.catchment.covers(address);
    if (stage === 1 && !catchment) continue;
    if (stage === 2) {
      if (!streams.some((s) => s.free > 0)) continue;
      if (q.districtId && school.districtId !== q.districtId) continue;
      if (needle && !school.name.toLocaleLowerCase().includes(needle) && !school.id.toLowerCase().includes(needle)) {
        continue;
      }
    }
    all.push({
      schoolId: school.id,
      name: school.name,
      districtId: school.districtId,
      districtName: districtName(school.districtId),
      catchment,
      streams,
    });
  }
  all.sort((a, b) => a.name.localeCompare(b.name) || a.schoolId.localeCompare(b.schoolId));
  return {
    stage,
    total: all.length,
    schools: all.slice(q.offset, q.offset + q.limit),
    districts: [...districts].map(([districtId, name]) => ({ districtId, name })).sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
  };
}
