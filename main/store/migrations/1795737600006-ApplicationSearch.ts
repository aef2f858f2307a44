import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trigram index over the children's names and PINs (docs/registry-and-audit.md,
 * "Search"): any substring of three characters or more is an index lookup, where
 * `name_key LIKE '%...%'` scanned 213k rows on the republic store.
 *
 * FTS5 over external content: the index holds only the trigrams; the text stays
 * in `application`, whose row ids it keys on. The trigram tokenizer folds case
 * with SQLite's Unicode tables, Cyrillic (Kyrgyz Ө Ү Ң included) as well as Latin,
 * so no folded copy is stored. Triggers keep it in step with every projection
 * write (an upsert that leaves name and PIN as they were touches nothing); a bulk
 * import drops them and rebuilds the index once at the end (logWriter.ts).
 */
export const SEARCH_TRIGGERS = [
  `CREATE TRIGGER application_search_insert AFTER INSERT ON application BEGIN
     INSERT INTO application_search (rowid, child_name, pin) VALUES (new.rowid, new.child_name, new.pin);
   END`,
  `CREATE TRIGGER application_search_delete AFTER DELETE ON application BEGIN
     INSERT INTO application_search (application_search, rowid, child_name, pin)
       VALUES ('delete', old.rowid, old.child_name, old.pin);
   END`,
  `CREATE TRIGGER application_search_update AFTER UPDATE OF child_name, pin ON application
   WHEN old.child_name IS NOT new.child_name OR old.pin IS NOT new.pin BEGIN
     INSERT INTO application_search (application_search, rowid, child_name, pin)
       VALUES ('delete', old.rowid, old.child_name, old.pin);
     INSERT INTO application_search (rowid, child_name, pin) VALUES (new.rowid, new.child_name, new.pin);
   END`,
];

export class ApplicationSearch1795737600006 implements MigrationInterface {
  name = 'ApplicationSearch1795737600006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE VIRTUAL TABLE application_search USING fts5(child_name, pin, content='application', tokenize='trigram')`,
    );
    for (const sql of SEARCH_TRIGGERS) await q.query(sql);
    // Existing stores: index the rows already there.
    await q.query(`INSERT INTO application_search (application_search) VALUES ('rebuild')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER application_search_${t}`);
    await q.query('DROP TABLE application_search');
  }
}
