// Chart data for the dashboard and the reports page, aggregated where the data
// lives (main), so the page draws tens of points, never 200k: days are a few
// hundred at most, and per-school charts show the top N schools plus one
// "others" summary, so 2,200 schools cost the page the same as 20.
import type { Engine } from '../engine/engine';
import { ACTIVE_STATUSES } from '../engine/model';
import { bishkekDay } from '../reports/bishkekTime';
import { inCampaign } from '../district/campaignFigures';

/** How many schools a per-school chart draws; the rest are summed into `others`. */
export const TOP_SCHOOLS = 15;

export interface DayCount {
  day: string;
  stage1: number;
  stage2: number;
  /** submissions outside both windows (refused) and commission placements */
  other: number;
}

export interface SchoolFill {
  schoolId: string;
  name: string;
  /** seats taken within the quota: min(occupied, quota) */
  occupied: number;
  free: number;
  overflow: number;
}

export interface OthersSummary {
  schools: number;
  occupied: number;
  free: number;
  overflow: number;
}

export interface DocumentsDay {
  day: string;
  /** documents received so far (cumulative), commission placements included */
  received: number;
}

export interface PrivilegeSlice {
  category: string;
  pending: number;
  approved: number;
  rejected: number;
  /** a stage-2 claim, which plays no part */
  none: number;
  total: number;
}

export interface ChartData {
  perDay: DayCount[];
  fill: { schools: SchoolFill[]; others: OthersSummary | null; totalSchools: number };
  documents: {
    days: DocumentsDay[];
    /** the Bishkek day of the documents deadline (its last day), null before a campaign */
    deadlineDay: string | null;
    /** children holding a seat: the number documents must reach by the deadline */
    target: number;
    received: number;
  };
  privileges: { slices: PrivilegeSlice[]; claimed: number; applications: number };
  overflow: {
    schools: SchoolFill[];
    others: OthersSummary | null;
    schoolsInOverflow: number;
    totalOverflow: number;
  };
}

/**
 * `documentsAt`: the `at` of every applied documents.received event (the
 * engine keeps only the latest change of an application, so the day documents
 * came is read from the log by the caller).
 */
export function chartData(
  engine: Engine,
  documentsAt: readonly string[],
  top = TOP_SCHOOLS,
): ChartData {
  const dayOf = dayCache();
  return {
    perDay: perDay(engine, dayOf),
    fill: fillPerSchool(engine, top),
    documents: documentsAgainstDeadline(engine, documentsAt, dayOf),
    privileges: privilegeShare(engine),
    overflow: overflowSchools(engine, top),
  };
}

/**
 * bishkekDay with a cache: 200k applications and 175k documents took ~2.3 s of
 * date parsing on the republic log. Instants of one clock hour with a whole-hour
 * offset fall on one Bishkek day, so the day is looked up by that hour.
 */
export function dayCache(): (instant: string) => string {
  const cache = new Map<string, string>();
  return (instant) => {
    const z = instant.endsWith('Z');
    if (!z && !instant.endsWith(':00')) return bishkekDay(instant);
    const key = instant.slice(0, 13) + (z ? 'Z' : instant.slice(-6));
    let day = cache.get(key);
    if (day === undefined) cache.set(key, (day = bishkekDay(instant)));
    return day;
  };
}

