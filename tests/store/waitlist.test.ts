// R16 in the store: the application projection carries `waitlisted` and the
// queue place (stream, position, since), kept right event by event, by a bulk
// import, and by a rebuild; the verifier checks it like any other column.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import type { LogEvent } from '../../shared/log/events';
import { openStore, type Store } from '../../main/store';
import { generate } from '../generator/generated';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let tmp: ReturnType<typeof tempDir>;
const stores: Store[] = [];
const open = async () => {
  const s = await openStore({ file: tmp.file('district.sqlite') });
  stores.push(s);
  return s;
};
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  tmp.cleanup();
});

// A campaign caught in stage 2, queues full of people, standing requests among them.
const { lines } = generate({
  seed: 4,
  districts: 1,
  schoolsPerDistrict: 8,
  children: 1500,
  waitlist: true,
  until: '2026-07-25T18:00:00+06:00',
});
const expected = withoutStats(replayText(lines.join('\n')));

describe('store projection of waitlists', () => {
  it('the case is worth testing: people wait, some for a transfer', () => {
    const queued = Object.values(expected.applications).filter((a) => a.waitlist !== null);
    expect(queued.filter((a) => a.status === 'waitlisted').length).toBeGreaterThan(10);
    expect(queued.filter((a) => a.status === 'registered').length).toBeGreaterThan(0);
  });

  it('appended in small batches, the projection holds every place a replay gives', async () => {
    const store = await open();
    for (let i = 0; i < lines.length; i += 37) {
      const batch = lines.slice(i, i + 37);
      await store.append(
        batch.map((l) => JSON.parse(l) as LogEvent),
        { bodies: batch },
      );
    }
    expect(await outputFromProjections(store)).toEqual(expected);
    expect((await store.verifyProjections()).mismatches).toEqual([]);
  });

  it('imported in bulk, the same; a tampered place is found and rebuilt', async () => {
    writeFileSync(tmp.file('log.jsonl'), lines.join('\n'));
    const store = await open();
    await store.importFile(tmp.file('log.jsonl'));
    expect(await outputFromProjections(store)).toEqual(expected);
    const [victim] = await store.dataSource.query(
      'SELECT id FROM application WHERE waitlist_position = 2 LIMIT 1',
    );
    await store.dataSource.query('UPDATE application SET waitlist_position = 1 WHERE id = ?', [
      victim.id,
    ]);
    const { mismatches } = await store.verifyProjections();
    expect(mismatches).toEqual([
      expect.objectContaining({
        table: 'application',
        key: victim.id,
        columns: ['waitlist_position'],
      }),
    ]);
    await store.rebuildProjections();
    expect(await outputFromProjections(store)).toEqual(expected);
  });

  it('since is the instant the entry joined', async () => {
    const store = await open();
    await store.append(
      lines.map((l) => JSON.parse(l) as LogEvent),
      { bodies: lines },
    );
    const rows = await store.dataSource.query(
      "SELECT a.id, a.waitlist_since AS since, e.at FROM application a JOIN event e ON e.id = a.event_id WHERE a.status = 'waitlisted'",
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.since).toBe(r.at);
  });
});
