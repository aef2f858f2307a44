// Engine state -> projection rows. This is the only place that decides what a
// projection row holds; the writer, the rebuild and the verifier all use it, so
// the three cannot drift apart. Nothing here judges a rule: every value is the
// engine's (plus display helpers derived from it: submitted_ms, name_key).
import type { Engine } from '../../../shared/engine/engine';
import type { Application, Case, Order, School, Stream } from '../../../shared/engine/model';
import { parseInstant } from '../../../shared/log/instant';

export type SqlValue = string | number | null;
export type Row = SqlValue[];

export interface TableSpec<T> {
  table: string;
  columns: readonly string[];
  /** how many leading columns form the primary key */
  keyColumns: number;
  toRow(item: T): Row;
  /** every row the engine's state implies, for rebuild and verify */
  all(engine: Engine): Iterable<T>;
}

const json = (v: unknown): string => JSON.stringify(v);

export const campaignTable: TableSpec<Engine> = {
  table: 'campaign',
  columns: [
    'id', 'year', 'stage1_start', 'stage2_start', 'stage2_end', 'documents_start', 'documents_end',
    'birth_date_from', 'birth_date_to', 'max_withdrawals', 'privilege_categories', 'data', 'last_at', 'deadline_passed',
  ],
  keyColumns: 1,
  toRow(engine) {
    const c = engine.campaign!;
    const raw = c.raw as Record<string, string | number | undefined>;
    return [
      1, c.year, raw.stage1Start as string, raw.stage2Start as string, raw.stage2End as string, raw.documentsStart as string,
      raw.documentsEnd as string, raw.birthDateFrom as string, raw.birthDateTo as string, c.maxWithdrawals,
      json([...c.privilegeCategories]), json(c.raw), engine.lastAt, engine.deadlinePassed ? 1 : 0,
    ];
  },
  *all(engine) {
    if (engine.campaign) yield engine;
  },
};

export const schoolTable: TableSpec<School> = {
  table: 'school',
  columns: ['id', 'name', 'kind', 'district_id', 'locality', 'class_size_norm', 'catchment'],
  keyColumns: 1,
  toRow: (s) => [s.id, s.name, s.kind, s.districtId, s.locality, s.classSizeNorm, json(s.catchment.addresses)],
  all: (engine) => engine.schools.values(),
};

export const streamTable: TableSpec<Stream> = {
  table: 'stream',
  columns: ['key', 'school_id', 'language', 'quota', 'occupied', 'classes'],
  keyColumns: 1,
  toRow: (s) => [s.key, s.schoolId, s.language, s.quota, s.occupied, s.classes],
  all: (engine) => engine.streams.values(),
};

/** Lower-cased for search; Cyrillic case folding is JS's, since SQLite's LIKE folds ASCII only. */
export const nameKey = (name: string): string => name.toLowerCase();

/** An application with its place in a queue (R16), which only the engine's queues know. */
export interface QueuedApplication {
  app: Application;
  place: { streamKey: string; position: number; since: string } | null;
}

/**
 * Pairs applications with their queue places. `positions` holds the places
 * already counted (whole queues at a time); anyone else in a queue is counted
 * alone, which costs that queue's length.
 */
export function* withPlaces(engine: Engine, apps: Iterable<Application>, positions: Map<string, number>): Iterable<QueuedApplication> {
  for (const app of apps) {
    const entry = engine.waitlistEntry(app.id);
    if (!entry) {
      yield { app, place: null };
      continue;
    }
    const position = positions.get(app.id) ?? engine.waitlistPosition(app.id)!;
    yield { app, place: { streamKey: entry.streamKey, position, since: entry.since } };
  }
}

export const applicationTable: TableSpec<QueuedApplication> = {
  table: 'application',
  columns: [
    'id', 'event_id', 'submitted_at', 'submitted_ms', 'updated_at', 'status', 'reason', 'school_id', 'language', 'stage',
    'basis', 'privilege', 'privilege_category', 'order_number', 'pin', 'child_name', 'name_key', 'registered_address',
    'actual_address', 'case_id', 'waitlist_stream', 'waitlist_position', 'waitlist_since',
  ],
  keyColumns: 1,
  toRow: ({ app: a, place }) => [
    a.id, a.eventId, a.submittedAt, parseInstant(a.submittedAt), a.updatedAt, a.status, a.reason, a.schoolId, a.language, a.stage,
    a.basis, a.privilege, a.privilegeCategory, a.orderNumber, a.pin, a.childName, nameKey(a.childName), a.registeredAddress,
    a.actualAddress, a.caseId, place?.streamKey ?? null, place?.position ?? null, place?.since ?? null,
  ],
  all: (engine) => withPlaces(engine, engine.applications.values(), engine.waitlistPositions()),
};

export const caseTable: TableSpec<Case> = {
  table: 'commission_case',
  columns: ['id', 'status', 'full_name', 'pin', 'birth_date', 'reason', 'opened_at', 'decided_at', 'school_id', 'language', 'note'],
  keyColumns: 1,
  toRow: (c) => [c.id, c.status, c.fullName, c.pin, c.birthDate, c.reason, c.openedAt, c.decidedAt, c.schoolId, c.language, c.note],
  all: (engine) => engine.cases.values(),
};

/** An order's children are a JSON array on its row: written once, read with the order. */
export const orderTable: TableSpec<Order> = {
  table: 'admission_order',
  columns: ['event_id', 'school_id', 'order_number', 'at', 'children', 'application_ids'],
  keyColumns: 1,
  toRow: (o) => [o.eventId, o.schoolId, o.orderNumber, o.at, o.applicationIds.length, json(o.applicationIds)],
  all: (engine) => engine.orders,
};

export interface RejectionAt {
  eventId: string;
  seq: number;
  type: string;
  reason: string;
}

/** Rejections carry the event's seq, which the engine does not know: `all` cannot list them. */
export const rejectionTable: TableSpec<RejectionAt> = {
  table: 'rejection',
  columns: ['event_id', 'seq', 'type', 'reason'],
  keyColumns: 1,
  toRow: (r) => [r.eventId, r.seq, r.type, r.reason],
  all: () => [],
};

/** Every projection table, parents before children (foreign keys). */
export const PROJECTION_TABLES = [
  campaignTable,
  schoolTable,
  streamTable,
  applicationTable,
  caseTable,
  orderTable,
  rejectionTable,
] as const;
