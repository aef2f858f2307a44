// `kabyl replay LOG.jsonl [--at INSTANT]` (FORMATS.md): one JSON document on
// stdout and exit 0, or `line N: ...` on stderr, nothing on stdout, exit 2.
import { replayJson, writeReplayJson } from '../../shared/engine/replay';
import { replayFile } from './parallelReplay';
import { BufferedOut } from './writeOut';
import { type Io, UsageError, takeOption } from './io';

export const replayHelp = `Usage: kabyl replay LOG.jsonl [--at INSTANT]

Replays a campaign log (JSON Lines, format v1; "-" reads stdin) through the
allocation engine and prints the outcome as one JSON document: every
application's status, every stream's seats, every commission case, every
refused event, and counts.

  --at INSTANT   move the clock to this instant after the last event (ISO-8601
                 with an offset, e.g. 2026-09-15T00:00:00+06:00); timers due by
                 then fire (the documents deadline). Must not be earlier than
                 the last event.

Exit codes: 0 replayed; 2 a malformed log or bad arguments ("line N: ..." on stderr).`;

export async function replayCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const at = takeOption(rest, '--at');
  if (rest.length !== 1)
    throw new UsageError('replay takes exactly one LOG.jsonl (or - for stdin)', replayHelp);
  const engine = await replayFile(rest[0], at);
  if (io.stdoutFd === undefined) {
    io.out(replayJson(engine) + '\n');
  } else {
    const out = new BufferedOut(io.stdoutFd);
    writeReplayJson(engine, out.write);
    out.write('\n');
    out.flush();
  }
  return 0;
}
