import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The campaign log: events as they came, in local sequence, hash-chained, append-only. */
export class EventLog1795737600000 implements MigrationInterface {
  name = 'EventLog1795737600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "event" (
      "seq" INTEGER PRIMARY KEY NOT NULL,
      "id" TEXT NOT NULL UNIQUE,
      "type" TEXT NOT NULL,
      "at" TEXT NOT NULL,
      "actor_role" TEXT,
      "actor_id" TEXT,
      "subject_id" TEXT,
      "body" TEXT NOT NULL,
      "outcome" TEXT,
      "hash" TEXT NOT NULL,
      "prev_hash" TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX "idx_event_subject" ON "event" ("subject_id")`);
    // The app never rewrites history; these stop a bug from doing it. Someone
    // with the file can drop them, which is what the hash chain is for.
    await q.query(`CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event"
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
    await q.query(`CREATE TRIGGER "event_no_delete" BEFORE DELETE ON "event"
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
    await q.query(`CREATE TABLE "log_head" (
      "id" INTEGER PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "seq" INTEGER NOT NULL,
      "hash" TEXT NOT NULL,
      "at" TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "log_head"`);
    await q.query(`DROP TABLE "event"`);
  }
}
