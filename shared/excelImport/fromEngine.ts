// The engine's current set-up as a district model: what a pre-filled template
// holds, so an officer can download the district as it is, edit it in Excel
// and import it back (which then writes only the edits).
import type { Engine } from '../engine/engine';
import type { DistrictModel } from './districtModel';

export function districtModelFromEngine(engine: Engine): DistrictModel {
  const languagesOf = new Map<string, string[]>();
  for (const st of engine.streams.values()) {
    let list = languagesOf.get(st.schoolId);
    if (!list) languagesOf.set(st.schoolId, (list = []));
    list.push(st.language);
  }
  const model: DistrictModel = { schools: [], catchments: [], quotas: [] };
  for (const s of engine.schools.values()) {
    model.schools.push({
      id: s.id,
      name: s.name,
      kind: s.kind,
      districtId: s.districtId,
      languages: languagesOf.get(s.id) ?? [],
      locality: s.locality,
      classSizeNorm: s.classSizeNorm,
      row: 0,
    });
    for (const prefix of s.catchment.addresses)
      model.catchments.push({ schoolId: s.id, prefix, row: 0 });
  }
  for (const st of engine.streams.values()) {
    model.quotas.push({
      schoolId: st.schoolId,
      language: st.language,
      seats: st.quota,
      classes: st.classes,
      row: 0,
    });
  }
  return model;
}
