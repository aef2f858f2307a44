// The engine snapshot beside the store: a reopened store's first write starts
// from it, and anything that does not check out falls back to a replay with the
// same answer. Real SQLite files and real snapshot files throughout.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import type { LogEvent } from '../../shared/log/events';
import { openStore, type Store } from '../../main/store';
import {
  decodeSnapshot,
  encodeSnapshot,
  snapshotPathOf,
} from '../../main/store/snapshot/engineSnapshotFile';
import { campaignLog } from './fixtures/campaignLog';
import { outputFromProjections, tempDir } from './helpers';
import { replayText } from '../../shared/engine/replay';

let tmp: ReturnType<typeof tempDir>;
const stores: Store[] = [];
const open = async (name: string, snapshotEvery: number | false = 1) => {
  const s = await openStore({ file: tmp.file(name), snapshotEvery });
  stores.push(s);
  return s;
};
const closeAll = async () => {
  for (const s of stores.splice(0)) await s.close();
};
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await closeAll();
  tmp.cleanup();
});

const lines = campaignLog({ schools: 6, children: 400 });
const events = lines.map((l) => JSON.parse(l) as LogEvent);
const fold = (evs: LogEvent[]) => {
  const e = new Engine();
  for (const x of evs) e.ingest(x);
  return e;
};
const whole = fold(events).snapshot();
const cut = Math.floor(lines.length * 0.8);

/** A store holding the first `n` lines, imported from a file, then closed (which writes the snapshot). */
async function storeWith(
  name: string,
  n: number,
  snapshotEvery: number | false = 1,
): Promise<string> {
  const log = tmp.file(`${name}.jsonl`);
  writeFileSync(log, lines.slice(0, n).join('\n') + '\n');
  const s = await openStore({ file: tmp.file(name), snapshotEvery });
  await s.importFile(log);
  await s.close();
  return tmp.file(name);
}

/** Appends the rest of the log through a reopened store and checks it against a full replay. */
async function appendRestAndCheck(name: string, from: number): Promise<Store> {
  const s = await open(name);
  const rest = lines.slice(from);
  await s.append(
    rest.map((l) => JSON.parse(l)),
    { bodies: rest },
  );
  expect((await s.engine()).snapshot()).toEqual(whole);
  const { stats: _stats, ...expected } = replayText(lines.join('\n'));
  expect(await outputFromProjections(s)).toEqual(expected);
  return s;
}