export function perDay(engine: Engine, dayOf = dayCache()): DayCount[] {
  const byDay = new Map<string, DayCount>();
  for (const a of engine.applications.values()) {
    const day = dayOf(a.submittedAt);
    let row = byDay.get(day);
    if (!row) byDay.set(day, (row = { day, stage1: 0, stage2: 0, other: 0 }));
    if (a.stage === 1) row.stage1++;
    else if (a.stage === 2) row.stage2++;
    else row.other++;
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function schoolTotals(engine: Engine): SchoolFill[] {
  const bySchool = new Map<string, SchoolFill>();
  for (const st of engine.streams.values()) {
    // Private and special schools take no part: their seats are no campaign figure (issue 13).
    if (!inCampaign(engine.schools.get(st.schoolId)?.kind ?? '')) continue;
    let s = bySchool.get(st.schoolId);
    if (!s)
      bySchool.set(
        st.schoolId,
        (s = {
          schoolId: st.schoolId,
          name: engine.schools.get(st.schoolId)?.name ?? st.schoolId,
          occupied: 0,
          free: 0,
          overflow: 0,
        }),
      );
    // per stream, so one stream's free seats never hide another's overflow
    s.occupied += Math.min(st.occupied, st.quota);
    s.free += Math.max(0, st.quota - st.occupied);
    s.overflow += Math.max(0, st.occupied - st.quota);
  }
  return [...bySchool.values()];
}

function summarise(rest: SchoolFill[]): OthersSummary | null {
  if (rest.length === 0) return null;
  const o = { schools: rest.length, occupied: 0, free: 0, overflow: 0 };
  for (const s of rest) {
    o.occupied += s.occupied;
    o.free += s.free;
    o.overflow += s.overflow;
  }
  return o;
}

const byId = (a: SchoolFill, b: SchoolFill) =>
  a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0;

/** The `top` schools with the most children (seated plus overflow), then the others summed. */
export function fillPerSchool(engine: Engine, top = TOP_SCHOOLS): ChartData['fill'] {
  const all = schoolTotals(engine).sort(
    (a, b) => b.occupied + b.overflow - (a.occupied + a.overflow) || byId(a, b),
  );
  return {
    schools: all.slice(0, top),
    others: summarise(all.slice(top)),
    totalSchools: all.length,
  };
}

/** The `top` schools by overflow, largest first; the rest in overflow summed. */
export function overflowSchools(engine: Engine, top = TOP_SCHOOLS): ChartData['overflow'] {
  const over = schoolTotals(engine)
    .filter((s) => s.overflow > 0)
    .sort((a, b) => b.overflow - a.overflow || byId(a, b));
  return {
    schools: over.slice(0, top),
    others: summarise(over.slice(top)),
    schoolsInOverflow: over.length,
    totalOverflow: over.reduce((n, s) => n + s.overflow, 0),
  };
}

export function documentsAgainstDeadline(
  engine: Engine,
  documentsAt: readonly string[],
  dayOf = dayCache(),
): ChartData['documents'] {
  const perDay = new Map<string, number>();
  const add = (instant: string) => {
    const day = dayOf(instant);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  };
  for (const at of documentsAt) add(at);
  let target = 0;
  for (const a of engine.applications.values()) {
    if (ACTIVE_STATUSES.has(a.status)) target++;
    // a commission placement counts as documents received (R12), on the day it was decided
    if (a.basis === 'commission' && a.status !== 'withdrawn') add(a.submittedAt);
  }
  let received = 0;
  const days = [...perDay.keys()]
    .sort()
    .map((day) => ({ day, received: (received += perDay.get(day)!) }));
  const c = engine.campaign;
  // documentsEnd is exclusive: the deadline's last day is the day of the instant just before it
  const deadlineDay = c ? bishkekDay(new Date(c.documentsEnd - 1).toISOString()) : null;
  return { days, deadlineDay, target, received };
}

export function privilegeShare(engine: Engine): ChartData['privileges'] {
  const slices = new Map<string, PrivilegeSlice>();
  let claimed = 0;
  for (const a of engine.applications.values()) {
    if (a.privilegeCategory === null) continue;
    claimed++;
    let s = slices.get(a.privilegeCategory);
    if (!s)
      slices.set(
        a.privilegeCategory,
        (s = {
          category: a.privilegeCategory,
          pending: 0,
          approved: 0,
          rejected: 0,
          none: 0,
          total: 0,
        }),
      );
    s[a.privilege]++;
    s.total++;
  }
  return {
    slices: [...slices.values()].sort(
      (a, b) => b.total - a.total || (a.category < b.category ? -1 : 1),
    ),
    claimed,
    applications: engine.applications.size,
  };
}
