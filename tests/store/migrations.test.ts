// Each migration on a real SQLite file: what it creates, in order, and that
// reopening a migrated file changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../main/store/dataSource';
import { ENTITIES } from '../../main/store/entities';
import { MIGRATIONS } from '../../main/store/migrations';
import { EventLog1795737600000 } from '../../main/store/migrations/1795737600000-EventLog';
import { Projections1795737600001 } from '../../main/store/migrations/1795737600001-Projections';
import { UsersAndSettings1795737600002 } from '../../main/store/migrations/1795737600002-UsersAndSettings';
import { RegistryIndexes1795737600003 } from '../../main/store/migrations/1795737600003-RegistryIndexes';
import { ChainWithoutPrevHash1795737600004 } from '../../main/store/migrations/1795737600004-ChainWithoutPrevHash';
import { Waitlists1795737600005 } from '../../main/store/migrations/1795737600005-Waitlists';
import { GENESIS_HASH } from '../../shared/log/hashChain';
import { openStore } from '../../main/store';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
const open: DataSource[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const ds of open.splice(0)) if (ds.isInitialized) await ds.destroy();
  tmp.cleanup();
});

async function migrate(
  list: readonly (new () => unknown)[],
  file = tmp.file('m.sqlite'),
): Promise<DataSource> {
  const ds = await openDataSource({ file, migrate: true, migrations: list });
  open.push(ds);
  return ds;
}

async function schema(
  ds: DataSource,
): Promise<{ tables: string[]; indexes: string[]; triggers: string[] }> {
  const rows: { type: string; name: string }[] = await ds.query(
    "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name",
  );
  const of = (t: string) => rows.filter((r) => r.type === t).map((r) => r.name);
  return { tables: of('table'), indexes: of('index'), triggers: of('trigger') };
}

async function columns(ds: DataSource, table: string): Promise<string[]> {
  return (await ds.query(`PRAGMA table_info("${table}")`)).map((c: { name: string }) => c.name);
}

