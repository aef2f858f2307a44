// The projections the UI queries. Only the engine produces their rows
// (main/store/projection/tables.ts maps engine state onto these columns).
import { EntitySchema } from 'typeorm';

export const CampaignEntity = new EntitySchema<Record<string, unknown>>({
  name: 'Campaign',
  tableName: 'campaign',
  columns: {
    id: { type: 'integer', primary: true },
    year: { type: 'integer' },
    stage1Start: { type: 'text', name: 'stage1_start' },
    stage2Start: { type: 'text', name: 'stage2_start' },
    stage2End: { type: 'text', name: 'stage2_end' },
    documentsStart: { type: 'text', name: 'documents_start' },
    documentsEnd: { type: 'text', name: 'documents_end' },
    birthDateFrom: { type: 'text', name: 'birth_date_from' },
    birthDateTo: { type: 'text', name: 'birth_date_to' },
    maxWithdrawals: { type: 'integer', name: 'max_withdrawals', nullable: true },
    privilegeCategories: { type: 'text', name: 'privilege_categories' },
    data: { type: 'text' },
    lastAt: { type: 'text', name: 'last_at', nullable: true },
    deadlinePassed: { type: 'integer', name: 'deadline_passed' },
  },
});

export const SchoolEntity = new EntitySchema<Record<string, unknown>>({
  name: 'School',
  tableName: 'school',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    districtId: { type: 'text', name: 'district_id' },
    locality: { type: 'text', nullable: true },
    classSizeNorm: { type: 'integer', name: 'class_size_norm', nullable: true },
    catchment: { type: 'text' },
  },
  indices: [{ name: 'idx_school_district', columns: ['districtId'] }],
});

export const StreamEntity = new EntitySchema<Record<string, unknown>>({
  name: 'Stream',
  tableName: 'stream',
  columns: {
    key: { type: 'text', primary: true },
    schoolId: { type: 'text', name: 'school_id' },
    language: { type: 'text' },
    quota: { type: 'integer' },
    occupied: { type: 'integer' },
    classes: { type: 'integer', nullable: true },
  },
  indices: [{ name: 'idx_stream_school', columns: ['schoolId', 'language'] }],
});

export const ApplicationEntity = new EntitySchema<Record<string, unknown>>({
  name: 'Application',
  tableName: 'application',
  columns: {
    id: { type: 'text', primary: true },
    eventId: { type: 'text', name: 'event_id' },
    submittedAt: { type: 'text', name: 'submitted_at' },
    submittedMs: { type: 'integer', name: 'submitted_ms' },
    updatedAt: { type: 'text', name: 'updated_at' },
    status: { type: 'text' },
    reason: { type: 'text', nullable: true },
    schoolId: { type: 'text', name: 'school_id' },
    language: { type: 'text' },
    stage: { type: 'integer', nullable: true },
    basis: { type: 'text', nullable: true },
    privilege: { type: 'text' },
    privilegeCategory: { type: 'text', name: 'privilege_category', nullable: true },
    orderNumber: { type: 'text', name: 'order_number', nullable: true },
    pin: { type: 'text', nullable: true },
    childName: { type: 'text', name: 'child_name' },
    nameKey: { type: 'text', name: 'name_key' },
    registeredAddress: { type: 'text', name: 'registered_address', nullable: true },
    actualAddress: { type: 'text', name: 'actual_address', nullable: true },
    caseId: { type: 'text', name: 'case_id', nullable: true },
    waitlistStream: { type: 'text', name: 'waitlist_stream', nullable: true },
    waitlistPosition: { type: 'integer', name: 'waitlist_position', nullable: true },
    waitlistSince: { type: 'text', name: 'waitlist_since', nullable: true },
  },
  indices: [
    { name: 'idx_application_status', columns: ['status'] },
    { name: 'idx_application_school', columns: ['schoolId', 'language'] },
    { name: 'idx_application_stage', columns: ['stage'] },
    { name: 'idx_application_pin', columns: ['pin'] },
    { name: 'idx_application_name', columns: ['nameKey'] },
    { name: 'idx_application_waitlist', columns: ['waitlistStream', 'waitlistPosition'] },
  ],
});

export const CaseEntity = new EntitySchema<Record<string, unknown>>({
  name: 'CommissionCase',
  tableName: 'commission_case',
  columns: {
    id: { type: 'text', primary: true },
    status: { type: 'text' },
    fullName: { type: 'text', name: 'full_name' },
    pin: { type: 'text', nullable: true },
    birthDate: { type: 'text', name: 'birth_date', nullable: true },
    reason: { type: 'text' },
    openedAt: { type: 'text', name: 'opened_at' },
    decidedAt: { type: 'text', name: 'decided_at', nullable: true },
    schoolId: { type: 'text', name: 'school_id', nullable: true },
    language: { type: 'text', nullable: true },
    note: { type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_case_status', columns: ['status'] }],
});

export const OrderEntity = new EntitySchema<Record<string, unknown>>({
  name: 'AdmissionOrder',
  tableName: 'admission_order',
  columns: {
    eventId: { type: 'text', primary: true, name: 'event_id' },
    schoolId: { type: 'text', name: 'school_id' },
    orderNumber: { type: 'text', name: 'order_number' },
    at: { type: 'text' },
    children: { type: 'integer' },
    applicationIds: { type: 'text', name: 'application_ids' },
  },
  indices: [{ name: 'idx_order_school', columns: ['schoolId'] }],
});

export const RejectionEntity = new EntitySchema<Record<string, unknown>>({
  name: 'Rejection',
  tableName: 'rejection',
  columns: {
    eventId: { type: 'text', primary: true, name: 'event_id' },
    seq: { type: 'integer' },
    type: { type: 'text' },
    reason: { type: 'text' },
  },
  indices: [{ name: 'idx_rejection_seq', columns: ['seq'] }],
});
