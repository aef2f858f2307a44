// Loading an existing campaign log onto an empty server (a campaign that began
// before the server, or a generated one for tests and benchmarks). The whole
// file is replayed first, so a malformed line is reported by number and
// nothing is written; then the events go through the sequencer with their own
// `at`, in batches.
import { Engine } from '../../shared/engine/engine';
import type { LogEvent } from '../../shared/log/events';
import { LogError, parseEventLine } from '../../shared/log/parseLine';
import type { Database } from '../db/database';
import { Sequencer } from '../sequencer/sequencer';
import { upsertDistricts } from './districts';

const CHUNK = 2000;

export async function importLog(
  db: Database,
  lines: Iterable<string>,
): Promise<{ events: number; head: number }> {
  const events: LogEvent[] = [];
  const check = new Engine({ details: false });
  let n = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    if (Buffer.byteLength(text) > 1_048_576) throw new LogError('longer than 1 MiB', n);
    const e = parseEventLine(text, n);
    try {
      check.ingest(e);
    } catch (err) {
      if (err instanceof LogError && err.line === undefined) throw new LogError(err.message, n);
      throw err;
    }
    events.push(e);
  }
  if (check.campaign === null)
    throw new LogError('the log is empty: it must begin with campaign.opened', n + 1);
  const sequencer = await Sequencer.start(db);
  try {
    if (sequencer.headSeq !== 0)
      throw new Error(`the server's log is not empty (head seq ${sequencer.headSeq})`);
    const districts = new Set<string>();
    for (const s of check.schools.values()) districts.add(s.districtId);
    await upsertDistricts(
      db,
      [...districts].map((id) => ({ id, name: id })),
    );
    for (let i = 0; i < events.length; i += CHUNK) {
      await sequencer.push(events.slice(i, i + CHUNK), { kind: 'admin', keepTime: true });
    }
    return { events: events.length, head: sequencer.headSeq };
  } finally {
    await sequencer.close();
  }
}
