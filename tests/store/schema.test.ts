// One schema description: the entities (main/store/entities) say what every table
// holds. This checks that the migrated database (PRAGMA table_info and
// index_list) is exactly that, column for column in order, with the same types,
// nullability and keys; that the bulk writers' column lists are the entities'; and
// that the repositories read back what the bulk writers wrote.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/store';
import { EVENT, TABLES } from '../../main/store/entities';
import { EVENT_COLUMNS } from '../../main/store/log/eventRow';
import { PROJECTION_TABLES } from '../../main/store/projection/tables';
import { campaignLog } from './fixtures/campaignLog';
import { tempDir } from './helpers';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

let tmp: ReturnType<typeof tempDir>;
let store: Store;

beforeAll(async () => {
  tmp = tempDir();
  writeFileSync(tmp.file('log.jsonl'), campaignLog({ schools: 4, children: 200 }).join('\n'));
  store = await openStore({ file: tmp.file('district.sqlite') });
  await store.importFile(tmp.file('log.jsonl'));
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

describe('the one schema description', () => {
  it('the migrations create exactly the tables the entities describe, no more', async () => {
    const tables: { name: string; sql: string }[] = await store.dataSource.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name",
    );
    // A full-text index is an index, not a table of records: its virtual table and the shadow
    // tables SQLite keeps for it (`<name>_data`, `_idx`, ...) are the migration's, not an entity's.
    const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    expect(virtual).toEqual(['application_search']);
    const records = tables.filter(
      (t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)),
    );
    expect(records.map((t) => t.name)).toEqual(TABLES.map((t) => t.table).sort());
  });

  it.each(TABLES.map((t) => [t.table, t] as const))(
    '%s: every column in order, its type, NOT NULL and key',
    async (_, t) => {
      const info: ColumnInfo[] = await store.dataSource.query(`PRAGMA table_info("${t.table}")`);
      expect(info.map((c) => c.name)).toEqual(t.columns);
      for (const d of t.defs) {
        const c = info.find((i) => i.name === d.name)!;
        expect({
          column: d.name,
          type: c.type.toLowerCase(),
          nullable: c.notnull === 0,
          primary: c.pk > 0,
        }).toEqual({
          column: d.name,
          type: d.type,
          // SQLite lets an INTEGER PRIMARY KEY column be declared without NOT NULL; it never holds null.
          nullable: d.nullable,
          primary: d.primary === true,
        });
      }
    },
  );

  it('the entities name every index the migrations create, each on its columns', async () => {
    const indexes: { name: string }[] = await store.dataSource.query(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    );
    const named = TABLES.flatMap((t) => (t.entity.options.indices ?? []).map((i) => i.name!));
    expect(indexes.map((i) => i.name)).toEqual([...named].sort());
    for (const t of TABLES) {
      for (const index of t.entity.options.indices ?? []) {
        const cols: { name: string }[] = await store.dataSource.query(
          `PRAGMA index_info("${index.name}")`,
        );
        const expected = (index.columns as string[]).map(
          (p) => t.defs.find((d) => d.property === p)!.name,
        );
        expect(
          cols.map((c) => c.name),
          `${t.table}.${index.name}`,
        ).toEqual(expected);
      }
    }
  });

  it("the bulk writers insert the entities' columns, in their order", () => {
    expect(EVENT_COLUMNS).toEqual(EVENT.columns);
    for (const spec of PROJECTION_TABLES) {
      const t = TABLES.find((x) => x.table === spec.table);
      expect(t, spec.table).toBeDefined();
      expect(spec.columns).toEqual(t!.columns);
    }
  });

  it('a repository reads back, by entity, the rows the bulk writers wrote', async () => {
    const ds = store.dataSource;
    for (const t of TABLES) {
      const viaRepository: Record<string, unknown>[] = await ds
        .getRepository(t.entity.options.name)
        .find();
      const raw: Record<string, unknown>[] = await ds.query(`SELECT * FROM "${t.table}"`);
      expect(viaRepository.length, t.table).toBe(raw.length);
      if (raw.length === 0) continue;
      const first = viaRepository.find((r) =>
        t.defs.every((d) => d.primary !== true || r[d.property] === raw[0][d.name]),
      );
      expect(first, t.table).toBeDefined();
      for (const d of t.defs)
        expect(first![d.property], `${t.table}.${d.name}`).toEqual(raw[0][d.name]);
    }
  });
});
