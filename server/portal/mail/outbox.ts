// The mail outbox: a mail is a row written in the same transaction as the
// change it reports, and a worker sends it. Claiming a row leases it (moves
// next_attempt_at forward) in a short transaction, so no SMTP conversation
// ever holds a database transaction open; a worker that dies mid-send leaves
// the lease to expire and another attempt picks the row up. Delivery is
// therefore at least once: the only window for a second copy is between the
// SMTP server's "250 OK" and the UPDATE that marks the row sent, and the
// copy carries the same Message-ID (docs/portal.md).
import { createHash } from 'node:crypto';
import type { Sql } from '../../db/database';
import type { MailTransport } from './transports';

export interface MailToQueue {
  /** one mail per key, ever: `status:APP:registered`, `link:TOKENHASH` */
  dedupeKey: string;
  to: string;
  subject: string;
  body: string;
}

/** Queues a mail; a key already queued is skipped. Returns whether it was new. */
export async function enqueueMail(sql: Sql, m: MailToQueue): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO mail_outbox (dedupe_key, to_address, subject, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [m.dedupeKey, m.to, m.subject, m.body],
  );
  return rows.length > 0;
}

export interface MailWorkerOptions {
  /** first retry delay; it doubles per attempt up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** how long a claimed row stays invisible to other attempts */
  leaseMs?: number;
  pollMs?: number;
  batch?: number;
  onError?: (e: Error, id: number) => void;
}

interface Claimed {
  id: number;
  dedupe_key: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

export function messageIdOf(dedupeKey: string): string {
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@kabyl.portal>`;
}

export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly o: Required<Omit<MailWorkerOptions, 'onError'>> & Pick<MailWorkerOptions, 'onError'>;

  constructor(
    private readonly db: Sql & { transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> },
    private readonly transport: MailTransport,
    options: MailWorkerOptions = {},
  ) {
    this.o = {
      backoffMs: options.backoffMs ?? 5_000,
      maxBackoffMs: options.maxBackoffMs ?? 3_600_000,
      leaseMs: options.leaseMs ?? 120_000,
      pollMs: options.pollMs ?? 2_000,
      batch: options.batch ?? 20,
      onError: options.onError,
    };
  }

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Sends everything due now; resolves when the queue has nothing due (tests, CLI). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
        if (this.stopped) return;
        this.schedule(this.again ? 0 : this.o.pollMs);
        this.again = false;
      });
    }, ms);
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOnce()) > 0);
    } catch (e) {
      this.o.onError?.(e as Error, 0); // the database is away: the next poll tries again
    }
  }

  /** Claims a batch of due rows and sends them; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.db.query<Claimed>(
      `UPDATE mail_outbox SET next_attempt_at = now() + ($2 || ' milliseconds')::interval,
              attempts = attempts + 1
       WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                    ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, dedupe_key, to_address, subject, body, attempts`,
      [this.o.batch, String(this.o.leaseMs)],
    );
    claimed.sort((a, b) => a.id - b.id);
    for (const m of claimed) {
      try {
        await this.transport.send({
          to: m.to_address,
          subject: m.subject,
          text: m.body,
          messageId: messageIdOf(m.dedupe_key),
        });
        await this.db.query('UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = $1', [m.id]);
      } catch (e) {
        const delay = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (m.attempts - 1));
        await this.db.query(
          `UPDATE mail_outbox SET next_attempt_at = now() + ($2 || ' milliseconds')::interval,
                  last_error = $3 WHERE id = $1`,
          [m.id, String(delay), String((e as Error).message).slice(0, 500)],
        );
        this.o.onError?.(e as Error, m.id);
      }
    }
    return claimed.length;
  }
}
