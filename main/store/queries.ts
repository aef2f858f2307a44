// What the UI asks of the store, straight from the projection tables: no engine
// needed, so a dashboard renders before the engine is back in memory.
// Every function returns plain DTOs (never entity instances).
import type { DataSource } from 'typeorm';
import type { Application, Basis, Case, CaseStatus, PrivilegeState, Stage, Status } from '../../shared/engine/model';
import type { Reason } from '../../shared/engine/reasons';
import { nameKey, type SqlValue } from './projection/tables';

type Raw = Record<string, SqlValue>;

export interface CampaignRow {
  year: number;
  stage1Start: string;
  stage2Start: string;
  stage2End: string;
  documentsStart: string;
  documentsEnd: string;
  birthDateFrom: string;
  birthDateTo: string;
  maxWithdrawals: number | null;
  privilegeCategories: string[];
  /** the campaign.opened payload as written */
  data: Record<string, unknown>;
  /** the `at` of the last applied event */
  lastAt: string | null;
  deadlinePassed: boolean;
}

export interface LogHead {
  seq: number;
  hash: string;
  at: string | null;
}

export interface SchoolRow {
  id: string;
  name: string;
  kind: string;
  districtId: string;
  locality: 'urban' | 'rural' | null;
  classSizeNorm: number | null;
  catchment: string[];
}

export interface StreamRow {
  key: string;
  schoolId: string;
  schoolName: string;
  schoolKind: string;
  districtId: string;
  locality: 'urban' | 'rural' | null;
  classSizeNorm: number | null;
  language: string;
  quota: number;
  occupied: number;
  free: number;
  overflow: number;
  classes: number | null;
}

/** The stored application is the engine's, column for column (projections come only from the engine). */
/** The engine's application, plus its R16 queue place (null outside a queue). */
export type ApplicationRow = Application & {
  /** the stream key whose queue it is in: its own when `waitlisted`, a standing transfer's target otherwise */
  waitlistStream: string | null;
  waitlistPosition: number | null;
  waitlistSince: string | null;
};

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  at: string;
  actorRole: string | null;
  actorId: string | null;
  subjectId: string | null;
  /** the event exactly as it came */
  body: string;
  /** the reason the engine refused it, or null */
  outcome: Reason | null;
  hash: string;
}

/** The stored case is the engine's, column for column. */
export type CaseRow = Case;

export interface OrderRow {
  eventId: string;
  schoolId: string;
  orderNumber: string;
  at: string;
  applicationIds: string[];
}

export interface RejectionRow {
  eventId: string;
  seq: number;
  type: string;
  reason: Reason;
}

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
  /** digits: a PIN prefix; anything else: part of the child's name, any case */
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

const APPLICATION_SELECT = `id, event_id AS eventId, submitted_at AS submittedAt, updated_at AS updatedAt, status, reason,
  school_id AS schoolId, language, stage, basis, privilege, privilege_category AS privilegeCategory,
  order_number AS orderNumber, pin, child_name AS childName, registered_address AS registeredAddress,
  actual_address AS actualAddress, case_id AS caseId, waitlist_stream AS waitlistStream,
  waitlist_position AS waitlistPosition, waitlist_since AS waitlistSince`;

const EVENT_SELECT = `seq, id, type, at, actor_role AS actorRole, actor_id AS actorId, subject_id AS subjectId,
  body, outcome, hash`;

export class StoreQueries {
  constructor(private readonly ds: DataSource) {}

