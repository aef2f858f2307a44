// `commission`: every case the district commission opened, in the order
// opened, with its decision and, for a placed child, the placement now.
import type { Engine } from '../engine/engine';
import type { CaseStatus, Status } from '../engine/model';
import { CASE_REASON, CASE_STATUS, LANGUAGE, STATUS } from './labels';
import { asOfOf, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export interface CommissionRow {
  caseId: string;
  childName: string;
  pin: string | null;
  birthDate: string | null;
  caseReason: string;
  caseStatus: CaseStatus;
  openedAt: string;
  decidedAt: string | null;
  schoolId: string | null;
  schoolName: string | null;
  language: string | null;
  note: string | null;
  /** the placed child's application status (it may have been enrolled since) */
  status: Status | null;
  orderNumber: string | null;
}

export const COMMISSION_COLUMNS: readonly Column<CommissionRow>[] = [
  { key: 'caseId', kind: 'text', value: (r) => r.caseId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  { key: 'birthDate', kind: 'date', value: (r) => r.birthDate },
  // The reason is free text; the codes the app and the generator write in it get their label.
  { key: 'caseReason', kind: 'enum', domain: CASE_REASON, value: (r) => r.caseReason },
  { key: 'caseStatus', kind: 'enum', domain: CASE_STATUS, value: (r) => r.caseStatus },
  { key: 'openedAt', kind: 'datetime', value: (r) => r.openedAt },
  { key: 'decidedAt', kind: 'datetime', value: (r) => r.decidedAt },
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'note', kind: 'text', value: (r) => r.note },
  { key: 'status', kind: 'enum', domain: STATUS, value: (r) => r.status },
  { key: 'orderNumber', kind: 'text', value: (r) => r.orderNumber },
];

export function commissionReport(engine: Engine): ReportTable<CommissionRow> {
  const rows: CommissionRow[] = [];
  for (const c of engine.cases.values()) {
    // A placed case is the application whose id is the case id (FORMATS.md).
    const app = c.status === 'placed' ? engine.applications.get(c.id) : undefined;
    rows.push({
      caseId: c.id,
      childName: c.fullName,
      pin: c.pin,
      birthDate: c.birthDate,
      caseReason: c.reason,
      caseStatus: c.status,
      openedAt: c.openedAt,
      decidedAt: c.decidedAt,
      schoolId: c.schoolId,
      schoolName: c.schoolId === null ? null : (engine.schools.get(c.schoolId)?.name ?? null),
      language: c.language,
      note: c.note,
      status: app?.status ?? null,
      orderNumber: app?.orderNumber ?? null,
    });
  }
  return {
    name: 'commission',
    columns: COMMISSION_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
