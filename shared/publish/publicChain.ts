// The public hash chain (docs/opening-day.md): the chain of shared/log/hashChain.ts
// taken over the anonymised lines, so that anyone holding the anonymised export
// can recompute it and compare it with the heads the server published while
// the campaign ran. A head is (seq, hash, at): the chain's hash after event
// `seq`, and that event's server time.
import type { LogEvent } from '../log/events';
import { GENESIS_HASH, type LinkHash } from '../log/hashChain';
import { type KeyedHash, Pseudonymizer } from './pseudonymize';

export interface PublicHead {
  seq: number;
  hash: string;
  at: string | null;
}

export const GENESIS_HEAD: PublicHead = { seq: 0, hash: GENESIS_HASH, at: null };

/** One line of the digest file, and one row of what the public endpoint lists. */
export interface PublishedHead extends PublicHead {
  publishedAt: string;
  /** `interval`, `start`, or the calendar instant whose boundary it marks (`stage2Start`, ...) */
  reason: string;
}

export class PublicChain {
  private pseudonymizer: Pseudonymizer;
  head: PublicHead = GENESIS_HEAD;

  constructor(
    private readonly link: LinkHash,
    private readonly keyed: KeyedHash,
  ) {
    this.pseudonymizer = new Pseudonymizer(keyed);
  }

  reset(): void {
    this.pseudonymizer = new Pseudonymizer(this.keyed);
    this.head = GENESIS_HEAD;
  }

  /** Appends a stored event (with its seq); returns its anonymised line. */
  push(event: LogEvent, seq: number): string {
    const line = JSON.stringify(this.pseudonymizer.event({ ...event, seq } as LogEvent));
    this.head = { seq, hash: this.link(this.head.hash, line), at: event.at };
    return line;
  }
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  /** the published heads checked, each with what was found */
  heads: { seq: number; at: string | null; publishedAt: string; ok: boolean; why?: string }[];
  problems: string[];
}

/**
 * Checks an anonymised export against published heads: every line must be a
 * JSON event with seq 1, 2, 3, ... in order, and the chain recomputed over the
 * lines exactly as written must pass through every published (seq, hash).
 * A changed, reordered or dropped line breaks the chain at or before the next
 * published head; a cut-off export cannot reach the last one.
 */
export function verifyExport(
  lines: Iterable<string>,
  published: readonly PublishedHead[],
  link: LinkHash,
): VerifyReport {
  const wanted = new Map<number, PublishedHead[]>();
  for (const h of published) wanted.set(h.seq, [...(wanted.get(h.seq) ?? []), h]);
  const heads: VerifyReport['heads'] = [];
  const problems: string[] = [];
  let hash = GENESIS_HASH;
  let seq = 0;
  let at: string | null = null;
  const check = (h: PublishedHead) => {
    const ok = h.hash === hash && (h.at === null || h.at === at);
    heads.push({
      seq: h.seq,
      at: h.at,
      publishedAt: h.publishedAt,
      ok,
      why: ok
        ? undefined
        : `the export's chain at seq ${h.seq} is ${hash.slice(0, 16)}..., ` +
          `published ${h.hash.slice(0, 16)}...`,
    });
  };
  for (const h of wanted.get(0) ?? []) check(h);
  let n = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let e: { seq?: unknown; at?: unknown };
    try {
      e = JSON.parse(text) as typeof e;
    } catch {
      problems.push(`line ${n}: not JSON`);
      break;
    }
    if (e.seq !== seq + 1) {
      problems.push(
        `line ${n}: seq ${String(e.seq)} where ${seq + 1} was due (an event dropped or moved)`,
      );
      break;
    }
    seq++;
    at = typeof e.at === 'string' ? e.at : null;
    hash = link(hash, text);
    for (const h of wanted.get(seq) ?? []) check(h);
  }
  for (const h of published) {
    if (h.seq > seq) {
      heads.push({
        seq: h.seq,
        at: h.at,
        publishedAt: h.publishedAt,
        ok: false,
        why: `the export stops at seq ${seq}, before this published head`,
      });
    }
  }
  heads.sort((a, b) => a.seq - b.seq);
  const ok = problems.length === 0 && heads.every((h) => h.ok) && published.length > 0;
  if (published.length === 0) problems.push('the digest holds no published head');
  return { ok, events: seq, heads, problems };
}

/** Parses a digest file (JSON Lines of PublishedHead), naming the line at fault. */
export function parseDigest(text: string): PublishedHead[] {
  const out: PublishedHead[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let h: Partial<PublishedHead>;
    try {
      h = JSON.parse(line) as Partial<PublishedHead>;
    } catch {
      throw new Error(`digest line ${i + 1}: not JSON`);
    }
    if (!Number.isInteger(h.seq) || (h.seq as number) < 0)
      throw new Error(`digest line ${i + 1}: seq must be an integer >= 0`);
    if (typeof h.hash !== 'string' || !/^[0-9a-f]{64}$/.test(h.hash)) {
      throw new Error(`digest line ${i + 1}: hash must be 64 lowercase hex characters`);
    }
    out.push({
      seq: h.seq as number,
      hash: h.hash,
      at: typeof h.at === 'string' ? h.at : null,
      publishedAt: String(h.publishedAt ?? ''),
      reason: String(h.reason ?? ''),
    });
  });
  return out;
}
