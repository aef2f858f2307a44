// `daily`: applications per Bishkek calendar day and stage, with what became
// of them. Every application is counted once, on the day it was created:
// submissions by their stage (none when they came outside both windows) and
// commission placements with no stage, so the counts add up to the
// `applications` report.
import type { Engine } from '../engine/engine';
import type { Stage } from '../engine/model';
import { bishkekDay } from './bishkekTime';
import { asOfOf, byText, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export interface DailyRow {
  day: string;
  stage: Stage | null;
  applications: number;
  /** holding a seat now: registered, documents received or enrolled */
  active: number;
  refused: number;
  withdrawn: number;
  noDocuments: number;
}

export const DAILY_COLUMNS: readonly Column<DailyRow>[] = [
  { key: 'day', kind: 'date', value: (r) => r.day },
  { key: 'stage', kind: 'integer', value: (r) => r.stage },
  { key: 'applications', kind: 'integer', value: (r) => r.applications },
  { key: 'active', kind: 'integer', value: (r) => r.active },
  { key: 'refused', kind: 'integer', value: (r) => r.refused },
  { key: 'withdrawn', kind: 'integer', value: (r) => r.withdrawn },
  { key: 'noDocuments', kind: 'integer', value: (r) => r.noDocuments },
];

export function dailyReport(engine: Engine): ReportTable<DailyRow> {
  const byKey = new Map<string, DailyRow>();
  for (const a of engine.applications.values()) {
    const day = bishkekDay(a.submittedAt);
    const key = `${day}|${a.stage ?? ''}`;
    let row = byKey.get(key);
    if (!row)
      byKey.set(
        key,
        (row = {
          day,
          stage: a.stage,
          applications: 0,
          active: 0,
          refused: 0,
          withdrawn: 0,
          noDocuments: 0,
        }),
      );
    row.applications++;
    switch (a.status) {
      case 'registered':
      case 'documents_received':
      case 'enrolled':
        row.active++;
        break;
      case 'refused':
        row.refused++;
        break;
      case 'withdrawn':
        row.withdrawn++;
        break;
      case 'no_documents':
        row.noDocuments++;
        break;
    }
  }
  const rows = [...byKey.values()].sort(
    (x, y) => byText(x.day, y.day) || (x.stage ?? 3) - (y.stage ?? 3),
  );
  return {
    name: 'daily',
    columns: DAILY_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