describe('engine snapshot', () => {
  it('is written after an import and the next write starts from it', async () => {
    const file = await storeWith('a.sqlite', cut);
    expect(existsSync(snapshotPathOf(file))).toBe(true);
    const s = await appendRestAndCheck('a.sqlite', cut);
    expect(s.lastRestore).toEqual({ from: 'snapshot', seq: cut, replayed: 0 });
  });

  it('is not written below the threshold, and then the store replays', async () => {
    const file = await storeWith('b.sqlite', cut, 1_000_000);
    expect(existsSync(snapshotPathOf(file))).toBe(false);
    const s = await appendRestAndCheck('b.sqlite', cut);
    expect(s.lastRestore).toEqual({ from: 'replay', replayed: cut, snapshot: 'missing' });
  });

  it('stale (events appended after it): replays only the events after it', async () => {
    await storeWith('c.sqlite', 100);
    // Another writer that keeps no snapshot appends past it.
    const other = await openStore({ file: tmp.file('c.sqlite'), snapshotEvery: false });
    const more = lines.slice(100, cut);
    await other.append(
      more.map((l) => JSON.parse(l)),
      { bodies: more },
    );
    await other.close();
    const s = await appendRestAndCheck('c.sqlite', cut);
    expect(s.lastRestore).toEqual({ from: 'snapshot', seq: 100, replayed: cut - 100 });
  });

  it('corrupt (a flipped byte in the payload): replays, same answer', async () => {
    const file = await storeWith('d.sqlite', cut);
    const bytes = readFileSync(snapshotPathOf(file));
    const at = bytes.indexOf('"applications"') + 40;
    bytes[at] ^= 0x04;
    writeFileSync(snapshotPathOf(file), bytes);
    const s = await appendRestAndCheck('d.sqlite', cut);
    expect(s.lastRestore).toEqual({ from: 'replay', replayed: cut, snapshot: 'checksum' });
  });

  it('truncated or garbage: replays', async () => {
    const file = await storeWith('e.sqlite', cut);
    writeFileSync(snapshotPathOf(file), readFileSync(snapshotPathOf(file)).subarray(0, 1000));
    let s = await appendRestAndCheck('e.sqlite', cut);
    expect(s.lastRestore).toMatchObject({ from: 'replay', snapshot: 'checksum' });
    await closeAll();
    writeFileSync(snapshotPathOf(file), 'not a snapshot');
    s = await open('e.sqlite');
    await s.warmUp();
    expect(s.lastRestore).toMatchObject({ from: 'replay', snapshot: 'unreadable' });
  });

  it('wrong file version or engine: replays', async () => {
    const file = await storeWith('f.sqlite', cut);
    const bytes = readFileSync(snapshotPathOf(file));
    const nl = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, nl));
    const withHeader = (h: object) =>
      Buffer.concat([Buffer.from(JSON.stringify(h) + '\n'), bytes.subarray(nl + 1)]);
    writeFileSync(snapshotPathOf(file), withHeader({ ...header, version: header.version + 1 }));
    const s = await appendRestAndCheck('f.sqlite', cut);
    expect(s.lastRestore).toMatchObject({ from: 'replay', snapshot: 'version' });
    expect(decodeSnapshot(withHeader({ ...header, engine: '0'.repeat(32) })).ok).toBe(false);
    expect(decodeSnapshot(withHeader({ ...header, engine: '0'.repeat(32) }))).toEqual({
      ok: false,
      reason: 'engine',
    });
    expect(decodeSnapshot(withHeader(header)).ok).toBe(true);
  });

  it("another log's snapshot (same length, other events) or one ahead of the store: replays", async () => {
    const other = campaignLog({ schools: 6, children: 400, seed: 99 });
    const otherLog = tmp.file('other.jsonl');
    writeFileSync(otherLog, other.slice(0, cut).join('\n') + '\n');
    const o = await openStore({ file: tmp.file('other.sqlite'), snapshotEvery: 1 });
    await o.importFile(otherLog);
    await o.close();
    const file = await storeWith('g.sqlite', cut, false);
    copyFileSync(snapshotPathOf(tmp.file('other.sqlite')), snapshotPathOf(file));
    let s = await appendRestAndCheck('g.sqlite', cut);
    expect(s.lastRestore).toMatchObject({ from: 'replay', snapshot: 'another-log' });
    await closeAll();

    const full = await storeWith('h.sqlite', lines.length);
    const short = await storeWith('i.sqlite', 50, false);
    copyFileSync(snapshotPathOf(full), snapshotPathOf(short));
    s = await appendRestAndCheck('i.sqlite', 50);
    expect(s.lastRestore).toMatchObject({ from: 'replay', snapshot: 'ahead' });
  });

  it('a failed write drops the engine; the next write restores it from the snapshot again', async () => {
    await storeWith('j.sqlite', cut);
    const s = await open('j.sqlite');
    const bad = { ...events[cut]!, at: '2000-01-01T00:00:00+06:00' };
    await expect(s.append([bad])).rejects.toThrow(/earlier/);
    const rest = lines.slice(cut);
    await s.append(
      rest.map((l) => JSON.parse(l)),
      { bodies: rest },
    );
    expect(s.lastRestore).toEqual({ from: 'snapshot', seq: cut, replayed: 0 });
    expect((await s.engine()).snapshot()).toEqual(whole);
  });
});

describe('engine snapshot codec (property)', () => {
  it('restore from the encoded snapshot, then apply the rest == a full replay', () => {
    const logs = [1, 2, 3].map((seed) =>
      campaignLog({ schools: 4, children: 120, seed }).map((l) => JSON.parse(l) as LogEvent),
    );
    const full = logs.map((log) => fold(log).snapshot());
    fc.assert(
      fc.property(fc.nat(2), fc.nat(), (which, cutSeed) => {
        const log = logs[which]!;
        const k = cutSeed % (log.length + 1);
        const first = fold(log.slice(0, k));
        const decoded = decodeSnapshot(encodeSnapshot(first, { seq: k, hash: 'h' }));
        if (!decoded.ok) throw new Error(decoded.reason);
        expect(decoded.head).toEqual({ seq: k, hash: 'h' });
        for (const e of log.slice(k)) decoded.engine.ingest(e);
        expect(decoded.engine.snapshot()).toEqual(full[which]);
      }),
      { numRuns: 60 },
    );
  });
});
