// The log's hash chain: each stored event's hash covers the previous event's
// hash and the event's exact text, so changing or deleting any stored event
// breaks every later link. The link is SHA-256 over the UTF-8 of the previous
// hash (64 hex characters) followed by the body, as lowercase hex. This module
// only defines the chain; the caller passes the hash function, so each runtime
// uses its native SHA-256 (node:crypto in main/store/log/nodeHash.ts).

/** The hash the first event of a log is chained to. */
export const GENESIS_HASH = '0'.repeat(64);

/** One link: SHA-256 (lowercase hex) of the UTF-8 of `prevHash` followed by `body`. */
export type LinkHash = (prevHash: string, body: string) => string;

/** A stored event as the chain sees it: its place in the gapless sequence, its text, its hash. */
export interface ChainLink {
  seq: number;
  body: string;
  hash: string;
}

/**
 * Why a chain is judged broken at `seq`:
 * - hash_mismatch: the event's text is not what was hashed (changed, or cut short);
 * - prev_mismatch: the previous event is missing (deleted);
 * - head_mismatch: the chain's end differs from the head recorded in the file;
 * - malformed_body: the text hashes right but is not a well-formed event (or is not text);
 * - column_mismatch: a column the audit shows (id, type, at, actor, subject) differs from the hashed text;
 * - rewritten: the chain differs from a head recorded outside the file (docs/security.md).
 */
export type ChainBreakReason =
  | 'hash_mismatch'
  | 'prev_mismatch'
  | 'head_mismatch'
  | 'malformed_body'
  | 'column_mismatch'
  | 'rewritten';
export const CHAIN_BREAK_REASONS = [
  'hash_mismatch',
  'prev_mismatch',
  'head_mismatch',
  'malformed_body',
  'column_mismatch',
  'rewritten',
] as const satisfies readonly ChainBreakReason[];

export type ChainBreak = { seq: number; reason: ChainBreakReason };

/**
 * Checks links in sequence order, fed page by page so a store can stream its
 * whole log through it. The first break is kept; later links are not judged.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;

  constructor(private readonly linkHash: LinkHash) {}

  private lastSeq = 0;
  checked = 0;
  broken: ChainBreak | null = null;

  push(link: ChainLink): boolean {
    if (this.broken) return false;
    this.checked++;
    // The sequence is gapless from 1, so a deleted event shows as a missing
    // predecessor: the link to the previous event is what is broken.
    if (link.seq !== this.lastSeq + 1) {
      this.broken = { seq: link.seq, reason: 'prev_mismatch' };
      return false;
    }
    if (this.linkHash(this.prev, link.body) !== link.hash) {
      this.broken = { seq: link.seq, reason: 'hash_mismatch' };
      return false;
    }
    this.prev = link.hash;
    this.lastSeq = link.seq;
    return true;
  }

  /** Records a break found by the caller's own checks of a link that hashed right. */
  reject(seq: number, reason: ChainBreakReason): void {
    this.broken ??= { seq, reason };
  }

  /**
   * Compares the end of the chain with a separately recorded head: without it
   * a deleted last event would leave a chain that still links up.
   */
  finish(head?: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    if (head && (head.seq !== this.lastSeq || head.hash !== this.prev)) {
      this.broken = { seq: Math.min(head.seq, this.lastSeq + 1), reason: 'head_mismatch' };
    }
    return this.broken;
  }

  /** The hash of the last good link: what the next event is chained to. */
  get head(): string {
    return this.prev;
  }
}
