// The store checked against its own log: projections against a fresh replay,
// events against their hash chain; the CLI commands over a real file.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { openStore, type Store } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles, type TestBundles } from './bundles';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const lines = campaignLog({ schools: 6, children: 400 });

beforeEach(async () => {
  tmp = tempDir();
  writeFileSync(tmp.file('log.jsonl'), lines.join('\n'));
  store = await openStore({ file: tmp.file('district.sqlite') });
  await store.importFile(tmp.file('log.jsonl'));
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

/** What a tamperer with the file does first: the app's own guard triggers go. */
async function dropGuards(s: Store): Promise<void> {
  await s.dataSource.query('DROP TRIGGER event_no_update');
  await s.dataSource.query('DROP TRIGGER event_no_delete');
}

describe('verifyProjections and rebuildProjections', () => {
  it('find nothing to report on an honest store', async () => {
    expect(await store.verifyProjections()).toEqual({ events: lines.length, mismatches: [] });
  });

  it('detect a tampered, a deleted and an invented projection row, and rebuild repairs them', async () => {
    const [victim] = await store.dataSource.query(
      "SELECT id, status FROM application WHERE status = 'enrolled' LIMIT 1",
    );
    await store.dataSource.query(
      "UPDATE application SET status = 'refused', reason = 'no_free_seats' WHERE id = ?",
      [victim.id],
    );
    await store.dataSource.query("UPDATE stream SET quota = quota + 5 WHERE key = 'S0001/ky'");
    await store.dataSource.query("DELETE FROM commission_case WHERE id = 'C0001'");
    await store.dataSource.query(
      "INSERT INTO rejection (event_id, seq, type, reason) VALUES ('ghost', 1, 'quota.set', 'school_not_found')",
    );
    const { mismatches } = await store.verifyProjections();
    expect(mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'application',
          key: victim.id,
          problem: 'different',
          columns: ['status', 'reason'],
        }),
        expect.objectContaining({
          table: 'stream',
          key: 'S0001/ky',
          problem: 'different',
          columns: ['quota'],
        }),
        expect.objectContaining({ table: 'commission_case', key: 'C0001', problem: 'missing' }),
        expect.objectContaining({ table: 'rejection', key: 'ghost', problem: 'unexpected' }),
      ]),
    );
    expect(mismatches).toHaveLength(4);
    expect(await store.rebuildProjections()).toEqual({ events: lines.length });
    expect((await store.verifyProjections()).mismatches).toEqual([]);
    expect(await outputFromProjections(store)).toEqual(withoutStats(replayText(lines.join('\n'))));
  });

  it('detect a changed outcome on a stored event', async () => {
    await dropGuards(store);
    await store.dataSource.query("UPDATE event SET outcome = 'no_free_seats' WHERE seq = 2");
    expect((await store.verifyProjections()).mismatches).toEqual([
      expect.objectContaining({ table: 'event', key: '2', columns: ['outcome'] }),
    ]);
  });

  it('leave the store writable after a rebuild (the writer takes the rebuilt engine)', async () => {
    await store.rebuildProjections();
    const extra = JSON.parse(lines[lines.length - 1]);
    const r = await store.append([
      { ...extra, id: 'after-rebuild', data: { ...extra.data, seats: 9 } },
    ]);
    expect(r.outcomes[0]).toMatchObject({ outcome: 'applied', seq: lines.length + 1 });
    expect((await store.verifyProjections()).mismatches).toEqual([]);
  });
});

describe('verifyChain', () => {
  it('accepts the chain as written, and chains on across appends', async () => {
    expect(await store.verifyChain()).toEqual({
      ok: true,
      checked: lines.length,
      brokenAt: null,
      reason: null,
      columns: null,
      anchor: 'none',
      anchorProtection: null,
      rewrittenBy: null,
    });
    const last = JSON.parse(lines[lines.length - 1]);
    await store.append([{ ...last, id: 'later' }]);
    const [a, b] = await store.dataSource.query(
      'SELECT hash, body FROM event WHERE seq >= ? ORDER BY seq',
      [lines.length],
    );
    const { nodeChainHash: chainHash } = await import('../../main/store/log/nodeHash');
    expect(b.hash).toBe(chainHash(a.hash, b.body));
    expect((await store.verifyChain()).ok).toBe(true);
  });

  it('names a changed event', async () => {
    await dropGuards(store);
    await store.dataSource.query(
      `UPDATE event SET body = replace(body, '"at":"', '"note":"x","at":"') WHERE seq = 30`,
    );
    expect(await store.verifyChain()).toMatchObject({
      ok: false,
      brokenAt: 30,
      reason: 'hash_mismatch',
    });
  });

  it('names the event after a deleted one', async () => {
    await dropGuards(store);
    await store.dataSource.query('DELETE FROM event WHERE seq = 77');
    expect(await store.verifyChain()).toMatchObject({
      ok: false,
      brokenAt: 78,
      reason: 'prev_mismatch',
    });
  });

  it('detects a deleted last event through the recorded head', async () => {
    await dropGuards(store);
    await store.dataSource.query('DELETE FROM event WHERE seq = ?', [lines.length]);
    expect(await store.verifyChain()).toMatchObject({
      ok: false,
      brokenAt: lines.length,
      reason: 'head_mismatch',
    });
  });

  it('a rehashed forgery still disagrees with the recorded head', async () => {
    await dropGuards(store);
    // Rewriting one event and re-chaining everything after it needs the head rewritten too;
    // without that the forgery shows at the end.
    const { nodeChainHash: chainHash } = await import('../../main/store/log/nodeHash');
    const rows: { seq: number; body: string; hash: string }[] = await store.dataSource.query(
      'SELECT seq, body, hash FROM event ORDER BY seq',
    );
    let prev = rows[8].hash;
    for (const r of rows.slice(9)) {
      const body = r.seq === 10 ? r.body.replace('"at":"', '"note":"x","at":"') : r.body;
      const hash = chainHash(prev, body);
      await store.dataSource.query('UPDATE event SET body = ?, hash = ? WHERE seq = ?', [
        body,
        hash,
        r.seq,
      ]);
      prev = hash;
    }
    expect(await store.verifyChain()).toMatchObject({ ok: false, reason: 'head_mismatch' });
  });
});

describe('kabyl verify / rebuild', () => {
  let bundles: TestBundles;
  beforeAll(async () => {
    bundles = await buildTestBundles();
  });
  const kabyl = (...args: string[]) =>
    spawnSync(process.execPath, [bundles.cli, ...args], { encoding: 'utf8' });

  it('verify exits 0 on an honest store and 1 naming a tampered row; rebuild repairs it', async () => {
    const file = tmp.file('district.sqlite');
    await store.close();
    expect(kabyl('verify', '--db', file)).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('projections: agree with a replay of'),
    });
    store = await openStore({ file });
    await store.dataSource.query("UPDATE stream SET occupied = 0 WHERE key = 'S0002/ru'");
    await store.close();
    const bad = kabyl('verify', '--db', file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('stream S0002/ru: different occupied: 0 should be');
    expect(kabyl('rebuild', '--db', file)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^rebuilt the projections from \d+ events/),
    });
    expect(kabyl('verify', '--db', file).status).toBe(0);
    store = await openStore({ file });
  });

  it('refuse a missing store file and a missing --db', () => {
    expect(kabyl('verify', '--db', path.join(tmp.dir, 'nope.sqlite'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no such store'),
    });
    expect(kabyl('rebuild')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--db FILE is required'),
    });
  });
});
