// Parents' accounts: registration with a one-time link instead of an e-mailed
// password (docs/portal.md says why), sign-in, sessions, recovery by own PIN
// and e-mail. No answer tells whether an e-mail or PIN is known: registering
// an address that has an account mails its owner instead, recovery always
// says "sent", and a failed sign-in costs the same argon2 time either way.
import { hashPassword, verifyPassword } from './password';
import {
  PORTAL_LINK_PAGES,
  type PortalLanguage,
  type RegisterRequest,
  type SessionInfo,
} from '../../../shared/portal/contract';
import type { Database, Sql } from '../../db/database';
import { queueMail } from '../mail/queue';
import { newId, newToken, tokenHash } from './tokens';

export const REGISTER_LINK_HOURS = 24;
export const RESET_LINK_HOURS = 1;
export const SESSION_HOURS = 12;

export interface AccountRow {
  account_id: string;
  pin: string;
  email: string;
  email2: string | null;
  phone: string;
  telegram: string | null;
  language: PortalLanguage;
  password_hash: string | null;
}

export interface AccountsDeps {
  db: Database;
  /** the portal's public origin, for links in mails: `https://portal.example.kg` */
  publicUrl(): string;
  /** called after a mail was queued and committed */
  mailQueued(): void;
}

export class LinkInvalid extends Error {}

/** A hash that no password matches, verified when there is no account: the same cost as a real check. */
let dummyHash: Promise<string> | null = null;

export class Accounts {
  constructor(private readonly d: AccountsDeps) {}

