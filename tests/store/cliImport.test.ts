// `kabyl import` as a user runs it: output, exit codes, and nothing left behind by a rejected file.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { openStore } from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles } from './bundles';
import { outputFromProjections, tempDir, withoutStats } from './helpers';

let cli: string;
let tmp: ReturnType<typeof tempDir>;
const lines = campaignLog({ schools: 5, children: 300 });
const kabyl = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  cli = (await buildTestBundles()).cli;
  tmp = tempDir();
  writeFileSync(tmp.file('log.jsonl'), lines.join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

describe('kabyl import', () => {
  it('imports, then skips what it already holds', async () => {
    const db = tmp.file('district.sqlite');
    const first = kabyl('import', tmp.file('log.jsonl'), '--db', db);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `^imported ${lines.length} new events \\(\\d+ refused by the rules\\) from ${lines.length} lines; 0 already known`,
      ),
    );
    const again = kabyl('import', tmp.file('log.jsonl'), '--db', db);
    expect(again.stdout).toMatch(
      new RegExp(`^imported 0 new events .* ${lines.length} already known`),
    );
    const store = await openStore({ file: db });
    try {
      expect(await outputFromProjections(store)).toEqual(
        withoutStats(replayText(lines.join('\n'))),
      );
    } finally {
      await store.close();
    }
  });

  it('rejects a malformed file with "line N: ..." on stderr, nothing on stdout, exit 2, and no store file created', () => {
    const bad = [
      ...lines.slice(0, 50),
      '{"id":"x","type":"quota.set","at":"2026-03-03T00:00:00","data":{}}',
      ...lines.slice(50),
    ];
    writeFileSync(tmp.file('bad.jsonl'), bad.join('\n'));
    const db = tmp.file('new.sqlite');
    const r = kabyl('import', tmp.file('bad.jsonl'), '--db', db);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^line 51: at: /);
    expect(existsSync(db)).toBe(false);
  });

  it('prints progress on request and refuses bad arguments', () => {
    const r = kabyl('import', tmp.file('log.jsonl'), '--db', tmp.file('p.sqlite'), '--progress');
    expect(r.stderr).toMatch(/^progress \d+ \d+\/\d+$/m);
    expect(kabyl('import', tmp.file('log.jsonl'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--db FILE is required'),
    });
    expect(kabyl('import', tmp.file('missing.jsonl'), '--db', tmp.file('m.sqlite'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no such file'),
    });
  });
});
