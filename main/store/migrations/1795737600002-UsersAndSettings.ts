import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Local users (district officer, commission member, director of one school) and key/value settings. */
export class UsersAndSettings1795737600002 implements MigrationInterface {
  name = 'UsersAndSettings1795737600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user" (
      "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      "username" TEXT NOT NULL UNIQUE,
      "display_name" TEXT NOT NULL,
      "role" TEXT NOT NULL CHECK ("role" IN ('district', 'commission', 'director')),
      "school_id" TEXT,
      "password_hash" TEXT NOT NULL,
      "created_at" TEXT NOT NULL,
      CHECK (("role" = 'director') = ("school_id" IS NOT NULL))
    )`);
    await q.query(`CREATE TABLE "setting" (
      "key" TEXT PRIMARY KEY NOT NULL,
      "value" TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "setting"`);
    await q.query(`DROP TABLE "user"`);
  }
}
