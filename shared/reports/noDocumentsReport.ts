// `no-documents`: the children who lost their seat at the documents deadline
// (R11), the list the commission works from (R12).
import type { Engine } from '../engine/engine';
import { BASIS, LANGUAGE, PRIVILEGE_CATEGORY } from './labels';
import { type ApplicationRow, applicationRow } from './applicationsReport';
import { asOfOf, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export type NoDocumentsRow = ApplicationRow;

export const NO_DOCUMENTS_COLUMNS: readonly Column<NoDocumentsRow>[] = [
  { key: 'applicationId', kind: 'text', value: (r) => r.applicationId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'districtId', kind: 'text', value: (r) => r.districtId },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'stage', kind: 'integer', value: (r) => r.stage },
  { key: 'basis', kind: 'enum', domain: BASIS, value: (r) => r.basis },
  {
    key: 'privilegeCategory',
    kind: 'enum',
    domain: PRIVILEGE_CATEGORY,
    value: (r) => r.privilegeCategory,
  },
  { key: 'submittedAt', kind: 'datetime', value: (r) => r.submittedAt },
  { key: 'seatFreedAt', kind: 'datetime', value: (r) => r.updatedAt },
];

export function noDocumentsReport(engine: Engine): ReportTable<NoDocumentsRow> {
  const rows: NoDocumentsRow[] = [];
  for (const a of engine.applications.values())
    if (a.status === 'no_documents') rows.push(applicationRow(engine, a));
  return {
    name: 'no-documents',
    columns: NO_DOCUMENTS_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
