// The public proof (issue 11, docs/opening-day.md) on real PostgreSQL: the
// server publishes the head of the chain over the anonymised log (at start, at
// each calendar boundary, on demand) to the table, the endpoint and an
// append-only digest file; the anonymised export replays to the same
// placements, carries none of the generator's names, PINs or address codes,
// and `kabyl verify-published` accepts it and rejects a tampered, a reordered
// and a cut export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { parseInstant } from '../../shared/log/instant';
import { exportLog } from '../../server/admin/exportLog';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { SignedParentTokens } from '../../server/intake/parentAuth';
import { type RunningServer, startServer } from '../../server/server';
import { generatedLog, pin } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');
const NOW = parseInstant('2026-07-15T10:00:00+06:00');
const tokens = new SignedParentTokens('public-proof-test-secret-0123');
let db: TestDatabase;
let server: RunningServer;
let dir: string;
let digest: string;
let generated: string[];
let anonymised: string;

const verify = (exportFile: string, extra: string[] = []) =>
  spawnSync(process.execPath, [BIN, 'verify-published', exportFile, '--digest', digest, ...extra], {
    encoding: 'utf8',
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kabyl-proof-'));
  digest = path.join(dir, 'published-heads.jsonl');
  db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  generated = generatedLog();
  await importLog(setup, generated);
  await setup.close();
  server = await startServer({
    database: { url: db.url },
    clock: () => NOW,
    parentAuth: tokens,
    digestFile: digest,
  });
  // Parents through the intake too: their actor ids and keys must not leak either.
  const engine = server.sequencer.state;
  const stream = [...engine.streams.values()].find(
    (s) => engine.schools.get(s.schoolId)!.kind === 'state',
  )!;
  const expiry = Date.now() + 60_000;
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/v1/intake/applications`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.issue({ parentId: `proof-parent-${i}` }, expiry)}`,
        'idempotency-key': `proof-key-${i}-xyz`,
      },
      body: JSON.stringify({
        child: {
          pin: pin(900 + i),
          lastName: 'Уникалбеков',
          firstName: 'Секретбек',
          citizenship: 'KG',
        },
        guardian: {
          pin: pin(900 + i, '01011990'),
          email: 'secret-guardian@example.kg',
          phone: '+996700111222',
        },
        schoolId: stream.schoolId,
        language: stream.language,
        registeredAddress: 'ZZTOP.SECRET.STREET.9',
      }),
    });
    expect(res.status).toBe(202);
  }
  await server.publisher.publishNow();
  const res = await fetch(`${server.url}/v1/public/export`);
  expect(res.status).toBe(200);
  anonymised = await res.text();
  writeFileSync(path.join(dir, 'export.jsonl'), anonymised);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('published heads', () => {
  it('go to the table, the endpoint and the digest file alike, the last the live head', async () => {
    const file = readFileSync(digest, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const listed = (
      (await (await fetch(`${server.url}/v1/public/heads`)).json()) as { heads: unknown[] }
    ).heads;
    expect(listed).toEqual(file);
    const head = (await (await fetch(`${server.url}/v1/public/head`)).json()) as {
      seq: number;
      hash: string;
    };
    expect(head.seq).toBe(server.sequencer.headSeq);
    expect(file[file.length - 1]).toMatchObject({
      seq: head.seq,
      hash: head.hash,
      reason: 'interval',
    });
    expect(file.map((h) => h.reason)).toEqual(
      expect.arrayContaining(['start', 'stage1Start', 'stage2Start']),
    );
  });

  it('at a stage boundary, the head is the last event before it', () => {
    const lines = anonymised
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const heads = readFileSync(digest, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const boundary = heads.find((h) => h.reason === 'stage2Start');
    const stage2 = parseInstant('2026-06-27T09:00:00+06:00');
    expect(parseInstant(lines[boundary.seq - 1].at)).toBeLessThan(stage2);
    expect(parseInstant(lines[boundary.seq].at)).toBeGreaterThanOrEqual(stage2);
  });
});

describe('after a restart', () => {
  it('the chain and its head are the same, rebuilt from the log past a snapshot', async () => {
    const before = server.publisher.head;
    await server.close(); // a clean close writes a snapshot
    server = await startServer({
      database: { url: db.url },
      clock: () => NOW,
      parentAuth: tokens,
      digestFile: digest,
    });
    expect(server.publisher.head).toEqual(before);
    const heads = readFileSync(digest, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(heads[heads.length - 1]).toMatchObject({ ...before, reason: 'start' });
    // Boundaries already published are not published again.
    expect(heads.filter((h) => h.reason === 'stage2Start')).toHaveLength(1);
  });
});

describe('the anonymised export', () => {
  it('replays to exactly the placements of the real log', async () => {
    let real = '';
    await exportLog(server.db, (c) => {
      real += c;
    });
    const a = replayText(real);
    const b = replayText(anonymised);
    expect(Object.keys(b.applications).length).toBeGreaterThan(100);
    expect(b.applications).toEqual(a.applications);
    expect(b.streams).toEqual(a.streams);
    expect(b.cases).toEqual(a.cases);
    expect(b.rejections).toEqual(a.rejections);
  });

  it("carries none of the generator's names, PINs, address codes, nor parents' ids or keys", () => {
    const secrets = new Set<string>();
    for (const l of generated) {
      const e = JSON.parse(l);
      const d = e.data;
      if (e.type === 'application.submitted') {
        for (const v of [
          d.child.pin,
          d.child.lastName,
          d.child.firstName,
          d.child.patronymic,
          d.guardian.pin,
          d.guardian.email,
          d.guardian.phone,
          d.registeredAddress,
          d.actualAddress,
        ])
          if (v) secrets.add(v);
      }
      if (e.type === 'catchment.set') for (const a of d.addresses) secrets.add(a);
      if (e.type === 'commission.case_opened') {
        secrets.add(d.child.fullName);
        if (d.child.pin) secrets.add(d.child.pin);
      }
      if (e.actor?.role === 'parent') secrets.add(`"${e.actor.id}"`);
    }
    for (const s of [
      'Уникалбеков',
      'Секретбек',
      'secret-guardian',
      '+996700111222',
      'ZZTOP',
      'SECRET',
      'proof-parent-',
      'proof-key-',
      pin(900),
      pin(900, '01011990'),
    ])
      secrets.add(s);
    expect(secrets.size).toBeGreaterThan(500);
    const leaks = [...secrets].filter((s) => s.length >= 3 && anonymised.includes(s));
    expect(leaks).toEqual([]);
  });
});

describe('kabyl verify-published', () => {
  const lines = () => anonymised.trim().split('\n');
  const write = (name: string, ls: string[]) => {
    const f = path.join(dir, name);
    writeFileSync(f, ls.join('\n') + '\n');
    return f;
  };

  it('accepts the export as published, and its placements', () => {
    const placements = path.join(dir, 'placements.json');
    writeFileSync(placements, JSON.stringify(replayText(anonymised)));
    const r = verify(path.join(dir, 'export.jsonl'), ['--placements', placements]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok: the export matches every published head/m);
  });

  it('rejects a tampered export', () => {
    const ls = lines();
    const i = ls.findIndex((l) => l.includes('"application.submitted"'));
    const e = JSON.parse(ls[i]);
    e.data.schoolId = `${e.data.schoolId}X`;
    ls[i] = JSON.stringify(e);
    const r = verify(write('tampered.jsonl', ls));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/DOES NOT MATCH/);
  });

  it('rejects a reordered export, even with the seqs renumbered', () => {
    const ls = lines();
    const i = ls.findIndex((l) => l.includes('"application.submitted"'));
    [ls[i], ls[i + 1]] = [ls[i + 1], ls[i]];
    expect(verify(write('swapped.jsonl', ls)).status).toBe(1);
    const renumbered = ls.map((l, n) => JSON.stringify({ ...JSON.parse(l), seq: n + 1 }));
    const r = verify(write('renumbered.jsonl', renumbered));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/DOES NOT MATCH/);
  });

  it('rejects an export with a dropped event, in the middle or at the end', () => {
    const ls = lines();
    const middle = ls.filter((_, n) => n !== Math.floor(ls.length / 2));
    expect(verify(write('dropped.jsonl', middle)).status).toBe(1);
    const renumbered = middle.map((l, n) => JSON.stringify({ ...JSON.parse(l), seq: n + 1 }));
    expect(verify(write('dropped-renumbered.jsonl', renumbered)).status).toBe(1);
    const r = verify(write('cut.jsonl', ls.slice(0, -1)));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/export stops at seq/);
  });

  it('says what is wrong with a digest file, by line', () => {
    const bad = path.join(dir, 'bad-digest.jsonl');
    writeFileSync(bad, '{"seq": 1, "hash": "nothex"}\n');
    const r = spawnSync(
      process.execPath,
      [BIN, 'verify-published', path.join(dir, 'export.jsonl'), '--digest', bad],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/digest line 1: hash/);
  });
});
