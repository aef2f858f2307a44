// Writing the sequencer's batch: events, refusals and the projections they
// changed, each as one multi-row statement (unnest of arrays), so a batch of a
// thousand decisions is a handful of round trips inside one transaction.
import type { ChangeSet, Engine } from '../../shared/engine/engine';
import type { LogEvent } from '../../shared/log/events';
import type { Sql } from '../db/database';

export interface EventRow {
  districtId: string;
  seq: number;
  eventId: string;
  type: string;
  at: string;
  deviceId: string | null;
  /** what the event is about (server/log/links.ts): the key a district's outside links name */
  subject: string | null;
  line: string;
  /** the stored event itself, for the sequencer's observers */
  event?: LogEvent;
}

export interface RefusalRow {
  districtId: string;
  eventId: string;
  deviceId: string | null;
  reason: string;
  judgedAt: string;
  line: string;
}

/** Rows per INSERT: 8 parameters each, well under PostgreSQL's 65,535 per statement. */
const EVENT_ROWS_PER_INSERT = 1000;

// A multi-row VALUES with one parameter per field: the lines (JSON, full of quotes)
// travel as plain parameters, not escaped inside an array literal that the server
// must parse again, which made the insert several times slower.
export async function insertEvents(tx: Sql, rows: EventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += EVENT_ROWS_PER_INSERT) {
    const part = rows.slice(i, i + EVENT_ROWS_PER_INSERT);
    const params: unknown[] = [];
    const values: string[] = [];
    for (const r of part) {
      const n = params.length;
      values.push(
        `($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8})`,
      );
      params.push(r.districtId, r.seq, r.eventId, r.type, r.at, r.deviceId, r.subject, r.line);
    }
    await tx.query(
      `INSERT INTO events (district_id, seq, event_id, type, at, device_id, subject, line)
       VALUES ${values.join(',')}`,
      params,
    );
  }
}

export async function insertRefusals(tx: Sql, rows: RefusalRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO refusals (district_id, event_id, device_id, reason, judged_at, line)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])`,
    [
      rows.map((r) => r.districtId),
      rows.map((r) => r.eventId),
      rows.map((r) => r.deviceId),
      rows.map((r) => r.reason),
      rows.map((r) => r.judgedAt),
      rows.map((r) => r.line),
    ],
  );
}

/** The district of a school, '*' for one the engine does not know (cannot happen for a stored stream). */
const districtOfSchool = (engine: Engine, schoolId: string): string =>
  engine.schools.get(schoolId)?.districtId ?? '*';

/**
 * The district each application and case is filed under. It is fixed when the
 * row is first written, so a row's key never moves: an application keeps the
 * district of the school it was first filed at (docs/scaling.md), a case its
 * opener's district.
 */
export interface Homes {
  applications: Map<string, string>;
  cases: Map<string, string>;
}

function homeOf(map: Map<string, string>, id: string, fallback: string): string {
  let home = map.get(id);
  if (home === undefined) map.set(id, (home = fallback));
  return home;
}

/** Upserts every application, stream and case the batch changed, as the engine now holds them. */
export async function writeProjections(
  tx: Sql,
  engine: Engine,
  changes: ChangeSet,
  seq: number,
  homes: Homes,
): Promise<void> {
  // R16: a queue that changed may have moved every member's place, not only the one that moved.
  const appIds = new Set(changes.applications);
  const places = new Map<string, { school: string; language: string; position: number }>();
  for (const key of changes.waitlists) {
    const stream = engine.streams.get(key);
    if (!stream) continue;
    engine.waitlist(key).forEach((e, i) => {
      appIds.add(e.applicationId);
      places.set(e.applicationId, {
        school: stream.schoolId,
        language: stream.language,
        position: i + 1,
      });
    });
  }
  const placeOf = (id: string) => {
    const known = places.get(id);
    if (known) return known;
    const entry = engine.waitlistEntry(id);
    const stream = entry ? engine.streams.get(entry.streamKey) : undefined;
    const position = entry ? engine.waitlistPosition(id) : null;
    return stream && position !== null
      ? { school: stream.schoolId, language: stream.language, position }
      : null;
  };
  if (appIds.size > 0) {
    const apps = [...appIds].map((id) => engine.applications.get(id)!);
    const waits = apps.map((a) => placeOf(a.id));
    await tx.query(
      `INSERT INTO applications (district_id, application_id, status, reason, school_id, language, stage, basis,
         privilege, order_number, updated_seq, waitlist_school, waitlist_language, waitlist_position)
       SELECT d, a, st, r, s, l, sg, b, p, o, $11, ws, wl, wp FROM unnest($1::text[], $2::text[], $3::text[],
         $4::text[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::text[], $10::text[], $12::text[],
         $13::text[], $14::int[])
         AS u(d, a, st, r, s, l, sg, b, p, o, ws, wl, wp)
       ON CONFLICT (district_id, application_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
         school_id = excluded.school_id, language = excluded.language, stage = excluded.stage, basis = excluded.basis,
         privilege = excluded.privilege, order_number = excluded.order_number, updated_seq = excluded.updated_seq,
         waitlist_school = excluded.waitlist_school, waitlist_language = excluded.waitlist_language,
         waitlist_position = excluded.waitlist_position`,
      [
        apps.map((a) => homeOf(homes.applications, a.id, districtOfSchool(engine, a.schoolId))),
        apps.map((a) => a.id),
        apps.map((a) => a.status),
        apps.map((a) => a.reason),
        apps.map((a) => a.schoolId),
        apps.map((a) => a.language),
        apps.map((a) => a.stage),
        apps.map((a) => a.basis),
        apps.map((a) => a.privilege),
        apps.map((a) => a.orderNumber),
        seq,
        waits.map((w) => w?.school ?? null),
        waits.map((w) => w?.language ?? null),
        waits.map((w) => w?.position ?? null),
      ],
    );
  }
  if (changes.streams.size > 0) {
    const streams = [...changes.streams].map((k) => engine.streams.get(k)!);
    await tx.query(
      `INSERT INTO streams (district_id, school_id, language, quota, occupied, updated_seq, waitlist)
       SELECT d, s, l, q, o, $6, w
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $7::int[]) AS u(d, s, l, q, o, w)
       ON CONFLICT (district_id, school_id, language) DO UPDATE SET quota = excluded.quota,
         occupied = excluded.occupied, updated_seq = excluded.updated_seq, waitlist = excluded.waitlist`,
      [
        streams.map((s) => districtOfSchool(engine, s.schoolId)),
        streams.map((s) => s.schoolId),
        streams.map((s) => s.language),
        streams.map((s) => s.quota),
        streams.map((s) => s.occupied),
        seq,
        streams.map((s) => engine.waitlistSize(s.key)),
      ],
    );
  }
  if (changes.cases.size > 0) {
    const cases = [...changes.cases].map((id) => engine.cases.get(id)!);
    await tx.query(
      `INSERT INTO cases (district_id, case_id, status, updated_seq)
       SELECT d, c, s, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(d, c, s)
       ON CONFLICT (district_id, case_id) DO UPDATE SET status = excluded.status, updated_seq = excluded.updated_seq`,
      [
        cases.map((c) => homeOf(homes.cases, c.id, '*')),
        cases.map((c) => c.id),
        cases.map((c) => c.status),
        seq,
      ],
    );
  }
}
