import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH } from '../../../shared/log/hashChain';

/**
 * Drops `event.prev_hash`: it always equalled the previous row's `hash`, so it
 * proved nothing the chain walk does not (a deleted event shows as a gap in the
 * gapless `seq`), while costing 64 bytes a row: about a tenth of a republic
 * import's writes (docs/store.md).
 */
export class ChainWithoutPrevHash1795737600004 implements MigrationInterface {
  name = 'ChainWithoutPrevHash1795737600004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "event" DROP COLUMN "prev_hash"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "event" ADD COLUMN "prev_hash" TEXT NOT NULL DEFAULT ''`);
    // Filling the column back is an update, which the append-only guard refuses.
    await q.query(`DROP TRIGGER "event_no_update"`);
    await q.query(
      `UPDATE "event" SET "prev_hash" = coalesce((SELECT p."hash" FROM "event" p WHERE p."seq" = "event"."seq" - 1), ?)`,
      [GENESIS_HASH],
    );
    await q.query(`CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event"
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
  }
}
