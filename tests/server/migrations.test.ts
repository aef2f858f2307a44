// Each migration, applied in order on an empty database, gives the schema the code expects.
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

/** What the code reads and writes: table -> [columns, primary key]. */
const EXPECTED: Record<number, Record<string, [string[], string[]]>> = {
  1: { server_meta: [['key', 'value'], ['key']] },
  2: {
    districts: [['district_id', 'name', 'created_at'], ['district_id']],
    enrolment_codes: [
      ['district_id', 'code_hash', 'device_name', 'created_at', 'expires_at', 'used_at'],
      ['district_id', 'code_hash'],
    ],
    devices: [
      ['district_id', 'device_id', 'name', 'token_hash', 'enrolled_at', 'revoked_at'],
      ['district_id', 'device_id'],
    ],
  },
  3: {
    events: [
      ['district_id', 'seq', 'event_id', 'type', 'at', 'device_id', 'line'],
      ['district_id', 'seq'],
    ],
    refusals: [
      ['district_id', 'event_id', 'device_id', 'reason', 'judged_at', 'line'],
      ['district_id', 'event_id'],
    ],
  },
  4: {
    applications: [
      [
        'district_id',
        'application_id',
        'status',
        'reason',
        'school_id',
        'language',
        'stage',
        'basis',
        'privilege',
        'order_number',
        'updated_seq',
      ],
      ['district_id', 'application_id'],
    ],
    streams: [
      ['district_id', 'school_id', 'language', 'quota', 'occupied', 'updated_seq'],
      ['district_id', 'school_id', 'language'],
    ],
    cases: [
      ['district_id', 'case_id', 'status', 'updated_seq'],
      ['district_id', 'case_id'],
    ],
  },
  5: {
    events: [
      ['district_id', 'seq', 'event_id', 'type', 'at', 'device_id', 'line', 'subject'],
      ['district_id', 'seq'],
    ],
  },
  6: { snapshots: [['seq', 'taken_at', 'body'], ['seq']] },
  7: {
    applications: [
      [
        'district_id',
        'application_id',
        'status',
        'reason',
        'school_id',
        'language',
        'stage',
        'basis',
        'privilege',
        'order_number',
        'updated_seq',
        'waitlist_school',
        'waitlist_language',
        'waitlist_position',
      ],
      ['district_id', 'application_id'],
    ],
    streams: [
      ['district_id', 'school_id', 'language', 'quota', 'occupied', 'updated_seq', 'waitlist'],
      ['district_id', 'school_id', 'language'],
    ],
  },
  8: { published_heads: [['id', 'published_at', 'seq', 'hash', 'at', 'reason'], ['id']] },
  9: {
    portal_accounts: [
      [
        'account_id',
        'pin',
        'email',
        'email2',
        'phone',
        'telegram',
        'language',
        'password_hash',
        'created_at',
      ],
      ['account_id'],
    ],
    portal_links: [
      ['token_hash', 'account_id', 'purpose', 'created_at', 'expires_at', 'used_at'],
      ['token_hash'],
    ],
    portal_sessions: [
      ['token_hash', 'account_id', 'csrf_token', 'created_at', 'expires_at'],
      ['token_hash'],
    ],
    portal_children: [
      [
        'account_id',
        'pin',
        'last_name',
        'first_name',
        'patronymic',
        'birth_date',
        'citizenship',
        'address_code',
        'address_text',
        'added_at',
      ],
      ['account_id', 'pin'],
    ],
    portal_drafts: [
      ['account_id', 'child_pin', 'choice', 'updated_at'],
      ['account_id', 'child_pin'],
    ],
    portal_documents: [
      ['document_id', 'account_id', 'type', 'size', 'sha256', 'file', 'created_at'],
      ['document_id'],
    ],
    portal_applications: [
      [
        'application_id',
        'position',
        'account_id',
        'child_pin',
        'idempotency_key',
        'request_hash',
        'choice',
        'received_at',
        'state',
        'refusal',
        'seq',
        'notified',
      ],
      ['application_id'],
    ],
  },
  10: {
    mail_outbox: [
      [
        'id',
        'dedupe_key',
        'to_address',
        'subject',
        'body',
        'created_at',
        'attempts',
        'next_attempt_at',
        'sent_at',
        'last_error',
      ],
      ['id'],
    ],
  },
};

