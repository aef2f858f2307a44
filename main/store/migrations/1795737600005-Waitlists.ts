import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R16 waitlists on the application projection (docs/store.md): the stream whose
 * queue an application is in (its own when `waitlisted`, a standing transfer's
 * target otherwise), its 1-based place there and since when. NULL for everyone
 * not in a queue, which is every application of a campaign without waitlists.
 * The index serves a queue in order and the registry's filter by place.
 */
export class Waitlists1795737600005 implements MigrationInterface {
  name = 'Waitlists1795737600005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "application" ADD COLUMN "waitlist_stream" TEXT`);
    await q.query(`ALTER TABLE "application" ADD COLUMN "waitlist_position" INTEGER`);
    await q.query(`ALTER TABLE "application" ADD COLUMN "waitlist_since" TEXT`);
    await q.query(
      `CREATE INDEX "idx_application_waitlist" ON "application" ("waitlist_stream", "waitlist_position")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_application_waitlist"`);
    await q.query(`ALTER TABLE "application" DROP COLUMN "waitlist_since"`);
    await q.query(`ALTER TABLE "application" DROP COLUMN "waitlist_position"`);
    await q.query(`ALTER TABLE "application" DROP COLUMN "waitlist_stream"`);
  }
}
