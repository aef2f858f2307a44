// Engine state -> projection rows. This is the only place that decides what a
// projection row holds; the writer, the rebuild and the verifier all use it, so
// the three cannot drift apart. Nothing here judges a rule: every value is the
// engine's (plus display helpers derived from it: submitted_ms, name_key).
import type { Engine } from '../../../shared/engine/engine';
import type { Application, Case, Order, School, Stream } from '../../../shared/engine/model';
import { parseInstant } from '../../../shared/log/instant';
import type { RecordOf, RowOf } from '../entities/defineTable';
import { APPLICATION, CAMPAIGN, CASE, ORDER, REJECTION, SCHOOL, STREAM } from '../entities';

export type SqlValue = string | number | null;
export type Row = SqlValue[];

/**
 * How one projection table is written. Its table name and column list come from
 * its entity (main/store/entities), and toRow returns that entity's row type, so
 * a column added, dropped or retyped there fails to compile here.
 */
export interface TableSpec<T, R extends Row = Row> {
  table: string;
  columns: readonly string[];
  /** how many leading columns form the primary key */
  keyColumns: number;
  toRow(item: T): R;
  /** every row the engine's state implies, for rebuild and verify */
  all(engine: Engine): Iterable<T>;
}

const json = (v: unknown): string => JSON.stringify(v);

/** The engine keeps the campaign's instants as epoch ms; the row keeps the text as written. */
const written = (raw: Record<string, unknown>, field: string): string => {
  const v = raw[field];
  if (typeof v !== 'string')
    throw new TypeError(`campaign.opened: ${field} is not the text of an instant`);
  return v;
};

export const campaignTable: TableSpec<Engine, RowOf<typeof CAMPAIGN.defs>> = {
  table: CAMPAIGN.table,
  columns: CAMPAIGN.columns,
  keyColumns: 1,
  toRow(engine) {
    const c = engine.campaign!;
    const raw = c.raw;
    return [
      1,
      c.year,
      written(raw, 'stage1Start'),
      written(raw, 'stage2Start'),
      written(raw, 'stage2End'),
      written(raw, 'documentsStart'),
      written(raw, 'documentsEnd'),
      written(raw, 'birthDateFrom'),
      written(raw, 'birthDateTo'),
      c.maxWithdrawals,
      json([...c.privilegeCategories]),
      json(c.raw),
      engine.lastAt,
      engine.deadlinePassed ? 1 : 0,
    ];
  },
  *all(engine) {
    if (engine.campaign) yield engine;
  },
};

export const schoolTable: TableSpec<School, RowOf<typeof SCHOOL.defs>> = {
  table: SCHOOL.table,
  columns: SCHOOL.columns,
  keyColumns: 1,
  toRow: (s) => [
    s.id,
    s.name,
    s.kind,
    s.districtId,
    s.locality,
    s.classSizeNorm,
    json(s.catchment.addresses),
  ],
  all: (engine) => engine.schools.values(),
};

export const streamTable: TableSpec<Stream, RowOf<typeof STREAM.defs>> = {
  table: STREAM.table,
  columns: STREAM.columns,
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
export function* withPlaces(
  engine: Engine,
  apps: Iterable<Application>,
  positions: Map<string, number>,
): Iterable<QueuedApplication> {
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

export const applicationTable: TableSpec<QueuedApplication, RowOf<typeof APPLICATION.defs>> = {
  table: APPLICATION.table,
  columns: APPLICATION.columns,
  keyColumns: 1,
  toRow: ({ app: a, place }) => [
    a.id,
    a.eventId,
    a.submittedAt,
    parseInstant(a.submittedAt),
    a.updatedAt,
    a.status,
    a.reason,
    a.schoolId,
    a.language,
    a.stage,
    a.basis,
    a.privilege,
    a.privilegeCategory,
    a.orderNumber,
    a.pin,
    a.childName,
    nameKey(a.childName),
    a.registeredAddress,
    a.actualAddress,
    a.caseId,
    place?.streamKey ?? null,
    place?.position ?? null,
    place?.since ?? null,
  ],
  all: (engine) => withPlaces(engine, engine.applications.values(), engine.waitlistPositions()),
};

export const caseTable: TableSpec<Case, RowOf<typeof CASE.defs>> = {
  table: CASE.table,
  columns: CASE.columns,
  keyColumns: 1,
  toRow: (c) => [
    c.id,
    c.status,
    c.fullName,
    c.pin,
    c.birthDate,
    c.reason,
    c.openedAt,
    c.decidedAt,
    c.schoolId,
    c.language,
    c.note,
  ],
  all: (engine) => engine.cases.values(),
};

/** An order's children are a JSON array on its row: written once, read with the order. */
export const orderTable: TableSpec<Order, RowOf<typeof ORDER.defs>> = {
  table: ORDER.table,
  columns: ORDER.columns,
  keyColumns: 1,
  toRow: (o) => [
    o.eventId,
    o.schoolId,
    o.orderNumber,
    o.at,
    o.applicationIds.length,
    json(o.applicationIds),
  ],
  all: (engine) => engine.orders,
};

export type RejectionAt = RecordOf<typeof REJECTION.defs>;

/** Rejections carry the event's seq, which the engine does not know: `all` cannot list them. */
export const rejectionTable: TableSpec<RejectionAt, RowOf<typeof REJECTION.defs>> = {
  table: REJECTION.table,
  columns: REJECTION.columns,
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
