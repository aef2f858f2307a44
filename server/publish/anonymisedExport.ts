// The anonymised export (docs/opening-day.md): the log in seq order, each line
// through the same pseudonymizer as the public chain, so its chain recomputes
// to the published heads.
import { parseEventLine } from '../../shared/log/parseLine';
import { PublicChain, type PublicHead } from '../../shared/publish/publicChain';
import { nodeChainHash } from '../../main/store/log/nodeHash';
import type { Sql } from '../db/database';
import { pseudonymKey } from './publisher';

const PAGE = 20_000;

export async function exportAnonymised(
  sql: Sql,
  write: (chunk: string) => void | Promise<void>,
): Promise<PublicHead> {
  const chain = new PublicChain(nodeChainHash, await pseudonymKey(sql));
  let after = 0;
  for (;;) {
    const rows = await sql.query<{ seq: number; line: string }>(
      'SELECT seq, line FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, PAGE],
    );
    if (rows.length === 0) return chain.head;
    const out: string[] = [];
    for (const r of rows) out.push(chain.push(parseEventLine(r.line, r.seq), r.seq));
    await write(out.join('\n') + '\n');
    after = rows[rows.length - 1].seq;
  }
}
