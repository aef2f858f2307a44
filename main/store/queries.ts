// What the UI asks of the store, straight from the projection tables: no engine
// needed, so a dashboard renders before the engine is back in memory.
// Every function returns plain DTOs (never entity instances). The row types and
// select lists derive from the entities (main/store/entities): small tables are
// read through their repositories, the registry and the log by SQL of their own.
import type { DataSource } from 'typeorm';
import type {
  Application,
  Basis,
  Case,
  CaseStatus,
  PrivilegeState,
  Stage,
  Status,
} from '../../shared/engine/model';
import {
  APPLICATION,
  CAMPAIGN,
  CASE,
  EVENT,
  LOG_HEAD,
  SCHOOL,
  type ApplicationRecord,
  type CampaignRecord,
  type CaseRecord,
  type EventRecord,
  type LogHeadRecord,
  type OrderRecord,
  type RejectionRecord,
  type SchoolRecord,
  type StreamRecord,
} from './entities';
import { selectList } from './entities/defineTable';
import { nameKey, type SqlValue } from './projection/tables';

/** Compile-time proof that two types are the same (a stored row is the engine's object, column for column). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T | undefined => undefined;

/** The campaign's calendar as written, its categories and payload parsed, the deadline flag a boolean. */
export type CampaignRow = Omit<
  CampaignRecord,
  'id' | 'privilegeCategories' | 'data' | 'deadlinePassed'
> & {
  privilegeCategories: string[];
  /** the campaign.opened payload as written */
  data: Record<string, unknown>;
  deadlinePassed: boolean;
};

export type LogHead = Omit<LogHeadRecord, 'id'>;

/** A school with its catchment's addresses (stored as JSON). */
export type SchoolRow = Omit<SchoolRecord, 'catchment'> & { catchment: string[] };

/** A stream with its school's fields and its free and overflowing seats. */
export type StreamRow = StreamRecord &
  Pick<SchoolRecord, 'districtId' | 'locality' | 'classSizeNorm'> & {
    schoolName: SchoolRecord['name'];
    schoolKind: SchoolRecord['kind'];
    free: number;
    overflow: number;
    /** R16: entries in the stream's queue */
    waitlist: number;
  };

/**
 * The engine's application, column for column, plus its R16 queue place (null outside a queue):
 * the stored row less the columns kept for sorting and search.
 */
export type ApplicationRow = Omit<ApplicationRecord, 'submittedMs' | 'nameKey'>;
same<
  Same<Omit<ApplicationRow, 'waitlistStream' | 'waitlistPosition' | 'waitlistSince'>, Application>
>();
const APPLICATION_FIELDS = [
  'id',
  'eventId',
  'submittedAt',
  'updatedAt',
  'status',
  'reason',
  'schoolId',
  'language',
  'stage',
  'basis',
  'privilege',
  'privilegeCategory',
  'orderNumber',
  'pin',
  'childName',
  'registeredAddress',
  'actualAddress',
  'caseId',
  'waitlistStream',
  'waitlistPosition',
  'waitlistSince',
] as const satisfies readonly (keyof ApplicationRow)[];

/**
 * One entry of a stream's queue (R16), from the projection's queue columns: a
 * `waitlisted` application waits in its own stream; any other is a placed
 * child's standing transfer request, and its school and language are the seat
 * it holds now.
 */
export interface QueueRow {
  streamKey: string;
  position: number;
  since: string;
  applicationId: string;
  childName: string;
  status: Status;
  schoolId: string;
  schoolName: string;
  language: string;
}

export type StoredEvent = EventRecord;

/** The stored case is the engine's, column for column. */
export type CaseRow = CaseRecord;
same<Same<CaseRow, Case>>();

/** An order with the applications it enrolled (stored as JSON). */
export type OrderRow = Omit<OrderRecord, 'children' | 'applicationIds'> & {
  applicationIds: string[];
};

export type RejectionRow = RejectionRecord;

export interface ApplicationFilter {
  status?: Status | Status[];
  schoolId?: string;
  language?: string;
  stage?: Stage | null;
  basis?: Basis | null;
  privilege?: PrivilegeState;
  privilegeCategory?: string;
  /** R16: only applications in a queue, at this place or better */
  waitlistPositionMax?: number;
  /**
   * digits: part of the PIN (from three digits; one or two: its first digits);
   * anything else: part of the child's name, any case (Cyrillic and Latin)
   */
  search?: string;
}

