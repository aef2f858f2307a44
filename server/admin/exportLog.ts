// The log as JSON Lines in FORMATS.md's format, in seq order: each line is the
// event as stored, with the server's extra fields (`seq`, `clientAt`,
// `actor.device`), which the format allows and `kabyl replay` ignores.
import type { Sql } from '../db/database';

const PAGE = 20_000;

export async function exportLog(
  sql: Sql,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let after = 0;
  for (;;) {
    const rows = await sql.query<{ seq: number; line: string }>(
      'SELECT seq, line FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, PAGE],
    );
    if (rows.length === 0) return after;
    await write(rows.map((r) => r.line).join('\n') + '\n');
    after = rows[rows.length - 1].seq;
  }
}
