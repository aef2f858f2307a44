// The projections the UI queries. Only the engine produces their rows
// (main/store/projection/tables.ts maps engine state onto these columns, in this order).
import type {
  Basis,
  CaseStatus,
  Locality,
  PrivilegeState,
  Stage,
  Status,
} from '../../../shared/engine/model';
import type { SchoolKind } from '../../../shared/log/events';
import type { Reason } from '../../../shared/engine/reasons';
import { col, defineTable, type RecordOf } from './defineTable';

export const CAMPAIGN = defineTable('Campaign', 'campaign', [
  col.integer<'id', 1>('id', { primary: true }),
  col.integer('year'),
  col.text('stage1Start'),
  col.text('stage2Start'),
  col.text('stage2End'),
  col.text('documentsStart'),
  col.text('documentsEnd'),
  col.text('birthDateFrom'),
  col.text('birthDateTo'),
  col.integerOrNull('maxWithdrawals'),
  /** JSON array of the category codes */
  col.text('privilegeCategories'),
  /** the campaign.opened payload as written, JSON */
  col.text('data'),
  /** the `at` of the last applied event */
  col.textOrNull('lastAt'),
  col.integer<'deadlinePassed', 0 | 1>('deadlinePassed'),
]);
export type CampaignRecord = RecordOf<typeof CAMPAIGN.defs>;

export const SCHOOL = defineTable(
  'School',
  'school',
  [
    col.text('id', { primary: true }),
    col.text('name'),
    col.text<'kind', SchoolKind>('kind'),
    col.text('districtId'),
    col.textOrNull<'locality', Locality>('locality'),
    col.integerOrNull('classSizeNorm'),
    /** JSON array of the catchment's addresses */
    col.text('catchment'),
  ],
  [{ name: 'idx_school_district', columns: ['districtId'] }],
);
export type SchoolRecord = RecordOf<typeof SCHOOL.defs>;

export const STREAM = defineTable(
  'Stream',
  'stream',
  [
    col.text('key', { primary: true }),
    col.text('schoolId'),
    col.text('language'),
    col.integer('quota'),
    col.integer('occupied'),
    col.integerOrNull('classes'),
  ],
  [{ name: 'idx_stream_school', columns: ['schoolId', 'language'] }],
);
export type StreamRecord = RecordOf<typeof STREAM.defs>;

export const APPLICATION = defineTable(
  'Application',
  'application',
  [
    col.text('id', { primary: true }),
    col.text('eventId'),
    col.text('submittedAt'),
    /** submittedAt as epoch ms: instants with different offsets sort right */
    col.integer('submittedMs'),
    col.text('updatedAt'),
    col.text<'status', Status>('status'),
    col.textOrNull<'reason', Reason>('reason'),
    col.text('schoolId'),
    col.text('language'),
    col.integerOrNull<'stage', Stage>('stage'),
    col.textOrNull<'basis', Basis>('basis'),
    col.text<'privilege', PrivilegeState>('privilege'),
    col.textOrNull('privilegeCategory'),
    col.textOrNull('orderNumber'),
    col.textOrNull('pin'),
    col.text('childName'),
    /** the name lower-cased for search */
    col.text('nameKey'),
    col.textOrNull('registeredAddress'),
    col.textOrNull('actualAddress'),
    col.textOrNull('caseId'),
    /** R16: the stream key whose queue it is in (its own when waitlisted, a standing transfer's target
     * otherwise), its place there and since when (migration Waitlists) */
    col.textOrNull('waitlistStream'),
    col.integerOrNull('waitlistPosition'),
    col.textOrNull('waitlistSince'),
  ],
  // The registry filters by these and pages each sort by (column, id): migration RegistryIndexes.
  [
    { name: 'idx_application_status', columns: ['status', 'id'] },
    { name: 'idx_application_school', columns: ['schoolId', 'language'] },
    { name: 'idx_application_stage', columns: ['stage', 'id'] },
    { name: 'idx_application_pin', columns: ['pin', 'id'] },
    { name: 'idx_application_name', columns: ['nameKey', 'id'] },
    { name: 'idx_application_submitted_ms_id', columns: ['submittedMs', 'id'] },
    { name: 'idx_application_updated_at_id', columns: ['updatedAt', 'id'] },
    { name: 'idx_application_basis_id', columns: ['basis', 'id'] },
    { name: 'idx_application_privilege_id', columns: ['privilege', 'id'] },
    { name: 'idx_application_privilege_category_id', columns: ['privilegeCategory', 'id'] },
    { name: 'idx_application_language_id', columns: ['language', 'id'] },
    { name: 'idx_application_order_number_id', columns: ['orderNumber', 'id'] },
    { name: 'idx_application_waitlist', columns: ['waitlistStream', 'waitlistPosition'] },
  ],
);
export type ApplicationRecord = RecordOf<typeof APPLICATION.defs>;

export const CASE = defineTable(
  'CommissionCase',
  'commission_case',
  [
    col.text('id', { primary: true }),
    col.text<'status', CaseStatus>('status'),
    col.text('fullName'),
    col.textOrNull('pin'),
    col.textOrNull('birthDate'),
    col.text('reason'),
    col.text('openedAt'),
    col.textOrNull('decidedAt'),
    col.textOrNull('schoolId'),
    col.textOrNull('language'),
    col.textOrNull('note'),
  ],
  [{ name: 'idx_case_status', columns: ['status'] }],
);
export type CaseRecord = RecordOf<typeof CASE.defs>;

export const ORDER = defineTable(
  'AdmissionOrder',
  'admission_order',
  [
    col.text('eventId', { primary: true }),
    col.text('schoolId'),
    col.text('orderNumber'),
    col.text('at'),
    col.integer('children'),
    /** JSON array of the enrolled applications' ids */
    col.text('applicationIds'),
  ],
  [{ name: 'idx_order_school', columns: ['schoolId'] }],
);
export type OrderRecord = RecordOf<typeof ORDER.defs>;

export const REJECTION = defineTable(
  'Rejection',
  'rejection',
  [
    col.text('eventId', { primary: true }),
    col.integer('seq'),
    col.text('type'),
    col.text<'reason', Reason>('reason'),
  ],
  [{ name: 'idx_rejection_seq', columns: ['seq'] }],
);
export type RejectionRecord = RecordOf<typeof REJECTION.defs>;

export const CampaignEntity = CAMPAIGN.entity;
export const SchoolEntity = SCHOOL.entity;
export const StreamEntity = STREAM.entity;
export const ApplicationEntity = APPLICATION.entity;
export const CaseEntity = CASE.entity;
export const OrderEntity = ORDER.entity;
export const RejectionEntity = REJECTION.entity;
