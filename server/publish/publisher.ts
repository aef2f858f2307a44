// Publishes the head of the public hash chain (docs/opening-day.md): at start,
// every few minutes, and at each boundary of the campaign calendar (the head
// just before the first event at or after the boundary, or the head when the
// boundary passes with nothing after it). Each publication is a row of
// published_heads and a line appended to the digest file; GET /v1/public/heads
// lists them. It follows the log as a sequencer observer, so its chain only
// ever holds committed events.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import type { LogEvent } from '../../shared/log/events';
import { parseInstant } from '../../shared/log/instant';
import type { KeyedHash } from '../../shared/publish/pseudonymize';
import { PublicChain, type PublicHead, type PublishedHead } from '../../shared/publish/publicChain';
import { nodeChainHash } from '../../main/store/log/nodeHash';
import type { Sql } from '../db/database';
import type { LogObserver } from '../sequencer/sequencer';
import { type Clock, formatInstant, systemClock } from '../sequencer/clock';

export const BOUNDARIES = [
  'stage1Start',
  'stage2Start',
  'stage2End',
  'documentsStart',
  'documentsEnd',
] as const;

export async function pseudonymKey(sql: Sql): Promise<KeyedHash> {
  const [row] = await sql.query<{ value: string }>(
    `SELECT value FROM server_meta WHERE key = 'pseudonym_key'`,
  );
  if (!row) throw new Error('the server has no pseudonym key (migration 5 not applied?)');
  const key = Buffer.from(row.value, 'utf8');
  return (text) => createHmac('sha256', key).update(text).digest('hex');
}

export interface PublisherOptions {
  /** the append-only digest file; null publishes to the table only */
  digestFile: string | null;
  intervalMs?: number;
  clock?: Clock;
}

export class Publisher implements LogObserver {
  private readonly chain: PublicChain;
  private boundaries: { name: string; at: number }[] = [];
  private pending: { name: string; head: PublicHead }[] = [];
  private readonly done = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastPublished = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    keyed: KeyedHash,
    private readonly options: PublisherOptions,
  ) {
    this.chain = new PublicChain(nodeChainHash, keyed);
  }

  get head(): PublicHead {
    return this.chain.head;
  }

  reset(): void {
    this.chain.reset();
    this.boundaries = [];
    this.pending = [];
  }

  event(e: LogEvent, seq: number): void {
    if (e.type === 'campaign.opened') {
      this.boundaries = BOUNDARIES.map((name) => ({ name, at: parseInstant(e.data[name]) })).sort(
        (a, b) => a.at - b.at,
      );
    }
    const at = parseInstant(e.at);
    while (this.boundaries.length > 0 && this.boundaries[0].at <= at) {
      this.pending.push({ name: this.boundaries.shift()!.name, head: this.chain.head });
    }
    this.chain.push(e, seq);
  }

  /** Starts publishing: the boundaries already published are skipped, then a `start` head. */
  async start(): Promise<void> {
    for (const r of await this.sql.query<{ reason: string }>(
      'SELECT DISTINCT reason FROM published_heads',
    )) {
      this.done.add(r.reason);
    }
    // Boundaries crossed while the server was down (found in the replay at load) come first.
    await this.flushBoundaries();
    await this.publish(this.chain.head, 'start');
    const interval = this.options.intervalMs ?? 300_000;
    this.timer = setInterval(() => void this.tick(interval), Math.min(1000, interval));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
  }

  /** Publishes the current head now (also what the timer does every interval). */
  async publishNow(reason = 'interval'): Promise<PublishedHead> {
    await this.flushBoundaries();
    return this.publish(this.chain.head, reason);
  }

  private async flushBoundaries(): Promise<void> {
    const due = this.pending.splice(0);
    for (const p of due) if (!this.done.has(p.name)) await this.publish(p.head, p.name);
  }

  async list(): Promise<PublishedHead[]> {
    const rows = await this.sql.query<{
      seq: number;
      hash: string;
      at: string | null;
      published_at: Date;
      reason: string;
    }>('SELECT seq, hash, at, published_at, reason FROM published_heads ORDER BY id');
    return rows.map((r) => ({
      seq: r.seq,
      hash: r.hash,
      at: r.at,
      publishedAt: formatInstant(new Date(r.published_at).getTime()),
      reason: r.reason,
    }));
  }

  private async tick(interval: number): Promise<void> {
    const now = (this.options.clock ?? systemClock)();
    // A boundary that passes while the log is quiet: the head now is the head before it.
    while (this.boundaries.length > 0 && this.boundaries[0].at <= now) {
      this.pending.push({ name: this.boundaries.shift()!.name, head: this.chain.head });
    }
    await this.flushBoundaries();
    if (Date.now() - this.lastPublished >= interval)
      await this.publish(this.chain.head, 'interval');
  }

  private publish(head: PublicHead, reason: string): Promise<PublishedHead> {
    const entry: PublishedHead = { ...head, publishedAt: formatInstant(Date.now()), reason };
    this.lastPublished = Date.now();
    if (reason !== 'interval' && reason !== 'start') this.done.add(reason);
    // One at a time, in order: the file and the table list the same heads in the same order.
    const run = this.writing.then(async () => {
      await this.sql.query(
        `INSERT INTO published_heads (published_at, seq, hash, at, reason)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          new Date(parseInstant(entry.publishedAt)).toISOString(),
          entry.seq,
          entry.hash,
          entry.at,
          reason,
        ],
      );
      if (this.options.digestFile) {
        mkdirSync(path.dirname(this.options.digestFile), { recursive: true });
        appendFileSync(this.options.digestFile, JSON.stringify(entry) + '\n');
      }
    });
    this.writing = run.catch(() => undefined);
    return run.then(() => entry);
  }
}