/** Rows a log written before migration 5 holds, and the subject the migration gives each. */
const BEFORE_SUBJECTS: [string, string, string | null][] = [
  ['campaign.opened', '{"data":{}}', null],
  ['quota.set', '{"data":{"schoolId":"S1"}}', 's:S1'],
  ['application.withdrawn', '{"data":{"applicationId":"A1"}}', 'a:A1'],
  ['commission.decided', '{"data":{"caseId":"C1"}}', 'a:C1'],
];

async function columns(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function primaryKey(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [table],
  );
  return rows.map((r) => r.attname);
}

let test: TestDatabase | null = null;
let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  await test?.drop();
  db = test = null;
});

describe('migrations', () => {
  it('are numbered 1..n in order, each with SQL', () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.sql.trim().length).toBeGreaterThan(0);
    expect(Object.keys(EXPECTED).map(Number)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('each, applied in order on an empty database, creates exactly the tables the code expects', async () => {
    test = await createTestDatabase();
    db = await openDatabase({ url: test.url });
    await db.query(`CREATE TABLE schema_migrations (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const m of MIGRATIONS) {
      if (m.id === 5) {
        for (const [i, [type, line]] of BEFORE_SUBJECTS.entries()) {
          await db.query(`INSERT INTO events VALUES ('D', $1, $2, $3, now(), null, $4)`, [
            i + 1,
            `e${i}`,
            type,
            line,
          ]);
        }
      }
      // Apply this one migration as migrate() would, then check what it made.
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      });
      for (const [table, [cols, pk]] of Object.entries(EXPECTED[m.id])) {
        expect(await columns(db, table), `${m.name}: ${table}`).toEqual(cols);
        expect(await primaryKey(db, table), `${m.name}: ${table} key`).toEqual(pk);
      }
      if (m.id === 5) {
        const rows = await db.query<{ type: string; subject: string | null }>(
          'SELECT type, subject FROM events ORDER BY seq',
        );
        expect(rows.map((r) => [r.type, r.subject])).toEqual(
          BEFORE_SUBJECTS.map(([t, , s]) => [t, s]),
        );
        await db.query('DELETE FROM events');
      }
    }
    expect(await migrate(db)).toEqual([]);
  });

  it('migrate() brings an empty database to the last one, once, and puts district_id first in distributed keys', async () => {
    test = await createTestDatabase();
    db = await openDatabase({ url: test.url });
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    for (const table of [
      'events',
      'refusals',
      'devices',
      'applications',
      'streams',
      'cases',
      'enrolment_codes',
    ]) {
      expect((await primaryKey(db, table))[0], table).toBe('district_id');
    }
    const [meta] = await db.query<{ value: string }>(
      `SELECT value FROM server_meta WHERE key = 'log_id'`,
    );
    expect(meta.value).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a database migrated by a newer server', async () => {
    test = await createTestDatabase();
    db = await openDatabase({ url: test.url });
    await migrate(db);
    await db.query(`INSERT INTO schema_migrations (id, name) VALUES (999, 'future')`);
    await expect(migrate(db)).rejects.toThrow(/does not know \(999\)/);
  });

  it('the log rejects a second row with a seq or an event id already used', async () => {
    test = await createTestDatabase();
    db = await openDatabase({ url: test.url });
    await migrate(db);
    const insert = (d: string, seq: number, id: string) =>
      db!.query(`INSERT INTO events VALUES ($1, $2, $3, 't', now(), null, '{}')`, [d, seq, id]);
    await insert('A', 1, 'e1');
    await expect(insert('B', 1, 'e2')).rejects.toThrow(/events_seq/);
    await expect(insert('B', 2, 'e1')).rejects.toThrow(/events_event_id/);
    await expect(insert('B', 0, 'e3')).rejects.toThrow(/check/);
  });
});
