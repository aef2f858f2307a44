// `kabyl server emis-export` on a real PostgreSQL server database holding a
// whole generated campaign: refuses before the deadline unless forced, writes
// every enrolled child (the same count as a replay), the same bytes each run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMIS_COLUMNS } from '../../../shared/portal/emis';
import { importLog } from '../../../server/admin/importLog';
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { generatedLog } from '../fixtures';
import { type TestDatabase, createTestDatabase } from '../pgTestDatabase';

const BIN = path.resolve(__dirname, '../../../bin/kabyl.cjs');
let tdb: TestDatabase;
let dir: string;
let log: string[];

const kabyl = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'server', '--database', tdb.url, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  tdb = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-emis-'));
  const db = await openDatabase({ url: tdb.url });
  await migrate(db);
  log = generatedLog({ until: '2026-12-01T00:00:00+06:00', children: 300, seed: 7 });
  await importLog(db, log);
  await db.close();
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await tdb?.drop();
});

describe('kabyl server emis-export', () => {
  it('refuses before the documents deadline unless forced, and a wrong campaign year', () => {
    const early = kabyl('emis-export', '--campaign', '2026', '--out', path.join(dir, 'early.csv'),
      '--now', '2026-09-01T00:00:00+06:00');
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/documents deadline, 2026-09-15T00:00:00.000\+06:00.*--force/);
    const forced = kabyl('emis-export', '--campaign', '2026', '--out', path.join(dir, 'early.csv'),
      '--now', '2026-09-01T00:00:00+06:00', '--force');
    expect(forced.status).toBe(0);
    const wrong = kabyl('emis-export', '--campaign', '2025', '--out', path.join(dir, 'x.csv'));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/campaign is 2026, not 2025/);
  });

  it('writes every enrolled child as CSV and JSON, byte for byte the same on every run', () => {
    const csv1 = path.join(dir, 'a.csv'), csv2 = path.join(dir, 'b.csv'), json = path.join(dir, 'a.json');
    expect(kabyl('emis-export', '--campaign', '2026', '--out', csv1).status).toBe(0);
    expect(kabyl('emis-export', '--campaign', '2026', '--out', csv2).status).toBe(0);
    expect(kabyl('emis-export', '--campaign', '2026', '--out', json).status).toBe(0);
    expect(readFileSync(csv1)).toEqual(readFileSync(csv2));

    // The replay of the same log says who is enrolled.
    const logFile = path.join(dir, 'log.jsonl');
    execFileSync(process.execPath, [BIN, 'server', '--database', tdb.url, 'export', '--out', logFile]);
    const replay = JSON.parse(execFileSync(process.execPath, [BIN, 'replay', logFile], { encoding: 'utf8' }));
    const enrolled = Object.entries(replay.applications as Record<string, { status: string; orderNumber: string }>)
      .filter(([, a]) => a.status === 'enrolled');
    expect(enrolled.length).toBeGreaterThan(10);

    const rows = readFileSync(csv1, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe(EMIS_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(rows.length - 1).toBe(enrolled.length);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.count).toBe(enrolled.length);
    const ids = new Set(doc.records.map((r: { application_id: string }) => r.application_id));
    expect(ids).toEqual(new Set(enrolled.map(([id]) => id)));
    const withPin = doc.records.find((r: { identity_number: string }) => r.identity_number !== '');
    expect(withPin.identity_number).toMatch(/^[12]\d{13}$/);
    expect(withPin.date_of_birth).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(withPin.admission_order_number).not.toBe('');
    expect(withPin.admission_order_date).toMatch(/^2026-\d\d-\d\d$/);
    expect(withPin.last_name).not.toBe('');
  });
});
