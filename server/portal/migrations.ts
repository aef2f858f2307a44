// The parents' portal's tables (docs/portal.md), appended to the server's
// ordered migration list (server/db/migrations.ts).
import type { Migration } from '../db/migrations';

export const PORTAL_MIGRATIONS: readonly Migration[] = [
  {
    id: 8,
    name: 'portal_accounts',
    sql: `
      CREATE TABLE portal_accounts (
        account_id text PRIMARY KEY,
        pin text NOT NULL UNIQUE,
        email text NOT NULL,
        email2 text,
        phone text NOT NULL,
        telegram text,
        language text NOT NULL,
        password_hash text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX portal_accounts_email ON portal_accounts (lower(email));
      -- One-time links (set the first password, reset it): only a SHA-256 of the token is kept.
      CREATE TABLE portal_links (
        token_hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES portal_accounts,
        purpose text NOT NULL CHECK (purpose IN ('register', 'reset')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE portal_sessions (
        token_hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES portal_accounts,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX portal_sessions_account ON portal_sessions (account_id);
      CREATE TABLE portal_children (
        account_id text NOT NULL REFERENCES portal_accounts,
        pin text NOT NULL,
        last_name text NOT NULL,
        first_name text NOT NULL,
        patronymic text,
        birth_date text NOT NULL,
        citizenship text NOT NULL,
        address_code text,
        address_text text,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, pin)
      );
      CREATE TABLE portal_drafts (
        account_id text NOT NULL,
        child_pin text NOT NULL,
        choice text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, child_pin),
        FOREIGN KEY (account_id, child_pin) REFERENCES portal_children
      );
      CREATE TABLE portal_documents (
        document_id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES portal_accounts,
        type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        file text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- A parent's submission as the portal received it. position is the arrival
      -- order (assigned under a lock, gapless); the resolver decides submissions in
      -- that order, and event_id is the log event it became (null while pending).
      CREATE TABLE portal_applications (
        application_id text PRIMARY KEY,
        position bigint NOT NULL UNIQUE,
        account_id text NOT NULL REFERENCES portal_accounts,
        child_pin text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        choice text NOT NULL,
        received_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'decided', 'refused')),
        refusal text,
        seq bigint,
        notified text NOT NULL DEFAULT '',
        UNIQUE (account_id, idempotency_key)
      );
      CREATE INDEX portal_applications_pending ON portal_applications (position) WHERE state = 'pending';
      CREATE INDEX portal_applications_child ON portal_applications (child_pin);`,
  },
  {
    id: 9,
    name: 'portal_mail_outbox',
    sql: `
      -- Mail to send. dedupe_key makes enqueueing idempotent (one mail per status
      -- change); the worker claims rows with SKIP LOCKED and marks them sent.
      CREATE TABLE mail_outbox (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error text
      );
      CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;`,
  },
];
