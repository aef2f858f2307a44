// `kabyl verify` on damaged stores: every finding is exit 1 naming the seq, never
// an internal error (exit 70); and the record of chain heads kept outside the file.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { ChainAnchor, plainCodec, safeStorageCodec } from '../../main/store/chainAnchor';
import { campaignLog } from './fixtures/campaignLog';
import { buildTestBundles } from './bundles';
import { tempDir } from './helpers';

let cli: string;
const tmp = tempDir();
const lines = campaignLog({ schools: 3, children: 60 });
const kabyl = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

async function sql(file: string, ...statements: string[]): Promise<void> {
  const db = new sqlite3.Database(file);
  const run = (s: string) =>
    new Promise<void>((resolve, reject) => db.run(s, (e) => (e ? reject(e) : resolve())));
  try {
    for (const s of statements) await run(s);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

function freshStore(name: string): string {
  const db = tmp.file(name);
  expect(kabyl('import', tmp.file('log.jsonl'), '--db', db).status).toBe(0);
  return db;
}

beforeAll(async () => {
  cli = (await buildTestBundles()).cli;
  writeFileSync(tmp.file('log.jsonl'), lines.join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

describe('kabyl verify on a damaged store', () => {
  it('reports a truncated body at its seq, exit 1, on both checks', async () => {
    const db = freshStore('cut.sqlite');
    await sql(
      db,
      'DROP TRIGGER event_no_update',
      'UPDATE event SET body = substr(body, 1, 25) WHERE seq = 7',
    );
    const r = kabyl('verify', '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('hash chain: BROKEN at event 7 (hash_mismatch)');
    expect(r.stdout).toContain(
      'projections: not compared; event 7 does not replay (malformed_body)',
    );
  });

  it('reports an audit column changed under a recreated trigger at its seq', async () => {
    const db = freshStore('actor.sqlite');
    await sql(
      db,
      'DROP TRIGGER event_no_update',
      "UPDATE event SET actor_role = 'director', actor_id = 'D-1' WHERE seq = (SELECT min(seq) FROM event WHERE type = 'application.withdrawn')",
      `CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event" BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
    );
    const r = kabyl('verify', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /hash chain: BROKEN at event \d+ \(column_mismatch\): actor_role, actor_id differ from the hashed body/,
    );
  });

  it('says a store too damaged to read is a finding (exit 1), and a file that is no store a bad argument (exit 2)', async () => {
    const db = freshStore('gone.sqlite');
    await sql(db, 'DROP TABLE log_head');
    const r = kabyl('verify', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/store: cannot be read to the end/);
    writeFileSync(
      tmp.file('not.sqlite'),
      'this is not a database, just text that is long enough '.repeat(100),
    );
    const n = kabyl('verify', '--db', tmp.file('not.sqlite'));
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/cannot be opened as a Kabyl store/);
  });
});

describe('the chain heads kept outside the file', () => {
  it('are recorded on every commit in a 0600 file, and a damaged record is reported, not trusted', async () => {
    const anchor = new ChainAnchor(tmp.file('heads'), plainCodec);
    const file = tmp.file('anchored.sqlite');
    const store = await openStore({ file, anchor });
    try {
      await store.append(
        lines.slice(0, 5).map((l) => JSON.parse(l)),
        { bodies: lines.slice(0, 5) },
      );
      await store.append(
        lines.slice(5, 9).map((l) => JSON.parse(l)),
        { bodies: lines.slice(5, 9) },
      );
      const heads = anchor.read(file);
      expect(heads.map((h) => h.seq)).toEqual([5, 9]);
      expect(heads[1].hash).toBe((await store.head()).hash);
      const recordFile = `${tmp.file('heads')}/${readdirSync(tmp.file('heads'))[0]}`;
      expect(statSync(recordFile).mode & 0o777).toBe(0o600);
      expect(await store.verifyChain()).toMatchObject({
        ok: true,
        anchor: 'agrees',
        anchorProtection: 'user-file',
      });
      writeFileSync(
        recordFile,
        readFileSync(recordFile, 'utf8').replace(/"seq":9/, '"seq":"nine"'),
      );
      expect(await store.verifyChain()).toMatchObject({ anchor: 'unreadable' });
    } finally {
      await store.close();
    }
  });

  it('stay a bounded record however many commits there are, and go through the encrypting codec', async () => {
    // A stand-in for Electron's safeStorage with the same contract: only its own output decrypts.
    const key = 0x5a;
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
    const safe = {
      isEncryptionAvailable: () => true,
      encryptString: (t: string) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(t))]),
      decryptString: (b: Buffer) => {
        if (b.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
        return xor(b.subarray(3)).toString();
      },
    };
    const anchor = new ChainAnchor(tmp.file('enc'), safeStorageCodec(safe));
    for (let seq = 1; seq <= 500; seq++)
      anchor.record('/x/district.sqlite', { seq, hash: seq.toString(16).padStart(64, '0') });
    const heads = anchor.read('/x/district.sqlite');
    expect(heads.length).toBeLessThanOrEqual(128);
    expect(heads.at(-1)!.seq).toBe(500);
    expect(heads.slice(-64).map((h) => h.seq)).toEqual(
      Array.from({ length: 64 }, (_, i) => 437 + i),
    );
    const raw = readFileSync(`${tmp.file('enc')}/${readdirSync(tmp.file('enc'))[0]}`);
    expect(raw.toString('latin1')).not.toContain('"heads"');
  });
});
