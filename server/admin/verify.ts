// `kabyl server verify`: the stored log and projections against a fresh replay.
// It checks that seq runs 1..head with no gap, that every line is a valid
// event, and that the applications, streams and cases tables say exactly what
// replaying the log says.
import { Engine } from '../../shared/engine/engine';
import { parseEventLine } from '../../shared/log/parseLine';
import { parseInstant } from '../../shared/log/instant';
import { streamKey } from '../../shared/engine/model';
import type { Sql } from '../db/database';

export interface VerifyResult {
  head: number;
  problems: string[];
}

const PAGE = 20_000;
const MAX_PROBLEMS = 50;

export async function verifyServer(sql: Sql): Promise<VerifyResult> {
  const problems: string[] = [];
  const note = (p: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const engine = new Engine({ details: false });
  let head = 0;
  for (;;) {
    const rows = await sql.query<{ seq: number; line: string }>(
      'SELECT seq, line FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [head, PAGE],
    );
    for (const r of rows) {
      if (r.seq !== head + 1) note(`seq gap: ${head + 1}..${r.seq - 1} missing`);
      head = r.seq;
      engine.ingest(parseEventLine(r.line, r.seq));
    }
    if (rows.length < PAGE) break;
  }
  // Refusals move the server's clock without an event: replay as of the last judgement, as the server did.
  const [last] = await sql.query<{ at: string | null }>(
    `SELECT to_char(max(judged_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM refusals`,
  );
  if (last?.at && engine.campaign !== null && parseInstant(last.at) > engine.clock)
    engine.advanceTo(last.at);

  const apps = await sql.query<Record<string, string | number | null>>(
    `SELECT application_id, status, reason, school_id, language, stage, basis, privilege, order_number,
       waitlist_school, waitlist_language, waitlist_position
     FROM applications`,
  );
  const positions = engine.waitlistPositions();
  const seen = new Set<string>();
  for (const row of apps) {
    const id = row.application_id as string;
    seen.add(id);
    const a = engine.applications.get(id);
    if (!a) {
      note(`application ${id} is stored but the replay has none`);
      continue;
    }
    const entry = engine.waitlistEntry(id);
    const target = entry ? engine.streams.get(entry.streamKey) : undefined;
    const want = [
      a.status,
      a.reason,
      a.schoolId,
      a.language,
      a.stage,
      a.basis,
      a.privilege,
      a.orderNumber,
      target?.schoolId ?? null,
      target?.language ?? null,
      positions.get(id) ?? null,
    ];
    const got = [
      row.status,
      row.reason,
      row.school_id,
      row.language,
      row.stage,
      row.basis,
      row.privilege,
      row.order_number,
      row.waitlist_school,
      row.waitlist_language,
      row.waitlist_position,
    ];
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      note(`application ${id}: stored ${JSON.stringify(got)}, replay ${JSON.stringify(want)}`);
    }
  }
  for (const id of engine.applications.keys())
    if (!seen.has(id)) note(`application ${id} is missing from the table`);

  const streams = await sql.query<{
    school_id: string;
    language: string;
    quota: number;
    occupied: number;
    waitlist: number;
  }>('SELECT school_id, language, quota, occupied, waitlist FROM streams');
  const seenStreams = new Set<string>();
  for (const row of streams) {
    const key = streamKey(row.school_id, row.language);
    seenStreams.add(key);
    const s = engine.streams.get(key);
    const queue = engine.waitlistSize(key);
    if (!s || s.quota !== row.quota || s.occupied !== row.occupied || queue !== row.waitlist) {
      const replay = s ? `${s.quota}/${s.occupied}/${queue}` : 'none';
      note(`stream ${key}: stored ${row.quota}/${row.occupied}/${row.waitlist}, replay ${replay}`);
    }
  }
  for (const key of engine.streams.keys())
    if (!seenStreams.has(key)) note(`stream ${key} is missing from the table`);

  const cases = await sql.query<{ case_id: string; status: string }>(
    'SELECT case_id, status FROM cases',
  );
  const seenCases = new Set<string>();
  for (const row of cases) {
    seenCases.add(row.case_id);
    const c = engine.cases.get(row.case_id);
    if (!c || c.status !== row.status)
      note(`case ${row.case_id}: stored ${row.status}, replay ${c?.status ?? 'none'}`);
  }
  for (const id of engine.cases.keys())
    if (!seenCases.has(id)) note(`case ${id} is missing from the table`);
  return { head, problems };
}