describe('migrations', () => {
  it('lists the migrations in timestamp order', () => {
    const stamps = MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(new m().constructor.name)![1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(MIGRATIONS.map((m) => (new m() as { name: string }).name)).toEqual(
      MIGRATIONS.map((m) => m.name),
    );
  });

  it('EventLog creates the append-only, hash-chained event table and the log head', async () => {
    const ds = await migrate([EventLog1795737600000]);
    expect(await schema(ds)).toEqual({
      tables: ['event', 'log_head'],
      indexes: ['idx_event_subject'],
      triggers: ['event_no_delete', 'event_no_update'],
    });
    expect(await columns(ds, 'event')).toEqual([
      'seq',
      'id',
      'type',
      'at',
      'actor_role',
      'actor_id',
      'subject_id',
      'body',
      'outcome',
      'hash',
      'prev_hash',
    ]);
    await ds.query(
      `INSERT INTO event (seq, id, type, at, body, hash, prev_hash) VALUES (1, 'e1', 'campaign.opened', 'x', '{}', 'h', 'p')`,
    );
    await expect(
      ds.query(
        `INSERT INTO event (seq, id, type, at, body, hash, prev_hash) VALUES (2, 'e1', 't', 'x', '{}', 'h', 'p')`,
      ),
    ).rejects.toThrow(/UNIQUE/);
    await expect(ds.query(`UPDATE event SET body = '{"x":1}' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query('DELETE FROM event')).rejects.toThrow(/append-only/);
    await expect(
      ds.query(`INSERT INTO log_head (id, seq, hash) VALUES (2, 1, 'h')`),
    ).rejects.toThrow(/CHECK/);
  });

  it('Projections creates the tables the UI queries, with the registry indexes', async () => {
    const ds = await migrate([EventLog1795737600000, Projections1795737600001]);
    const s = await schema(ds);
    expect(s.tables).toEqual([
      'admission_order',
      'application',
      'campaign',
      'commission_case',
      'event',
      'log_head',
      'rejection',
      'school',
      'stream',
    ]);
    for (const idx of [
      'idx_application_status',
      'idx_application_school',
      'idx_application_stage',
      'idx_application_pin',
      'idx_application_name',
    ]) {
      expect(s.indexes).toContain(idx);
    }
    expect(await columns(ds, 'application')).toEqual([
      'id',
      'event_id',
      'submitted_at',
      'submitted_ms',
      'updated_at',
      'status',
      'reason',
      'school_id',
      'language',
      'stage',
      'basis',
      'privilege',
      'privilege_category',
      'order_number',
      'pin',
      'child_name',
      'name_key',
      'registered_address',
      'actual_address',
      'case_id',
    ]);
    expect(await columns(ds, 'stream')).toEqual([
      'key',
      'school_id',
      'language',
      'quota',
      'occupied',
      'classes',
    ]);
    const plan = await ds.query(
      "EXPLAIN QUERY PLAN SELECT id FROM application WHERE pin >= '2' AND pin < '3'",
    );
    expect(JSON.stringify(plan)).toContain('idx_application_pin');
  });

  it('UsersAndSettings creates users with one role each (a director with one school) and settings', async () => {
    const ds = await migrate(MIGRATIONS);
    expect((await schema(ds)).tables).toEqual(expect.arrayContaining(['user', 'setting']));
    const insert = (role: string, school: string | null, name = role) =>
      ds.query(
        `INSERT INTO "user" (username, display_name, role, school_id, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')`,
        [name, name, role, school],
      );
    await insert('district', null);
    await insert('director', 'S1');
    await expect(insert('director', null, 'd2')).rejects.toThrow(/CHECK/);
    await expect(insert('admin', null, 'a')).rejects.toThrow(/CHECK/);
    await expect(insert('district', null)).rejects.toThrow(/UNIQUE/);
  });

  it('RegistryIndexes gives every registry sort a (column, id) index and the audit its type and actor indexes', async () => {
    const ds = await migrate([
      EventLog1795737600000,
      Projections1795737600001,
      UsersAndSettings1795737600002,
      RegistryIndexes1795737600003,
    ]);
    const s = await schema(ds);
    const columnsOf = async (index: string) =>
      (await ds.query(`PRAGMA index_info("${index}")`)).map((c: { name: string }) => c.name);
    // The single-column indexes are redefined under their own names as (column, id).
    for (const [index, column] of [
      ['status', 'status'],
      ['stage', 'stage'],
      ['pin', 'pin'],
      ['name', 'name_key'],
    ]) {
      expect(await columnsOf(`idx_application_${index}`)).toEqual([column, 'id']);
    }
    for (const column of [
      'submitted_ms',
      'updated_at',
      'basis',
      'privilege',
      'privilege_category',
      'language',
      'order_number',
    ]) {
      expect(s.indexes).toContain(`idx_application_${column}_id`);
    }
    expect(s.indexes).toEqual(
      expect.arrayContaining(['idx_event_type', 'idx_event_actor', 'idx_application_school']),
    );
    // A window of the registry walks the index: no sort step, even deep into the list.
    for (const column of ['submitted_ms', 'status', 'name_key', 'basis']) {
      const plan = JSON.stringify(
        await ds.query(
          `EXPLAIN QUERY PLAN SELECT id FROM application ORDER BY ${column} DESC, id DESC LIMIT 100 OFFSET 5000`,
        ),
      );
      expect(plan, column).toContain('idx_application_');
      expect(plan, column).not.toContain('TEMP B-TREE');
    }
    const pin = JSON.stringify(
      await ds.query(
        "EXPLAIN QUERY PLAN SELECT id FROM application WHERE pin >= '2' AND pin < '3'",
      ),
    );
    expect(pin).toContain('idx_application_pin');
    const audit = JSON.stringify(
      await ds.query(
        "EXPLAIN QUERY PLAN SELECT seq FROM event WHERE seq > 0 AND type = 'quota.set' ORDER BY seq LIMIT 10",
      ),
    );
    expect(audit).toContain('idx_event_type');
    // And it reverts to the indexes it replaced.
    await ds.undoLastMigration();
    const back = await schema(ds);
    expect(await columnsOf('idx_application_pin')).toEqual(['pin']);
    expect(back.indexes).not.toContain('idx_event_type');
    expect(back.indexes).not.toContain('idx_application_basis_id');
  });

  it('ChainWithoutPrevHash drops the redundant prev_hash, keeps every event and the guards, and reverts with it filled', async () => {
    const ds = await migrate([EventLog1795737600000]);
    const insert = `INSERT INTO event (seq, id, type, at, body, hash, prev_hash) VALUES (?, ?, 't', 'x', '{}', ?, ?)`;
    await ds.query(insert, [1, 'e1', 'h1', GENESIS_HASH]);
    await ds.query(insert, [2, 'e2', 'h2', 'h1']);
    await ds.query(insert, [3, 'e3', 'h3', 'h2']);
    await ds.destroy();
    const up = await migrate(
      [EventLog1795737600000, ChainWithoutPrevHash1795737600004],
      tmp.file('m.sqlite'),
    );
    expect(await columns(up, 'event')).toEqual([
      'seq',
      'id',
      'type',
      'at',
      'actor_role',
      'actor_id',
      'subject_id',
      'body',
      'outcome',
      'hash',
    ]);
    expect(await up.query('SELECT seq, id, hash FROM event ORDER BY seq')).toEqual([
      { seq: 1, id: 'e1', hash: 'h1' },
      { seq: 2, id: 'e2', hash: 'h2' },
      { seq: 3, id: 'e3', hash: 'h3' },
    ]);
    expect((await schema(up)).triggers).toEqual(['event_no_delete', 'event_no_update']);
    await expect(up.query(`UPDATE event SET body = '{"x":1}' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await up.undoLastMigration();
    expect(await up.query('SELECT seq, prev_hash AS prev FROM event ORDER BY seq')).toEqual([
      { seq: 1, prev: GENESIS_HASH },
      { seq: 2, prev: 'h1' },
      { seq: 3, prev: 'h2' },
    ]);
    await expect(up.query(`UPDATE event SET body = '{"x":1}' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('applies the list in order once; reopening a migrated file runs nothing and keeps the data', async () => {
    const file = tmp.file('reopen.sqlite');
    const first = await migrate(MIGRATIONS, file);
    const ran = await first.query('SELECT name FROM migrations ORDER BY id');
    expect(ran.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    await first.query(`INSERT INTO setting (key, value) VALUES ('k', 'v')`);
    await first.destroy();
    const again = await migrate(MIGRATIONS, file);
    expect(await again.query('SELECT count(*) AS n FROM migrations')).toEqual([
      { n: MIGRATIONS.length },
    ]);
    expect(await again.query('SELECT value FROM setting')).toEqual([{ value: 'v' }]);
    expect(await again.showMigrations()).toBe(false);
  });

  it('migrates a file that has only the first migrations up to the full list', async () => {
    const file = tmp.file('partial.sqlite');
    await (await migrate([EventLog1795737600000], file)).destroy();
    const ds = await migrate(MIGRATIONS, file);
    expect((await schema(ds)).tables).toEqual(
      expect.arrayContaining(['event', 'application', 'user', 'setting']),
    );
  });

  it('sets WAL and foreign keys on open; every entity maps onto a migrated table and its columns', async () => {
    const store = await openStore({ file: tmp.file('pragmas.sqlite') });
    try {
      const ds = store.dataSource;
      expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await ds.query('PRAGMA page_size')).toEqual([{ page_size: 16384 }]);
      expect(ds.options.synchronize).toBe(false);
      expect(ds.entityMetadatas.length).toBe(ENTITIES.length);
      for (const meta of ds.entityMetadatas) {
        const cols = await columns(ds, meta.tableName);
        expect(cols.length, meta.tableName).toBeGreaterThan(0);
        for (const c of meta.columns)
          expect(cols, `${meta.tableName}.${c.databaseName}`).toContain(c.databaseName);
        expect(cols.length, `${meta.tableName} has columns no entity maps`).toBe(
          meta.columns.length,
        );
      }
    } finally {
      await store.close();
    }
  });

  it('Waitlists adds the queue place to applications, NULL for rows already there, with an index in queue order', async () => {
    const before = [
      EventLog1795737600000,
      Projections1795737600001,
      UsersAndSettings1795737600002,
      RegistryIndexes1795737600003,
      ChainWithoutPrevHash1795737600004,
    ];
    const file = tmp.file('w.sqlite');
    const old = await migrate(before, file);
    const cols = (await columns(old, 'application')).length;
    await old.destroy();
    const ds = await migrate([...before, Waitlists1795737600005], file);
    const all = await columns(ds, 'application');
    expect(all.length).toBe(cols + 3);
    expect(all.slice(-3)).toEqual(['waitlist_stream', 'waitlist_position', 'waitlist_since']);
    const plan = await ds.query(
      "EXPLAIN QUERY PLAN SELECT id FROM application WHERE waitlist_stream = 'S/ky' ORDER BY waitlist_position",
    );
    expect(JSON.stringify(plan)).toContain('idx_application_waitlist');
  });

  it('each migration can be reverted', async () => {
    const ds = await migrate(MIGRATIONS);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect((await schema(ds)).tables).toEqual([]);
  });
});
