// Feeds the sequencer's observers (the intake's receipts, the public chain)
// the committed log from seq 1 at each (re)load, page by page.
import { parseEventLine } from '../../shared/log/parseLine';
import type { Sql } from '../db/database';
import type { LogObserver } from './sequencer';

const PAGE = 20_000;

export async function feedObservers(
  sql: Sql,
  observers: readonly LogObserver[],
  head: number,
): Promise<void> {
  for (const o of observers) o.reset();
  if (observers.length === 0) return;
  for (let after = 0; after < head;) {
    const rows = await sql.query<{ seq: number; line: string }>(
      'SELECT seq, line FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
      [after, head, PAGE],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const event = parseEventLine(r.line, r.seq);
      for (const o of observers) o.event(event, r.seq);
    }
    after = rows[rows.length - 1].seq;
  }
}
