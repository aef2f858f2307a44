import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import type { LogEvent } from '../../shared/log/events';
import { openStore, type Store } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let tmp: ReturnType<typeof tempDir>;
const stores: Store[] = [];
const open = async (name = 'district.sqlite') => {
  const s = await openStore({ file: tmp.file(name) });
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

const lines = campaignLog({ schools: 7, children: 600 });
const expected = withoutStats(replayText(lines.join('\n')));

describe('append', () => {
  it('stores the log and projections equal to a replay of it, in one batch', async () => {
    const store = await open();
    const res = await store.append(
      lines.map((l) => JSON.parse(l) as LogEvent),
      { bodies: lines },
    );
    expect(res.added).toBe(lines.length);
    expect(res.duplicates).toBe(0);
    expect(await outputFromProjections(store)).toEqual(expected);
    expect(await store.eventCount()).toBe(lines.length);
    const stored = await store.events({ limit: 5000 });
    expect(stored.map((e) => e.body)).toEqual(lines);
    expect(stored.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 1));
  });

  it('gives the same projections when the log comes one small batch at a time, across reopenings', async () => {
    let store = await open();
    for (let i = 0; i < lines.length; i += 97) {
      if (i === 97 * 3) {
        await store.close();
        store = await open();
      }
      const batch = lines.slice(i, i + 97);
      await store.append(
        batch.map((l) => JSON.parse(l)),
        { bodies: batch },
      );
    }
    expect(await outputFromProjections(store)).toEqual(expected);
    expect((await store.verifyProjections()).mismatches).toEqual([]);
  });

  it("reports each event's outcome and skips known ids", async () => {
    const store = await open();
    const events = lines.map((l) => JSON.parse(l) as LogEvent);
    await store.append(events.slice(0, 100));
    const res = await store.append(events.slice(90, 110));
    expect(res.duplicates).toBe(10);
    expect(res.added).toBe(10);
    expect(res.outcomes.slice(0, 10).every((o) => o.outcome === 'duplicate')).toBe(true);
    expect(res.outcomes[10]).toMatchObject({ id: events[100].id, outcome: 'applied', seq: 101 });
    const refused = events.findIndex(
      (e) => e.type === 'quota.set' && (e.data as { schoolId: string }).schoolId === 'S9999',
    );
    const [row] = await store.dataSource.query('SELECT seq, outcome FROM event WHERE id = ?', [
      events[refused].id,
    ]);
    expect(row).toEqual({ seq: refused + 1, outcome: 'school_not_found' });
    expect(await store.rejections()).toContainEqual({
      eventId: events[refused].id,
      seq: refused + 1,
      type: 'quota.set',
      reason: 'school_not_found',
    });
  });

  it('rejects a malformed event naming it and writes nothing', async () => {
    const store = await open();
    const events = lines.map((l) => JSON.parse(l) as LogEvent);
    const q = events.findIndex((e, i) => i > 5 && e.type === 'quota.set');
    await store.append(events.slice(0, q - 4));
    const bad = { ...events[q], data: { ...events[q].data, seats: -1 } } as LogEvent;
    await expect(store.append([...events.slice(q - 4, q), bad])).rejects.toThrow(
      /^event 5: data\.seats/,
    );
    expect(await store.eventCount()).toBe(q - 4);
    // Time going backwards is found by the engine after earlier events were judged: still nothing written.
    const back = { ...events[q + 1], at: '2026-01-01T00:00:00+06:00' } as LogEvent;
    await expect(store.append([...events.slice(q - 4, q + 1), back])).rejects.toThrow(
      /^event 6: at 2026-01-01/,
    );
    expect(await store.eventCount()).toBe(q - 4);
    expect((await store.verifyProjections()).mismatches).toEqual([]);
    // And the store goes on working.
    await store.append(events.slice(q - 4));
    expect(await store.eventCount()).toBe(events.length);
    expect(await outputFromProjections(store)).toEqual(expected);
  });

  it('serialises concurrent writers', async () => {
    const store = await open();
    const events = lines.map((l) => JSON.parse(l) as LogEvent);
    await store.append(events.slice(0, 50));
    await Promise.all([
      store.append(events.slice(50, 200)),
      store.append(events.slice(200, 400)),
      store.append(events.slice(400)),
    ]);
    expect(await outputFromProjections(store)).toEqual(expected);
  });
});

describe('import', () => {
  it('imports a file atomically, idempotently, with progress', async () => {
    const log = tmp.file('log.jsonl');
    writeFileSync(log, lines.join('\n') + '\n');
    const store = await open();
    const progress: number[] = [];
    const r = await store.importFile(log, {
      chunkBytes: 16 * 1024,
      onProgress: (p) => progress.push(p.bytesRead),
    });
    expect(r).toMatchObject({
      linesRead: lines.length,
      eventsAdded: lines.length,
      duplicates: 0,
      firstSeq: 1,
      lastSeq: lines.length,
    });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(r.totalBytes);
    expect(await outputFromProjections(store)).toEqual(expected);
    const again = await store.importFile(log);
    expect(again).toMatchObject({ eventsAdded: 0, duplicates: lines.length, firstSeq: null });
    expect(await store.eventCount()).toBe(lines.length);
    expect(await outputFromProjections(store)).toEqual(expected);
  });

  it('rejects a file with a malformed line, naming it, and leaves the store as it was', async () => {
    const store = await open();
    writeFileSync(tmp.file('first.jsonl'), lines.slice(0, 200).join('\n'));
    await store.importFile(tmp.file('first.jsonl'));
    const before = await outputFromProjections(store);
    const broken = [...lines];
    broken[lines.length - 3] = broken[lines.length - 3].replace('"type":"', '"type":"x');
    writeFileSync(tmp.file('broken.jsonl'), broken.join('\n'));
    await expect(store.importFile(tmp.file('broken.jsonl'), { chunkBytes: 8192 })).rejects.toThrow(
      `line ${lines.length - 2}: `,
    );
    expect(await store.eventCount()).toBe(200);
    expect(await outputFromProjections(store)).toEqual(before);
    expect((await store.verifyChain()).ok).toBe(true);
    writeFileSync(tmp.file('notjson.jsonl'), lines.slice(0, 300).join('\n') + '\n\n{oops\n');
    await expect(store.importFile(tmp.file('notjson.jsonl'))).rejects.toThrow(
      /^line 302: not JSON/,
    );
    expect(await store.eventCount()).toBe(200);
    // The full file still imports afterwards.
    writeFileSync(tmp.file('full.jsonl'), lines.join('\r\n'));
    expect((await store.importFile(tmp.file('full.jsonl'))).eventsAdded).toBe(lines.length - 200);
    expect(await outputFromProjections(store)).toEqual(expected);
  });

  it('rejects an empty log into an empty store', async () => {
    const store = await open();
    writeFileSync(tmp.file('empty.jsonl'), '\n\n');
    await expect(store.importFile(tmp.file('empty.jsonl'))).rejects.toThrow(
      /^line 3: the log is empty/,
    );
  });
});
