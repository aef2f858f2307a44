// The campaign's districts: each device is enrolled for one of them.
import type { Sql } from '../db/database';

export interface District {
  id: string;
  name: string;
}

/** Adds districts, renaming ones that exist; ids are what school.registered's `districtId` says. */
export async function upsertDistricts(sql: Sql, districts: readonly District[]): Promise<void> {
  if (districts.length === 0) return;
  await sql.query(
    `INSERT INTO districts (district_id, name) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (district_id) DO UPDATE SET name = excluded.name`,
    [districts.map((d) => d.id), districts.map((d) => d.name)],
  );
}

export async function listDistricts(sql: Sql): Promise<District[]> {
  const rows = await sql.query<{ district_id: string; name: string }>(
    'SELECT district_id, name FROM districts ORDER BY 1',
  );
  return rows.map((r) => ({ id: r.district_id, name: r.name }));
}
