import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync with the central server (docs/sync.md, "The desktop"): the state row,
 * the pending queue and the conflicts list. The log stays append-only except
 * for one thing: a rebase rewinds the pending suffix (events no server has
 * confirmed) and writes it again after the server's events, so the delete
 * trigger now lets through exactly the rows listed as pending.
 */
export class SyncState1795737600007 implements MigrationInterface {
  name = 'SyncState1795737600007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sync_state" (
      "id" INTEGER PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "server_url" TEXT NOT NULL,
      "device_id" TEXT NOT NULL,
      "district_id" TEXT NOT NULL,
      "cursor" TEXT,
      "prefix_seq" INTEGER NOT NULL,
      "last_sync_at" TEXT
    )`);
    await q.query(`CREATE TABLE "sync_pending" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "position" INTEGER NOT NULL UNIQUE,
      "body" TEXT NOT NULL,
      "acked_seq" INTEGER
    )`);
    await q.query(`CREATE TABLE "sync_conflict" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "type" TEXT NOT NULL,
      "actor_role" TEXT,
      "actor_id" TEXT,
      "subject_id" TEXT,
      "recorded_at" TEXT NOT NULL,
      "reason" TEXT NOT NULL,
      "message" TEXT,
      "body" TEXT NOT NULL,
      "refused_at" TEXT NOT NULL,
      "seen_at" TEXT
    )`);
    await q.query(`CREATE INDEX "idx_sync_conflict_refused" ON "sync_conflict" ("refused_at")`);
    await q.query(`DROP TRIGGER "event_no_delete"`);
    await q.query(`CREATE TRIGGER "event_no_delete" BEFORE DELETE ON "event"
      WHEN NOT EXISTS (SELECT 1 FROM "sync_pending" WHERE "id" = OLD."id")
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "event_no_delete"`);
    await q.query(`CREATE TRIGGER "event_no_delete" BEFORE DELETE ON "event"
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
    await q.query(`DROP TABLE "sync_conflict"`);
    await q.query(`DROP TABLE "sync_pending"`);
    await q.query(`DROP TABLE "sync_state"`);
  }
}
