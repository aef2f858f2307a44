// Pull: a district's view of the log after a cursor, in seq order, a page at
// a time. The view is the district's own events, campaign.opened, and the
// outside events its links name, minimised (server/log/links.ts). Only
// committed rows are read (seq <= the committed head), and the single writer
// commits seqs in order, so `seq > cursor` can never pass over a row that
// commits later. A cursor this view cannot continue from (malformed, another
// log, another district, an older view version, beyond the head) restarts at
// the beginning, flagged `reset`, instead of skipping anything.
import type { Sql } from '../db/database';
import { decodeCursor, encodeCursor } from '../../shared/sync/cursor';
import type { PullQuery } from '../../shared/sync/contract';
import { minimiseLine } from '../log/links';
import { CAMPAIGN_SCOPE } from '../log/scope';
import type { Sequencer } from '../sequencer/sequencer';

export interface PullPage {
  body: string;
  head: number;
  /** the cursor the page ends at */
  cursor: string;
  events: number;
  more: boolean;
  reset: boolean;
}

/** The cursor's log part: the log, the district and its view version. */
export function viewId(sequencer: Sequencer, district: string): string {
  return `${sequencer.logId}/${district}/v${sequencer.links.version(district)}`;
}

/** Where a pull starts: after `seq`, or from the beginning with `reset` when the cursor cannot continue. */
export function startOf(sequencer: Sequencer, district: string, cursor: string | undefined): {
  after: number;
  reset: boolean;
} {
  if (cursor === undefined) return { after: 0, reset: false };
  const c = decodeCursor(cursor);
  if (c === null || c.logId !== viewId(sequencer, district) || c.seq > sequencer.headSeq) {
    return { after: 0, reset: true };
  }
  return { after: c.seq, reset: false };
}

export async function pullPage(
  sql: Sql,
  sequencer: Sequencer,
  district: string,
  q: PullQuery,
  signal: AbortSignal,
): Promise<PullPage> {
  let { after, reset } = startOf(sequencer, district, q.cursor);
  const deadline = Date.now() + q.wait * 1000;
  for (;;) {
    const page = await readPage(sql, sequencer, district, after, q.limit, reset);
    // Long-poll: an empty page waits for the next commit (which may not be this
    // district's: then the page is read again, from the head it reached).
    const left = deadline - Date.now();
    if (page.events > 0 || left <= 0 || signal.aborted) return page;
    const c = decodeCursor(page.cursor)!;
    after = c.seq;
    // A view version that changed meanwhile: the next read starts over (reset).
    if (c.logId !== viewId(sequencer, district)) return page;
    await waitForHead(sequencer, after, left, signal);
  }
}

/** One page of the view after `after`, read as of one moment of the sequencer's memory. */
export async function readPage(
  sql: Sql,
  sequencer: Sequencer,
  district: string,
  after: number,
  limit: number,
  reset: boolean,
): Promise<PullPage> {
  // Head, view version and links are read together, before any await: one consistent view.
  const head = sequencer.headSeq;
  const view = viewId(sequencer, district);
  const subjects = sequencer.links.subjects(district);
  const rows =
    after >= head
      ? []
      : await sql.query<{ seq: number; line: string; district_id: string }>(
          // Three index range scans (the district's key, the campaign's, the linked subjects'),
          // merged: an OR of them would make PostgreSQL read the whole log's seq range.
          `SELECT seq, line, district_id FROM (
             (SELECT seq, line, district_id FROM events
              WHERE district_id = $3 AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $6)
             UNION ALL
             (SELECT seq, line, district_id FROM events
              WHERE district_id = $4 AND type = 'campaign.opened' AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $6)
             UNION ALL
             (SELECT seq, line, district_id FROM events
              WHERE subject = ANY($5::text[]) AND district_id <> $3 AND seq > $1 AND seq <= $2
              ORDER BY seq LIMIT $6)
           ) AS view ORDER BY seq LIMIT $6`,
          [after, head, district, CAMPAIGN_SCOPE, subjects, limit],
        );
  const more = rows.length === limit && rows[rows.length - 1].seq < head;
  // A short page read the view up to the head: the cursor goes there, so the next pull skips nothing.
  const last = more ? rows[rows.length - 1].seq : Math.max(after, head);
  const cursor = encodeCursor({ logId: view, seq: last });
  const lines = rows.map((r) =>
    r.district_id === district || r.district_id === CAMPAIGN_SCOPE ? r.line : minimiseLine(r.line),
  );
  // The stored lines are JSON already: the page is assembled, not re-serialised.
  const body =
    `{"reset":${reset},"cursor":${JSON.stringify(cursor)},` +
    `"head":${head},"more":${more},"events":[${lines.join(',')}]}`;
  return { body, head, cursor, events: rows.length, more, reset };
}

export function waitForHead(sequencer: Sequencer, after: number, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      off();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const off = sequencer.onCommit((head) => {
      if (head > after) done();
    });
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
