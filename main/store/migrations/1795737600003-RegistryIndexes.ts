import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the applications registry and the audit (docs/registry-and-audit.md).
 * The registry orders every query by (column, id) and pages it with LIMIT/OFFSET;
 * an index on exactly (column, id) lets SQLite walk the index in order, stop after
 * the window, and skip OFFSET rows without a sort or a table read. Measured on a
 * republic-sized store (213k applications): a sort by status went from ~210 ms to
 * a few ms, a window at offset 150k from ~700 ms. The single-column indexes these
 * replace served the same filters; a (column, id) index serves both, so they are
 * redefined under their own names (code and tests that name them stay right).
 * For the audit: the log filtered by type or by actor id, in seq order.
 */
const REPLACED = [
  ['idx_application_status', 'status'],
  ['idx_application_stage', 'stage'],
  ['idx_application_pin', 'pin'],
  ['idx_application_name', 'name_key'],
] as const;
const ADDED = [
  'submitted_ms',
  'updated_at',
  'basis',
  'privilege',
  'privilege_category',
  'language',
  'order_number',
] as const;

export class RegistryIndexes1795737600003 implements MigrationInterface {
  name = 'RegistryIndexes1795737600003';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, column] of REPLACED) {
      await q.query(`DROP INDEX "${name}"`);
      await q.query(`CREATE INDEX "${name}" ON "application" ("${column}", "id")`);
    }
    for (const column of ADDED)
      await q.query(
        `CREATE INDEX "idx_application_${column}_id" ON "application" ("${column}", "id")`,
      );
    await q.query(`CREATE INDEX "idx_event_type" ON "event" ("type")`);
    await q.query(`CREATE INDEX "idx_event_actor" ON "event" ("actor_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_event_actor"`);
    await q.query(`DROP INDEX "idx_event_type"`);
    for (const column of ADDED) await q.query(`DROP INDEX "idx_application_${column}_id"`);
    for (const [name, column] of REPLACED) {
      await q.query(`DROP INDEX "${name}"`);
      await q.query(`CREATE INDEX "${name}" ON "application" ("${column}")`);
    }
  }
}
