// The server's schema, as explicit ordered migrations. Each runs once, in its
// own transaction, and is recorded in schema_migrations; a migration already
// applied is never edited, a change is a new one at the end.
//
// `district_id` leads every key of a table that Citus would distribute by it
// (docs/scaling.md): the log, refusals, projections, devices. A campaign-level
// event (campaign.opened) belongs to the scope '*'.

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'server_meta',
    sql: `
      CREATE TABLE server_meta (
        key text PRIMARY KEY,
        value text NOT NULL
      );
      -- The log's identity: a pull cursor names it, so a cursor from another log restarts cleanly.
      INSERT INTO server_meta (key, value) VALUES ('log_id', md5(random()::text || clock_timestamp()::text));`,
  },
  {
    id: 2,
    name: 'districts_and_devices',
    sql: `
      CREATE TABLE districts (
        district_id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE enrolment_codes (
        district_id text NOT NULL REFERENCES districts,
        code_hash text NOT NULL,
        device_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (district_id, code_hash)
      );
      CREATE UNIQUE INDEX enrolment_codes_hash ON enrolment_codes (code_hash);
      CREATE TABLE devices (
        district_id text NOT NULL REFERENCES districts,
        device_id text NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (district_id, device_id)
      );
      CREATE UNIQUE INDEX devices_token_hash ON devices (token_hash);
      CREATE UNIQUE INDEX devices_device_id ON devices (device_id);`,
  },
  {
    id: 3,
    name: 'log',
    sql: `
      -- The authoritative log. seq is assigned by the single writer (never a sequence:
      -- ARCHITECTURE.md), gapless from 1; line is the event exactly as exported.
      CREATE TABLE events (
        district_id text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        event_id text NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        device_id text,
        line text NOT NULL,
        PRIMARY KEY (district_id, seq),
        UNIQUE (district_id, event_id)
      );
      -- One node holds the whole log: seq and the event id are unique across districts too.
      -- Under Citus these two become per-partition (docs/scaling.md).
      CREATE UNIQUE INDEX events_seq ON events (seq);
      CREATE UNIQUE INDEX events_event_id ON events (event_id);
      -- Pushed events the engine refused: not in the log, kept so that a repeated push
      -- gets the same answer and writes nothing.
      CREATE TABLE refusals (
        district_id text NOT NULL,
        event_id text NOT NULL,
        device_id text,
        reason text NOT NULL,
        judged_at timestamptz NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (district_id, event_id)
      );
      CREATE UNIQUE INDEX refusals_event_id ON refusals (event_id);`,
  },
  {
    id: 4,
    name: 'projections',
    sql: `
      -- What the engine decided, kept up to date in the same transaction as the events
      -- that changed it; \`kabyl server verify\` compares them with a fresh replay.
      CREATE TABLE applications (
        district_id text NOT NULL,
        application_id text NOT NULL,
        status text NOT NULL,
        reason text,
        school_id text NOT NULL,
        language text NOT NULL,
        stage smallint,
        basis text,
        privilege text NOT NULL,
        order_number text,
        updated_seq bigint NOT NULL,
        PRIMARY KEY (district_id, application_id)
      );
      CREATE TABLE streams (
        district_id text NOT NULL,
        school_id text NOT NULL,
        language text NOT NULL,
        quota integer NOT NULL,
        occupied integer NOT NULL,
        updated_seq bigint NOT NULL,
        PRIMARY KEY (district_id, school_id, language)
      );
      CREATE TABLE cases (
        district_id text NOT NULL,
        case_id text NOT NULL,
        status text NOT NULL,
        updated_seq bigint NOT NULL,
        PRIMARY KEY (district_id, case_id)
      );`,
  },
  {
    id: 5,
    name: 'event_subjects',
    sql: `
      -- What each event is about ('a:' application or case, 's:' school; NULL for the
      -- campaign): a district's pull takes outside events by it (docs/sync.md).
      ALTER TABLE events ADD COLUMN subject text;
      UPDATE events SET subject = CASE
        WHEN type IN ('school.registered', 'catchment.set', 'quota.set', 'order.issued')
          THEN 's:' || (line::jsonb #>> '{data,schoolId}')
        WHEN type IN ('commission.case_opened', 'commission.decided')
          THEN 'a:' || (line::jsonb #>> '{data,caseId}')
        WHEN type = 'campaign.opened' THEN NULL
        ELSE 'a:' || (line::jsonb #>> '{data,applicationId}') END;
      CREATE INDEX events_subject ON events (subject, seq);`,
  },
  {
    id: 6,
    name: 'snapshots',
    sql: `
      -- The sequencer's state at a committed seq, so a restart replays only the tail.
      -- The log stays the reference: a snapshot that cannot be read is ignored.
      CREATE TABLE snapshots (
        seq bigint PRIMARY KEY,
        taken_at timestamptz NOT NULL DEFAULT now(),
        body text NOT NULL
      );`,
  },
  {
    id: 7,
    name: 'waitlist_projections',
    sql: `
      -- R16: the queue an application is in (its own stream's, or a standing request's
      -- target) and its place; each stream's queue length.
      ALTER TABLE applications
        ADD COLUMN waitlist_school text,
        ADD COLUMN waitlist_language text,
        ADD COLUMN waitlist_position integer;
      ALTER TABLE streams ADD COLUMN waitlist integer NOT NULL DEFAULT 0;`,
  },
  {
    id: 8,
    name: 'public_proof',
    sql: `
      -- The key of the anonymised export's pseudonyms (docs/opening-day.md). It never
      -- leaves the server: with it, anyone could test a guessed PIN or address.
      INSERT INTO server_meta (key, value)
        VALUES ('pseudonym_key', md5(random()::text || clock_timestamp()::text) || md5(random()::text));
      -- Every head of the public hash chain the server published, append-only.
      CREATE TABLE published_heads (
        id bigserial PRIMARY KEY,
        published_at timestamptz NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        at text,
        reason text NOT NULL
      );`,
  },
];
