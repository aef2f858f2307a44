// `kabyl import LOG.jsonl --db FILE`: the whole file in one transaction, or nothing.
import { existsSync, rmSync } from 'node:fs';
import { openStore } from '../store';
import { type Io, UsageError, takeFlag, takeOption } from './io';

export const importHelp = `Usage: kabyl import LOG.jsonl --db FILE [--progress]

Imports a campaign log (JSON Lines, format v1) into a Kabyl store (an SQLite
file, created if missing). Every event is judged by the allocation engine and
the store's tables are brought up to date, in one transaction: a malformed line
rejects the whole file ("line N: ..." on stderr) and the store is left exactly
as it was. Events whose id the store already holds are skipped, so importing a
file again, or a longer version of it, adds only what is new.

  --db FILE     the store file (for the app's own: KABYL_DATA_DIR/district.sqlite)
  --progress    print "progress LINES BYTES/TOTAL" lines on stderr as it goes

Exit codes: 0 imported; 2 a malformed log or bad arguments.`;

export async function importCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const db = takeOption(rest, '--db');
  const progress = takeFlag(rest, '--progress');
  if (!db) throw new UsageError('--db FILE is required', importHelp);
  if (rest.length !== 1) throw new UsageError('import takes exactly one LOG.jsonl', importHelp);
  const log = rest[0];
  if (!existsSync(log)) throw new UsageError(`no such file: ${log}`, importHelp);
  const started = performance.now();
  const existed = existsSync(db);
  const store = await openStore({ file: db });
  let ok = false;
  try {
    const r = await store.importFile(log, {
      onProgress: progress
        ? (p) => io.err(`progress ${p.linesRead} ${p.bytesRead}/${p.totalBytes}\n`)
        : undefined,
    });
    ok = true;
    const ms = Math.round(performance.now() - started);
    io.out(
      `imported ${r.eventsAdded} new events (${r.refused} refused by the rules) from ${r.linesRead} lines; ${r.duplicates} already known; ${ms} ms\n`,
    );
    return 0;
  } finally {
    await store.close();
    // A rejected file leaves no trace: not even the empty store this command created for it.
    if (!ok && !existed)
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
}