  private q<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.ds.query(sql, params) as Promise<T[]>;
  }

  async campaign(): Promise<CampaignRow | null> {
    const [r] = await this.q<Raw>('SELECT * FROM campaign WHERE id = 1');
    if (!r) return null;
    return {
      year: r.year as number,
      stage1Start: r.stage1_start as string,
      stage2Start: r.stage2_start as string,
      stage2End: r.stage2_end as string,
      documentsStart: r.documents_start as string,
      documentsEnd: r.documents_end as string,
      birthDateFrom: r.birth_date_from as string,
      birthDateTo: r.birth_date_to as string,
      maxWithdrawals: r.max_withdrawals as number | null,
      privilegeCategories: JSON.parse(r.privilege_categories as string),
      data: JSON.parse(r.data as string),
      lastAt: r.last_at as string | null,
      deadlinePassed: r.deadline_passed === 1,
    };
  }

  async head(): Promise<LogHead> {
    const [r] = await this.q<LogHead>('SELECT seq, hash, at FROM log_head WHERE id = 1');
    return r ?? { seq: 0, hash: '0'.repeat(64), at: null };
  }

  /** Events stored (the log's local sequence is gapless, so this is the head's seq). */
  async eventCount(): Promise<number> {
    return (await this.head()).seq;
  }

  async statusCounts(schoolId?: string): Promise<Partial<Record<Status, number>>> {
    const rows = schoolId === undefined
      ? await this.q<{ status: Status; n: number }>('SELECT status, count(*) AS n FROM application GROUP BY status')
      : await this.q<{ status: Status; n: number }>('SELECT status, count(*) AS n FROM application WHERE school_id = ? GROUP BY status', [schoolId]);
    const out: Partial<Record<Status, number>> = {};
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async schools(schoolId?: string): Promise<SchoolRow[]> {
    const sql = `SELECT id, name, kind, district_id AS districtId, locality, class_size_norm AS classSizeNorm, catchment FROM school
      ${schoolId === undefined ? '' : 'WHERE id = ?'} ORDER BY id`;
    const rows = await this.q<Raw>(sql, schoolId === undefined ? [] : [schoolId]);
    return rows.map((r) => ({ ...(r as unknown as SchoolRow), catchment: JSON.parse(r.catchment as string) }));
  }

  async streams(schoolId?: string): Promise<StreamRow[]> {
    return this.q<StreamRow>(
      `SELECT s.key, s.school_id AS schoolId, sc.name AS schoolName, sc.kind AS schoolKind, sc.district_id AS districtId,
        sc.locality, sc.class_size_norm AS classSizeNorm, s.language, s.quota, s.occupied,
        max(0, s.quota - s.occupied) AS free, max(0, s.occupied - s.quota) AS overflow, s.classes
      FROM stream s JOIN school sc ON sc.id = s.school_id
      ${schoolId === undefined ? '' : 'WHERE s.school_id = ?'} ORDER BY s.school_id, s.language`,
      schoolId === undefined ? [] : [schoolId],
    );
  }

  async applications(query: ApplicationQuery = {}): Promise<{ total: number; rows: ApplicationRow[] }> {
    const { where, params } = applicationWhere(query);
    const column = APPLICATION_SORTS[query.sort ?? 'submittedAt'];
    if (column === undefined) throw new RangeError(`sort: unknown column ${String(query.sort)}`);
    const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
    const limit = Math.max(0, Math.min(1000, Math.floor(query.limit ?? 100)));
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const [{ n }] = await this.q<{ n: number }>(`SELECT count(*) AS n FROM application ${where}`, params);
    const rows = await this.q<ApplicationRow>(
      `SELECT ${APPLICATION_SELECT} FROM application ${where} ORDER BY ${column} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return { total: n, rows };
  }

  /** One application and every event about it, in log order (its order included). */
  async application(id: string): Promise<{ application: ApplicationRow; events: StoredEvent[] } | null> {
    const [application] = await this.q<ApplicationRow>(`SELECT ${APPLICATION_SELECT} FROM application WHERE id = ?`, [id]);
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
      `SELECT id, status, full_name AS fullName, pin, birth_date AS birthDate, reason, opened_at AS openedAt,
        decided_at AS decidedAt, school_id AS schoolId, language, note FROM commission_case
      ${status === undefined ? '' : 'WHERE status = ?'} ORDER BY opened_at, id`,
      status === undefined ? [] : [status],
    );
  }

  async openCases(): Promise<number> {
    const [{ n }] = await this.q<{ n: number }>("SELECT count(*) AS n FROM commission_case WHERE status = 'open'");
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
    return rows.map((o) => ({ ...o, applicationIds: JSON.parse(o.applicationIds) as string[] }));
  }

  async rejections(afterSeq = 0, limit = 1000): Promise<RejectionRow[]> {
    return this.q<RejectionRow>('SELECT event_id AS eventId, seq, type, reason FROM rejection WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, limit]);
  }

  /**
   * The log itself, page by page (the audit screen), optionally filtered by type and
   * actor and bounded by `beforeSeq` (inclusive upper seq: a date range maps onto a
   * seq range because the log is in time order).
   */
  async events(filter: EventFilter & { afterSeq?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    const { where, params } = eventWhere(filter);
    params.push(Math.max(1, Math.min(5000, Math.floor(filter.limit ?? 500))));
    return this.q<StoredEvent>(`SELECT ${EVENT_SELECT} FROM event WHERE ${where} ORDER BY seq LIMIT ?`, params);
  }

  /** The instants of the accepted events of one type, in log order (e.g. the days documents came). */
  async acceptedEventTimes(type: string): Promise<string[]> {
    const rows = await this.q<{ at: string }>('SELECT at FROM event WHERE type = ? AND outcome IS NULL ORDER BY seq', [type]);
    return rows.map((r) => r.at);
  }

  /** How many events a filter selects, for the audit screen's "N events" and its scroll bar. */
  async countEvents(filter: EventFilter & { afterSeq?: number } = {}): Promise<number> {
    const { where, params } = eventWhere(filter);
    const [{ n }] = await this.q<{ n: number }>(`SELECT count(*) AS n FROM event WHERE ${where}`, params);
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

function eventWhere(filter: EventFilter & { afterSeq?: number }): { where: string; params: SqlValue[] } {
  const where = ['seq > ?'];
  const params: SqlValue[] = [filter.afterSeq ?? 0];
  if (filter.beforeSeq !== undefined) (where.push('seq <= ?'), params.push(filter.beforeSeq));
  if (filter.type !== undefined) (where.push('type = ?'), params.push(filter.type));
  if (filter.actorRole !== undefined) (where.push('actor_role = ?'), params.push(filter.actorRole));
  if (filter.actorId !== undefined) (where.push('actor_id = ?'), params.push(filter.actorId));
  return { where: where.join(' AND '), params };
}

function applicationWhere(f: ApplicationFilter): { where: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status !== undefined) {
    const list = Array.isArray(f.status) ? f.status : [f.status];
    where.push(`status IN (${list.map(() => '?').join(',') || 'NULL'})`);
    params.push(...list);
  }
  if (f.schoolId !== undefined) (where.push('school_id = ?'), params.push(f.schoolId));
  if (f.language !== undefined) (where.push('language = ?'), params.push(f.language));
  if (f.stage !== undefined) f.stage === null ? where.push('stage IS NULL') : (where.push('stage = ?'), params.push(f.stage));
  if (f.basis !== undefined) f.basis === null ? where.push('basis IS NULL') : (where.push('basis = ?'), params.push(f.basis));
  if (f.privilege !== undefined) (where.push('privilege = ?'), params.push(f.privilege));
  if (f.privilegeCategory !== undefined) (where.push('privilege_category = ?'), params.push(f.privilegeCategory));
  if (f.waitlistPositionMax !== undefined) (where.push('waitlist_position <= ?'), params.push(f.waitlistPositionMax));
  const search = f.search?.trim();
  if (search) {
    if (/^\d+$/.test(search)) {
      // A PIN prefix as a range, so the pin index serves it.
      where.push('pin >= ? AND pin < ?');
      params.push(search, search + '\u{10FFFF}');
    } else {
      where.push("name_key LIKE ? ESCAPE '\\'");
      params.push(`%${nameKey(search).replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    }
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
