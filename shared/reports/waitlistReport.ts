// `waitlist` (R16): one row per entry of every stream's queue, in queue order:
// who waits, at which place, since when, and whether it is a child waiting for
// a first seat or a placed child's standing transfer request.
import type { Engine } from '../engine/engine';
import { LANGUAGE, QUEUE_ENTRY_KIND } from './labels';
import { asOfOf, byText, districtsOf, schoolOf } from './context';
import type { Column, ReportTable } from './table';

export interface WaitlistRow {
  schoolId: string;
  schoolName: string;
  districtId: string;
  language: string;
  position: number;
  applicationId: string;
  childName: string;
  pin: string | null;
  kind: 'wait' | 'transfer';
  /** for a standing transfer: the stream the child holds a seat in now */
  currentStream: string | null;
  since: string;
}

export const WAITLIST_COLUMNS: readonly Column<WaitlistRow>[] = [
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'districtId', kind: 'text', value: (r) => r.districtId },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'position', kind: 'integer', value: (r) => r.position },
  { key: 'applicationId', kind: 'text', value: (r) => r.applicationId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  { key: 'queueEntryKind', kind: 'enum', domain: QUEUE_ENTRY_KIND, value: (r) => r.kind },
  { key: 'currentStream', kind: 'text', value: (r) => r.currentStream },
  { key: 'since', kind: 'datetime', value: (r) => r.since },
];

export function waitlistReport(engine: Engine): ReportTable<WaitlistRow> {
  const rows: WaitlistRow[] = [];
  const streams = [...engine.streams.values()].sort(
    (a, b) => byText(a.schoolId, b.schoolId) || byText(a.language, b.language),
  );
  for (const stream of streams) {
    const school = schoolOf(engine, stream.schoolId);
    engine.waitlist(stream.key).forEach((entry, i) => {
      const app = engine.applications.get(entry.applicationId)!;
      rows.push({
        schoolId: stream.schoolId,
        schoolName: school?.name ?? '',
        districtId: school?.districtId ?? '',
        language: stream.language,
        position: i + 1,
        applicationId: app.id,
        childName: app.childName,
        pin: app.pin,
        kind: entry.kind,
        currentStream: entry.kind === 'transfer' ? `${app.schoolId}/${app.language}` : null,
        since: entry.since,
      });
    });
  }
  return {
    name: 'waitlist',
    columns: WAITLIST_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