  async register(r: RegisterRequest & { phone: string }): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      // Serialise registrations of one address or PIN, so two at once cannot both insert.
      await tx.query(
        'SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))',
        [r.pin, r.email.toLowerCase()],
      );
      const existing = await tx.query<AccountRow>(
        'SELECT * FROM portal_accounts WHERE pin = $1 OR lower(email) = lower($2)',
        [r.pin, r.email],
      );
      const same = existing.find(
        (a) => a.pin === r.pin && a.email.toLowerCase() === r.email.toLowerCase(),
      );
      if (existing.length === 0) {
        const accountId = newId('P');
        await tx.query(
          `INSERT INTO portal_accounts (account_id, pin, email, email2, phone, telegram, language)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [accountId, r.pin, r.email, r.email2 ?? null, r.phone, r.telegram ?? null, r.language],
        );
        await this.sendLink(
          tx,
          { account_id: accountId, email: r.email, language: r.language },
          'register',
        );
      } else if (same && same.password_hash === null) {
        await this.sendLink(tx, same, 'register'); // the first link was lost: send a fresh one
      } else {
        for (const a of existing) {
          // At most one such mail per account and hour, so the form cannot be used to flood a mailbox.
          const hour = Math.floor(Date.now() / 3_600_000);
          await queueMail(
            tx,
            'register_again',
            a,
            { url: `${this.d.publicUrl()}${PORTAL_LINK_PAGES.forgotPassword}` },
            `again:${a.account_id}:${hour}`,
          );
        }
      }
    });
    this.d.mailQueued();
  }

  async forgotPassword(pin: string, email: string): Promise<void> {
    const [a] = await this.d.db.query<AccountRow>(
      `SELECT * FROM portal_accounts WHERE pin = $1 AND (lower(email) = lower($2) OR lower(email2) = lower($2))`,
      [pin, email],
    );
    if (!a) return;
    await this.d.db.transaction((tx) => this.sendLink(tx, { ...a, email }, 'reset'));
    this.d.mailQueued();
  }

  async linkInfo(
    token: string,
  ): Promise<{ purpose: 'register' | 'reset'; email: string; expiresAt: Date }> {
    const [l] = await this.d.db.query<{
      purpose: 'register' | 'reset';
      email: string;
      expires_at: Date;
    }>(
      `SELECT l.purpose, a.email, l.expires_at FROM portal_links l JOIN portal_accounts a USING (account_id)
       WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()`,
      [tokenHash(token)],
    );
    if (!l) throw new LinkInvalid('this link is unknown, used or expired');
    return { purpose: l.purpose, email: maskEmail(l.email), expiresAt: l.expires_at };
  }

  /** Uses a link once: sets the password, ends every other session, and signs in. */
  async setPassword(
    token: string,
    password: string,
  ): Promise<{ token: string; session: SessionInfo }> {
    const hash = await hashPassword(password);
    const accountId = await this.d.db.transaction(async (tx) => {
      const [l] = await tx.query<{ account_id: string }>(
        `UPDATE portal_links SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING account_id`,
        [tokenHash(token)],
      );
      if (!l) throw new LinkInvalid('this link is unknown, used or expired');
      await tx.query('UPDATE portal_accounts SET password_hash = $2 WHERE account_id = $1', [
        l.account_id,
        hash,
      ]);
      await tx.query('DELETE FROM portal_sessions WHERE account_id = $1', [l.account_id]);
      // Older unused links of the account die with this one.
      await tx.query(
        'UPDATE portal_links SET used_at = now() WHERE account_id = $1 AND used_at IS NULL',
        [l.account_id],
      );
      return l.account_id;
    });
    return this.openSession(accountId);
  }

  /** `login` is the e-mail or the parent's own PIN. Null for any failure, alike. */
  async signIn(
    login: string,
    password: string,
  ): Promise<{ token: string; session: SessionInfo } | null> {
    const [a] = await this.d.db.query<AccountRow>(
      'SELECT * FROM portal_accounts WHERE lower(email) = lower($1) OR pin = $1 LIMIT 1',
      [login.trim()],
    );
    if (!a || a.password_hash === null) {
      dummyHash ??= hashPassword(newToken());
      await verifyPassword(password, await dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, a.password_hash))) return null;
    return this.openSession(a.account_id);
  }

  async signOut(token: string): Promise<void> {
    await this.d.db.query('DELETE FROM portal_sessions WHERE token_hash = $1', [tokenHash(token)]);
  }

  /** The session of a cookie's token, or null when unknown or expired. */
  async session(token: string): Promise<SessionInfo | null> {
    const [row] = await this.d.db.query<AccountRow & { csrf_token: string; expires_at: Date }>(
      `SELECT a.*, s.csrf_token, s.expires_at FROM portal_sessions s JOIN portal_accounts a USING (account_id)
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash(token)],
    );
    if (!row) return null;
    return {
      account: toAccount(row),
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  async setLanguage(accountId: string, language: PortalLanguage): Promise<void> {
    await this.d.db.query('UPDATE portal_accounts SET language = $2 WHERE account_id = $1', [
      accountId,
      language,
    ]);
  }

  async account(accountId: string): Promise<AccountRow> {
    const [a] = await this.d.db.query<AccountRow>(
      'SELECT * FROM portal_accounts WHERE account_id = $1',
      [accountId],
    );
    return a;
  }

  private async openSession(accountId: string): Promise<{ token: string; session: SessionInfo }> {
    const token = newToken();
    const csrf = newToken();
    await this.d.db.query(
      `INSERT INTO portal_sessions (token_hash, account_id, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + ($4 || ' hours')::interval)`,
      [tokenHash(token), accountId, csrf, String(SESSION_HOURS)],
    );
    const session = await this.session(token);
    return { token, session: session! };
  }

  private async sendLink(
    tx: Sql,
    a: Pick<AccountRow, 'account_id' | 'email' | 'language'>,
    purpose: 'register' | 'reset',
  ): Promise<void> {
    const token = newToken();
    const hours = purpose === 'register' ? REGISTER_LINK_HOURS : RESET_LINK_HOURS;
    await tx.query(
      `INSERT INTO portal_links (token_hash, account_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + ($4 || ' hours')::interval)`,
      [tokenHash(token), a.account_id, purpose, String(hours)],
    );
    const url = `${this.d.publicUrl()}${PORTAL_LINK_PAGES.setPassword}?token=${encodeURIComponent(token)}`;
    // The outbox row keeps the link in its body; the link is single-use and expires within a
    // day, so a copy read from the database later opens nothing.
    await queueMail(
      tx,
      purpose === 'register' ? 'link_register' : 'link_reset',
      a,
      { url },
      `link:${tokenHash(token)}`,
    );
  }
}

export function toAccount(a: AccountRow): SessionInfo['account'] {
  return {
    accountId: a.account_id,
    email: a.email,
    email2: a.email2,
    phone: a.phone,
    telegram: a.telegram,
    language: a.language,
  };
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
