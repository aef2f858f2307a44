// From a clean district workbook to the events that bring the engine's state
// to it: only the changes. An unchanged file plans nothing; a changed quota
// plans exactly one quota.set. The caller appends the whole plan in one
// store transaction, or nothing.
import type { Engine } from '../engine/engine';
import { streamKey } from '../engine/model';
import type { Actor, EventOf, LogEvent } from '../log/events';
import { canonicalJson, contentHash } from './contentId';
import type { CatchmentEntry, DistrictModel, SchoolEntry } from './districtModel';

export interface PlanOptions {
  /** the instant every planned event carries (the moment the officer confirms) */
  at: string;
  actor: Actor;
  /** id of each event; by default derived from `at` and the event's content */
  newId?: (type: string, data: unknown, index: number) => string;
}

/** What the workbook leaves as it is because no event can express it; shown in the preview. */
export type PlanNotice =
  | { kind: 'school_not_in_workbook'; schoolId: string }
  | { kind: 'stream_not_in_workbook'; schoolId: string; language: string }
  | { kind: 'classes_kept'; schoolId: string; language: string; classes: number };

export interface ImportPlan {
  events: LogEvent[];
  counts: {
    schoolsAdded: number;
    schoolsChanged: number;
    catchmentsChanged: number;
    streamsAdded: number;
    quotasChanged: number;
  };
  notices: PlanNotice[];
}

type SchoolData = EventOf<'school.registered'>['data'];
type QuotaData = EventOf<'quota.set'>['data'];

export function planImport(engine: Engine, model: DistrictModel, options: PlanOptions): ImportPlan {
  const events: LogEvent[] = [];
  const counts = {
    schoolsAdded: 0,
    schoolsChanged: 0,
    catchmentsChanged: 0,
    streamsAdded: 0,
    quotasChanged: 0,
  };
  const notices: PlanNotice[] = [];
  const newId =
    options.newId ??
    ((type, data) => `xlsx-${contentHash(`${options.at}\n${type}\n${canonicalJson(data)}`)}`);
  const push = <T extends LogEvent['type']>(type: T, data: EventOf<T>['data']) => {
    events.push({
      id: newId(type, data, events.length),
      type,
      at: options.at,
      actor: options.actor,
      data,
    } as LogEvent);
  };

  // Schools first: the catchments and quotas below may name a school this plan creates.
  for (const s of model.schools) {
    const existing = engine.schools.get(s.id);
    const data = schoolData(s);
    if (!existing) {
      push('school.registered', data);
      counts.schoolsAdded++;
    } else if (
      existing.name !== s.name ||
      existing.kind !== s.kind ||
      existing.districtId !== s.districtId ||
      existing.locality !== s.locality ||
      existing.classSizeNorm !== s.classSizeNorm
    ) {
      push('school.registered', data);
      counts.schoolsChanged++;
    }
  }

  const prefixesOf = groupCatchments(model.catchments);
  for (const s of model.schools) {
    const wanted = prefixesOf.get(s.id) ?? [];
    const current = engine.schools.get(s.id)?.catchment.addresses ?? [];
    if (!sameSet(wanted, current)) {
      push('catchment.set', { schoolId: s.id, addresses: wanted });
      counts.catchmentsChanged++;
    }
  }

  for (const q of model.quotas) {
    const stream = engine.streams.get(streamKey(q.schoolId, q.language));
    const data: QuotaData = { schoolId: q.schoolId, language: q.language, seats: q.seats };
    if (q.classes !== null) data.classes = q.classes;
    if (!stream) {
      push('quota.set', data);
      counts.streamsAdded++;
    } else if (stream.quota !== q.seats || (q.classes !== null && stream.classes !== q.classes)) {
      push('quota.set', data);
      counts.quotasChanged++;
    }
    // quota.set cannot clear planned classes: an empty cell keeps them.
    if (stream && q.classes === null && stream.classes !== null) {
      notices.push({
        kind: 'classes_kept',
        schoolId: q.schoolId,
        language: q.language,
        classes: stream.classes,
      });
    }
  }

  // The log has no event that removes a school or a stream; say what stays.
  const inWorkbook = new Set(model.schools.map((s) => s.id));
  const streamsInWorkbook = new Set(model.quotas.map((q) => streamKey(q.schoolId, q.language)));
  for (const id of engine.schools.keys())
    if (!inWorkbook.has(id)) notices.push({ kind: 'school_not_in_workbook', schoolId: id });
  for (const st of engine.streams.values()) {
    if (inWorkbook.has(st.schoolId) && !streamsInWorkbook.has(st.key))
      notices.push({
        kind: 'stream_not_in_workbook',
        schoolId: st.schoolId,
        language: st.language,
      });
  }
  return { events, counts, notices };
}

function schoolData(s: SchoolEntry): SchoolData {
  const data: SchoolData = { schoolId: s.id, name: s.name, kind: s.kind, districtId: s.districtId };
  if (s.locality !== null) data.locality = s.locality;
  if (s.classSizeNorm !== null) data.classSizeNorm = s.classSizeNorm;
  return data;
}

function groupCatchments(entries: CatchmentEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    let list = out.get(e.schoolId);
    if (!list) out.set(e.schoolId, (list = []));
    list.push(e.prefix);
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}