export const APPLICATION_SORTS = {
  submittedAt: 'submitted_ms',
  updatedAt: 'updated_at',
  childName: 'name_key',
  pin: 'pin',
  status: 'status',
  schoolId: 'school_id',
  language: 'language',
  stage: 'stage',
  basis: 'basis',
  privilege: 'privilege',
  orderNumber: 'order_number',
  waitlistPosition: 'waitlist_position',
  id: 'id',
} as const;
export type ApplicationSort = keyof typeof APPLICATION_SORTS;

export interface ApplicationQuery extends ApplicationFilter {
  sort?: ApplicationSort;
  direction?: 'asc' | 'desc';
  offset?: number;
  /** at most 1000 */
  limit?: number;
}

const APPLICATION_SELECT = selectList(APPLICATION, APPLICATION_FIELDS);
const EVENT_SELECT = selectList(EVENT);
const CASE_SELECT = selectList(CASE);

export class StoreQueries {
  /**
   * Search matches above which a window walks the sort column's index rather
   * than looking every match up (republic store: 5,770 lookups and a sort took
   * 90 ms, the walk 3-20 ms for a first window). Tests move it to cover both plans.
   */
  static denseMatches = 1500;

  constructor(private readonly ds: DataSource) {}

  private q<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.ds.query(sql, params) as Promise<T[]>;
  }

  async campaign(): Promise<CampaignRow | null> {
    const r = await this.ds.getRepository(CAMPAIGN.entity).findOneBy({ id: 1 });
    if (!r) return null;
    const { id: _, privilegeCategories, data, deadlinePassed, ...calendar } = r;
    return {
      ...calendar,
      privilegeCategories: JSON.parse(privilegeCategories),
      data: JSON.parse(data),
      deadlinePassed: deadlinePassed === 1,
    };
  }

  async head(): Promise<LogHead> {
    const r = await this.ds.getRepository(LOG_HEAD.entity).findOneBy({ id: 1 });
    return r ? { seq: r.seq, hash: r.hash, at: r.at } : { seq: 0, hash: '0'.repeat(64), at: null };
  }

  /** Events stored (the log's local sequence is gapless, so this is the head's seq). */
  async eventCount(): Promise<number> {
    return (await this.head()).seq;
  }

  async statusCounts(schoolId?: string): Promise<Partial<Record<Status, number>>> {
    const rows =
      schoolId === undefined
        ? await this.q<{ status: Status; n: number }>(
            'SELECT status, count(*) AS n FROM application GROUP BY status',
          )
        : await this.q<{ status: Status; n: number }>(
            'SELECT status, count(*) AS n FROM application WHERE school_id = ? GROUP BY status',
            [schoolId],
          );
    const out: Partial<Record<Status, number>> = {};
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async schools(schoolId?: string): Promise<SchoolRow[]> {
    const rows = await this.ds.getRepository(SCHOOL.entity).find({
      where: schoolId === undefined ? {} : { id: schoolId },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({ ...r, catchment: JSON.parse(r.catchment) }));
  }

  async streams(schoolId?: string): Promise<StreamRow[]> {
    return this.q<StreamRow>(
      `SELECT s.key, s.school_id AS schoolId, sc.name AS schoolName, sc.kind AS schoolKind, sc.district_id AS districtId,
        sc.locality, sc.class_size_norm AS classSizeNorm, s.language, s.quota, s.occupied,
        max(0, s.quota - s.occupied) AS free, max(0, s.occupied - s.quota) AS overflow, s.classes,
        (SELECT count(*) FROM application a WHERE a.waitlist_stream = s.key) AS waitlist
      FROM stream s JOIN school sc ON sc.id = s.school_id
      ${schoolId === undefined ? '' : 'WHERE s.school_id = ?'} ORDER BY s.school_id, s.language`,
      schoolId === undefined ? [] : [schoolId],
    );
  }

  async applications(
    query: ApplicationQuery = {},
  ): Promise<{ total: number; rows: ApplicationRow[] }> {
    const column = APPLICATION_SORTS[query.sort ?? 'submittedAt'];
    if (column === undefined) throw new RangeError(`sort: unknown column ${String(query.sort)}`);
    const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
    const limit = Math.max(0, Math.min(1000, Math.floor(query.limit ?? 100)));
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const match = trigramMatch(query.search);
    let total: number | null = null;
    let dense = false;
    if (match !== null) {
      // How many names/PINs match: 1 ms from the index alone. Few: look those rows
      // up (rowid IN). Many: walk the sort column's index in order and keep the
      // matching rows (`+rowid` keeps SQLite from the lookup plan), which stops
      // after one window instead of fetching and sorting thousands of rows.
      const [{ m }] = await this.q<{ m: number }>(
        'SELECT count(*) AS m FROM application_search WHERE application_search MATCH ?',
        [match],
      );
      if (m === 0) return { total: 0, rows: [] };
      if (!hasFilterBesidesSearch(query)) total = m;
      dense = m > StoreQueries.denseMatches;
    }
    const { where, params } = applicationWhere(query, match, dense);
    if (total === null) {
      const counted =
        match !== null && dense ? applicationWhere(query, match, false) : { where, params };
      [{ n: total }] = await this.q<{ n: number }>(
        `SELECT count(*) AS n FROM application ${counted.where}`,
        counted.params,
      );
    }
    const rows = await this.q<ApplicationRow>(
      `SELECT ${APPLICATION_SELECT} FROM application ${where} ORDER BY ${column} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return { total, rows };
  }

  /** Every queue entry in queue order; only the queues of one school's streams when named. */
  async queues(schoolId?: string): Promise<QueueRow[]> {
    return this.q<QueueRow>(
      `SELECT a.waitlist_stream AS streamKey, a.waitlist_position AS position, a.waitlist_since AS since,
        a.id AS applicationId, a.child_name AS childName, a.status, a.school_id AS schoolId,
        sc.name AS schoolName, a.language
      FROM application a JOIN school sc ON sc.id = a.school_id
      WHERE ${schoolId === undefined ? 'a.waitlist_stream IS NOT NULL' : 'a.waitlist_stream IN (SELECT key FROM stream WHERE school_id = ?)'}
      ORDER BY a.waitlist_stream, a.waitlist_position`,
      schoolId === undefined ? [] : [schoolId],
    );
  }

  /** One application and every event about it, in log order (its order included). */
  async application(
    id: string,
  ): Promise<{ application: ApplicationRow; events: StoredEvent[] } | null> {
    const [application] = await this.q<ApplicationRow>(
      `SELECT ${APPLICATION_SELECT} FROM application WHERE id = ?`,
      [id],
    );
    if (!application) return null;
    const events = await this.q<StoredEvent>(
      `SELECT ${EVENT_SELECT} FROM event WHERE subject_id = ?
       UNION SELECT ${EVENT_SELECT} FROM event WHERE id = ?
       UNION SELECT ${EVENT_SELECT} FROM event WHERE id IN
         (SELECT event_id FROM admission_order WHERE school_id = ? AND order_number = ? AND EXISTS
           (SELECT 1 FROM json_each(application_ids) WHERE value = ?))
       ORDER BY seq`,
      [id, application.eventId, application.schoolId, application.orderNumber, id],
    );
    return { application, events };
  }

  async cases(status?: CaseStatus): Promise<CaseRow[]> {
    return this.q<CaseRow>(
      `SELECT ${CASE_SELECT} FROM commission_case
      ${status === undefined ? '' : 'WHERE status = ?'} ORDER BY opened_at, id`,
      status === undefined ? [] : [status],
    );
  }

  async openCases(): Promise<number> {
    const [{ n }] = await this.q<{ n: number }>(
      "SELECT count(*) AS n FROM commission_case WHERE status = 'open'",
    );
    return n;
  }

  /** Admission orders in log order, each with the applications it enrolled. */
  async orders(schoolId?: string): Promise<OrderRow[]> {
    const rows = await this.q<Omit<OrderRow, 'applicationIds'> & { applicationIds: string }>(
      `SELECT o.event_id AS eventId, o.school_id AS schoolId, o.order_number AS orderNumber, o.at, o.application_ids AS applicationIds
      FROM admission_order o JOIN event e ON e.id = o.event_id
      ${schoolId === undefined ? '' : 'WHERE o.school_id = ?'} ORDER BY e.seq`,
      schoolId === undefined ? [] : [schoolId],
    );
    return rows.map((o) => ({ ...o, applicationIds: JSON.parse(o.applicationIds) }));
  }

  async rejections(afterSeq = 0, limit = 1000): Promise<RejectionRow[]> {
    return this.q<RejectionRow>(
      'SELECT event_id AS eventId, seq, type, reason FROM rejection WHERE seq > ? ORDER BY seq LIMIT ?',
      [afterSeq, limit],
    );
  }

  /**
   * The log itself, page by page (the audit screen), optionally filtered by type and
   * actor and bounded by `beforeSeq` (inclusive upper seq: a date range maps onto a
   * seq range because the log is in time order).
   */
  async events(
    filter: EventFilter & { afterSeq?: number; limit?: number } = {},
  ): Promise<StoredEvent[]> {
    const { where, params } = eventWhere(filter);
    params.push(Math.max(1, Math.min(5000, Math.floor(filter.limit ?? 500))));
    return this.q<StoredEvent>(
      `SELECT ${EVENT_SELECT} FROM event WHERE ${where} ORDER BY seq LIMIT ?`,
      params,
    );
  }

  /** The instants of the accepted events of one type, in log order (e.g. the days documents came). */
  async acceptedEventTimes(type: string): Promise<string[]> {
    const rows = await this.q<{ at: string }>(
      'SELECT at FROM event WHERE type = ? AND outcome IS NULL ORDER BY seq',
      [type],
    );
    return rows.map((r) => r.at);
  }

  /** How many events a filter selects, for the audit screen's "N events" and its scroll bar. */
  async countEvents(filter: EventFilter & { afterSeq?: number } = {}): Promise<number> {
    const { where, params } = eventWhere(filter);
    const [{ n }] = await this.q<{ n: number }>(
      `SELECT count(*) AS n FROM event WHERE ${where}`,
      params,
    );
    return n;
  }
}

export interface EventFilter {
  type?: string;
  actorRole?: string;
  actorId?: string;
  /** inclusive upper bound on seq */
  beforeSeq?: number;
}

/** A WHERE clause built up one condition at a time, each with its own parameters. */
class Conditions {
  readonly where: string[] = [];
  readonly params: SqlValue[] = [];

  /** `sql` with one `?` bound to `value`; nothing when the filter leaves it out. */
  equal(sql: string, value: SqlValue | undefined): void {
    if (value === undefined) return;
    this.where.push(sql);
    this.params.push(value);
  }

  /** `column = ?`, or `column IS NULL` when the filter asks for the missing value. */
  equalOrNull(column: string, value: SqlValue | null | undefined): void {
    if (value === null) this.where.push(`${column} IS NULL`);
    else this.equal(`${column} = ?`, value);
  }
}

function eventWhere(filter: EventFilter & { afterSeq?: number }): {
  where: string;
  params: SqlValue[];
} {
  const c = new Conditions();
  c.equal('seq > ?', filter.afterSeq ?? 0);
  c.equal('seq <= ?', filter.beforeSeq);
  c.equal('type = ?', filter.type);
  c.equal('actor_role = ?', filter.actorRole);
  c.equal('actor_id = ?', filter.actorId);
  return { where: c.where.join(' AND '), params: c.params };
}

/** the shortest search the trigram index answers */
const TRIGRAM = 3;
/** a whole PIN: the pin index answers it exactly (a prefix range), faster than 12 trigrams of digits */
const PIN_LENGTH = 14;

/** The FTS5 query for a search the trigram index serves, or null. */
function trigramMatch(raw: string | undefined): string | null {
  const search = raw?.trim();
  if (!search || [...search].length < TRIGRAM) return null;
  const digits = /^\d+$/.test(search);
  if (digits && search.length >= PIN_LENGTH) return null;
  // Any substring of the PIN (digits) or of the name (anything else), any case
  // (migration ApplicationSearch); a phrase in double quotes is taken literally.
  return `${digits ? 'pin' : 'child_name'} : "${search.replace(/"/g, '""')}"`;
}

function hasFilterBesidesSearch(f: ApplicationFilter): boolean {
  const others = [
    f.status,
    f.schoolId,
    f.language,
    f.stage,
    f.basis,
    f.privilege,
    f.privilegeCategory,
    f.waitlistPositionMax,
  ];
  return others.some((v) => v !== undefined);
}

function applicationWhere(
  f: ApplicationFilter,
  match: string | null,
  dense: boolean,
): { where: string; params: SqlValue[] } {
  const c = new Conditions();
  const { where, params } = c;
  if (f.status !== undefined) {
    const list = Array.isArray(f.status) ? f.status : [f.status];
    where.push(`status IN (${list.map(() => '?').join(',') || 'NULL'})`);
    params.push(...list);
  }
  c.equal('school_id = ?', f.schoolId);
  c.equal('language = ?', f.language);
  c.equalOrNull('stage', f.stage);
  c.equalOrNull('basis', f.basis);
  c.equal('privilege = ?', f.privilege);
  c.equal('privilege_category = ?', f.privilegeCategory);
  c.equal('waitlist_position <= ?', f.waitlistPositionMax);
  const search = f.search?.trim();
  if (match !== null) {
    const rowid = dense ? '+rowid' : 'rowid';
    where.push(
      `${rowid} IN (SELECT rowid FROM application_search WHERE application_search MATCH ?)`,
    );
    params.push(match);
  } else if (search && /^\d+$/.test(search)) {
    // One or two digits, or a whole PIN: a prefix range, so the pin index serves it.
    where.push('pin >= ? AND pin < ?');
    params.push(search, search + '\u{10FFFF}');
  } else if (search) {
    // One or two letters are below a trigram: the name scan, which is fast on so short a pattern.
    where.push("name_key LIKE ? ESCAPE '\\'");
    params.push(`%${nameKey(search).replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
