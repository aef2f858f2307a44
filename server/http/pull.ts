// Pull: the log after a cursor, in seq order, a page at a time. Only
// committed rows are read (seq <= the committed head), and the single writer
// commits seqs in order, so `seq > cursor` can never pass over a row that
// commits later. A cursor this log cannot continue from restarts at the
// beginning, flagged `reset`, instead of skipping anything.
import type { Sql } from '../db/database';
import { decodeCursor, encodeCursor } from '../../shared/sync/cursor';
import type { PullQuery } from '../../shared/sync/contract';
import type { Sequencer } from '../sequencer/sequencer';

export interface PullPage {
  body: string;
  head: number;
}

export async function pullPage(sql: Sql, sequencer: Sequencer, q: PullQuery, signal: AbortSignal): Promise<PullPage> {
  let after = 0;
  let reset = false;
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    if (c === null || c.logId !== sequencer.logId || c.seq > sequencer.headSeq) reset = true;
    else after = c.seq;
  }
  if (q.wait > 0 && after >= sequencer.headSeq) await waitForHead(sequencer, after, q.wait * 1000, signal);
  const head = sequencer.headSeq;
  const rows =
    after >= head
      ? []
      : await sql.query<{ seq: number; line: string }>(
          'SELECT seq, line FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
          [after, head, q.limit],
        );
  const last = rows.length > 0 ? rows[rows.length - 1].seq : after;
  // The stored lines are JSON already: the page is assembled, not re-serialised.
  const body =
    `{"reset":${reset},"cursor":${JSON.stringify(encodeCursor({ logId: sequencer.logId, seq: last }))},` +
    `"head":${head},"more":${last < head},"events":[${rows.map((r) => r.line).join(',')}]}`;
  return { body, head };
}

function waitForHead(sequencer: Sequencer, after: number, ms: number, signal: AbortSignal): Promise<void> {
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
