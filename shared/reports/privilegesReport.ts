// `privileges`: every application that claimed a privilege, in log order,
// with the claim's state. A stage-2 claim plays no part (state `none`) but is
// listed, so the district sees every claim a family made.
import type { Engine } from '../engine/engine';
import { BASIS, LANGUAGE, PRIVILEGE_CATEGORY, PRIVILEGE_STATE, REASON, STATUS } from './labels';
import { type ApplicationRow, applicationRow } from './applicationsReport';
import { asOfOf, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export type PrivilegeRow = ApplicationRow;

export const PRIVILEGE_COLUMNS: readonly Column<PrivilegeRow>[] = [
  { key: 'applicationId', kind: 'text', value: (r) => r.applicationId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  {
    key: 'privilegeCategory',
    kind: 'enum',
    domain: PRIVILEGE_CATEGORY,
    value: (r) => r.privilegeCategory,
  },
  { key: 'privilegeState', kind: 'enum', domain: PRIVILEGE_STATE, value: (r) => r.privilegeState },
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'districtId', kind: 'text', value: (r) => r.districtId },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'stage', kind: 'integer', value: (r) => r.stage },
  { key: 'status', kind: 'enum', domain: STATUS, value: (r) => r.status },
  { key: 'basis', kind: 'enum', domain: BASIS, value: (r) => r.basis },
  { key: 'reason', kind: 'enum', domain: REASON, value: (r) => r.reason },
  { key: 'submittedAt', kind: 'datetime', value: (r) => r.submittedAt },
  { key: 'updatedAt', kind: 'datetime', value: (r) => r.updatedAt },
];

export function privilegesReport(engine: Engine): ReportTable<PrivilegeRow> {
  const rows: PrivilegeRow[] = [];
  for (const a of engine.applications.values())
    if (a.privilegeCategory !== null) rows.push(applicationRow(engine, a));
  return {
    name: 'privileges',
    columns: PRIVILEGE_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
