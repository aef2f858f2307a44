import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the UI queries, produced by the engine; rebuilt from the log at will. */
export class Projections1795737600001 implements MigrationInterface {
  name = 'Projections1795737600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "campaign" (
      "id" INTEGER PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "year" INTEGER NOT NULL,
      "stage1_start" TEXT NOT NULL,
      "stage2_start" TEXT NOT NULL,
      "stage2_end" TEXT NOT NULL,
      "documents_start" TEXT NOT NULL,
      "documents_end" TEXT NOT NULL,
      "birth_date_from" TEXT NOT NULL,
      "birth_date_to" TEXT NOT NULL,
      "max_withdrawals" INTEGER,
      "privilege_categories" TEXT NOT NULL,
      "data" TEXT NOT NULL,
      "last_at" TEXT,
      "deadline_passed" INTEGER NOT NULL
    )`);
    await q.query(`CREATE TABLE "school" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "name" TEXT NOT NULL,
      "kind" TEXT NOT NULL,
      "district_id" TEXT NOT NULL,
      "locality" TEXT,
      "class_size_norm" INTEGER,
      "catchment" TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX "idx_school_district" ON "school" ("district_id")`);
    await q.query(`CREATE TABLE "stream" (
      "key" TEXT PRIMARY KEY NOT NULL,
      "school_id" TEXT NOT NULL,
      "language" TEXT NOT NULL,
      "quota" INTEGER NOT NULL,
      "occupied" INTEGER NOT NULL,
      "classes" INTEGER
    )`);
    await q.query(`CREATE INDEX "idx_stream_school" ON "stream" ("school_id", "language")`);
    await q.query(`CREATE TABLE "application" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "event_id" TEXT NOT NULL,
      "submitted_at" TEXT NOT NULL,
      "submitted_ms" INTEGER NOT NULL,
      "updated_at" TEXT NOT NULL,
      "status" TEXT NOT NULL,
      "reason" TEXT,
      "school_id" TEXT NOT NULL,
      "language" TEXT NOT NULL,
      "stage" INTEGER,
      "basis" TEXT,
      "privilege" TEXT NOT NULL,
      "privilege_category" TEXT,
      "order_number" TEXT,
      "pin" TEXT,
      "child_name" TEXT NOT NULL,
      "name_key" TEXT NOT NULL,
      "registered_address" TEXT,
      "actual_address" TEXT,
      "case_id" TEXT
    )`);
    // The registry's filters and searches (issue 4): status, school and stream, stage, PIN, name.
    await q.query(`CREATE INDEX "idx_application_status" ON "application" ("status")`);
    await q.query(
      `CREATE INDEX "idx_application_school" ON "application" ("school_id", "language")`,
    );
    await q.query(`CREATE INDEX "idx_application_stage" ON "application" ("stage")`);
    await q.query(`CREATE INDEX "idx_application_pin" ON "application" ("pin")`);
    await q.query(`CREATE INDEX "idx_application_name" ON "application" ("name_key")`);
    await q.query(`CREATE TABLE "commission_case" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "status" TEXT NOT NULL,
      "full_name" TEXT NOT NULL,
      "pin" TEXT,
      "birth_date" TEXT,
      "reason" TEXT NOT NULL,
      "opened_at" TEXT NOT NULL,
      "decided_at" TEXT,
      "school_id" TEXT,
      "language" TEXT,
      "note" TEXT
    )`);
    await q.query(`CREATE INDEX "idx_case_status" ON "commission_case" ("status")`);
    await q.query(`CREATE TABLE "admission_order" (
      "event_id" TEXT PRIMARY KEY NOT NULL,
      "school_id" TEXT NOT NULL,
      "order_number" TEXT NOT NULL,
      "at" TEXT NOT NULL,
      "children" INTEGER NOT NULL,
      "application_ids" TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX "idx_order_school" ON "admission_order" ("school_id")`);
    await q.query(`CREATE TABLE "rejection" (
      "event_id" TEXT PRIMARY KEY NOT NULL,
      "seq" INTEGER NOT NULL,
      "type" TEXT NOT NULL,
      "reason" TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX "idx_rejection_seq" ON "rejection" ("seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rejection',
      'admission_order',
      'commission_case',
      'application',
      'stream',
      'school',
      'campaign',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
