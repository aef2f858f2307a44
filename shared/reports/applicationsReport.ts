// `applications`: every application in the replay, in log order.
import type { Engine } from '../engine/engine';
import type { Application, Basis, PrivilegeState, Stage, Status } from '../engine/model';
import type { Reason } from '../engine/reasons';
import { BASIS, LANGUAGE, PRIVILEGE_CATEGORY, PRIVILEGE_STATE, REASON, STATUS } from './labels';
import { asOfOf, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export interface ApplicationRow {
  applicationId: string;
  childName: string;
  pin: string | null;
  status: Status;
  reason: Reason | null;
  schoolId: string;
  schoolName: string | null;
  districtId: string | null;
  language: string;
  stage: Stage | null;
  basis: Basis | null;
  privilegeCategory: string | null;
  privilegeState: PrivilegeState;
  orderNumber: string | null;
  submittedAt: string;
  updatedAt: string;
}

export function applicationRow(engine: Engine, a: Application): ApplicationRow {
  const school = engine.schools.get(a.schoolId);
  return {
    applicationId: a.id,
    childName: a.childName,
    pin: a.pin,
    status: a.status,
    reason: a.reason,
    schoolId: a.schoolId,
    schoolName: school?.name ?? null,
    districtId: school?.districtId ?? null,
    language: a.language,
    stage: a.stage,
    basis: a.basis,
    privilegeCategory: a.privilegeCategory,
    privilegeState: a.privilege,
    orderNumber: a.orderNumber,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
  };
}

export const APPLICATION_COLUMNS: readonly Column<ApplicationRow>[] = [
  { key: 'applicationId', kind: 'text', value: (r) => r.applicationId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  { key: 'status', kind: 'enum', domain: STATUS, value: (r) => r.status },
  { key: 'reason', kind: 'enum', domain: REASON, value: (r) => r.reason },
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
  { key: 'privilegeState', kind: 'enum', domain: PRIVILEGE_STATE, value: (r) => r.privilegeState },
  { key: 'orderNumber', kind: 'text', value: (r) => r.orderNumber },
  { key: 'submittedAt', kind: 'datetime', value: (r) => r.submittedAt },
  { key: 'updatedAt', kind: 'datetime', value: (r) => r.updatedAt },
];

export function applicationsReport(engine: Engine): ReportTable<ApplicationRow> {
  const rows: ApplicationRow[] = [];
  for (const a of engine.applications.values()) rows.push(applicationRow(engine, a));
  return {
    name: 'applications',
    columns: APPLICATION_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
