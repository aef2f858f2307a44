// The log's hash chain: each stored event's hash covers the previous event's
// hash and the event's exact text, so changing or deleting any stored event
// breaks every later link. Pure TypeScript (no node:crypto, no WebCrypto) so
// the desktop store, the renderer's audit screen and a server compute the
// same thing the same way, synchronously.

/** The hash the first event of a log is chained to. */
export const GENESIS_HASH = '0'.repeat(64);

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

// The message buffer: UTF-8 bytes of the whole message plus padding, read as
// 32-bit words. One-shot hashing of a buffer is about twice as fast in V8 as
// a byte-at-a-time incremental hasher, and events are small.
let bytes = new Uint8Array(8192);
let words = new Int32Array(bytes.buffer);
const W = new Int32Array(64);
const H = new Int32Array(8);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
// WHATWG TextEncoder exists in every JS runtime we target; the manual encoder is the fallback.
const encoder: { encodeInto(s: string, into: Uint8Array): { written: number } } | null =
  typeof (globalThis as { TextEncoder?: unknown }).TextEncoder === 'function'
    ? new (globalThis as unknown as { TextEncoder: new () => { encodeInto(s: string, into: Uint8Array): { written: number } } }).TextEncoder()
    : null;

/** UTF-8 of `s` at `at`; lone surrogates become U+FFFD as with TextEncoder. Returns the end. */
function encode(s: string, at: number): number {
  if (encoder) return at + encoder.encodeInto(s, bytes.subarray(at)).written;
  const b = bytes;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      b[at++] = c;
      continue;
    }
    if (c < 0x800) {
      b[at++] = 0xc0 | (c >> 6);
      b[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        b[at++] = 0xf0 | (cp >> 18);
        b[at++] = 0x80 | ((cp >> 12) & 63);
        b[at++] = 0x80 | ((cp >> 6) & 63);
        b[at++] = 0x80 | (cp & 63);
        continue;
      }
      c = 0xfffd;
    }
    b[at++] = 0xe0 | (c >> 12);
    b[at++] = 0x80 | ((c >> 6) & 63);
    b[at++] = 0x80 | (c & 63);
  }
  return at;
}

function compress(nWords: number): void {
  const b = words, w = W, h = H;
  let h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7];
  for (let off = 0; off < nWords; off += 16) {
    if (LITTLE_ENDIAN) {
      for (let i = 0; i < 16; i++) {
        const x = b[off + i];
        w[i] = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
      }
    } else {
      for (let i = 0; i < 16; i++) w[i] = b[off + i];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + hh) | 0;
  }
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
}

/** SHA-256 of the UTF-8 encoding of the concatenated parts, as lowercase hex. */
function digest(a: string, b: string): string {
  const worst = (a.length + b.length) * 3 + 72;
  if (worst > bytes.length) {
    bytes = new Uint8Array(Math.max(worst, bytes.length * 2) + 64);
    words = new Int32Array(bytes.buffer, 0, bytes.length >> 2);
  }
  let n = encode(b, encode(a, 0));
  const bits = n * 8;
  bytes[n++] = 0x80;
  while ((n & 63) !== 56) bytes[n++] = 0;
  // The length in bits, big-endian 64-bit; logs stay far below 2^53 bits.
  const hi = Math.floor(bits / 0x100000000), lo = bits >>> 0;
  bytes[n++] = hi >>> 24; bytes[n++] = (hi >>> 16) & 255; bytes[n++] = (hi >>> 8) & 255; bytes[n++] = hi & 255;
  bytes[n++] = lo >>> 24; bytes[n++] = (lo >>> 16) & 255; bytes[n++] = (lo >>> 8) & 255; bytes[n++] = lo & 255;
  H[0] = 0x6a09e667; H[1] = 0xbb67ae85; H[2] = 0x3c6ef372; H[3] = 0xa54ff53a;
  H[4] = 0x510e527f; H[5] = 0x9b05688c; H[6] = 0x1f83d9ab; H[7] = 0x5be0cd19;
  compress(n >> 2);
  let out = '';
  for (let i = 0; i < 8; i++) {
    const v = H[i];
    out += HEX[(v >>> 24) & 255] + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];
  }
  return out;
}

/** SHA-256 of the UTF-8 encoding of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  return digest(text, '');
}

/** One link: the hash of an event is SHA-256 over the previous hash (hex text) followed by the event's exact text. */
export function chainHash(prevHash: string, body: string): string {
  return digest(prevHash, body);
}

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
export type ChainBreakReason = 'hash_mismatch' | 'prev_mismatch' | 'head_mismatch' | 'malformed_body' | 'column_mismatch' | 'rewritten';
export const CHAIN_BREAK_REASONS = [
  'hash_mismatch', 'prev_mismatch', 'head_mismatch', 'malformed_body', 'column_mismatch', 'rewritten',
] as const satisfies readonly ChainBreakReason[];

export type ChainBreak = { seq: number; reason: ChainBreakReason };

/**
 * Checks links in sequence order, fed page by page so a store can stream its
 * whole log through it. The first break is kept; later links are not judged.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
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
    if (chainHash(this.prev, link.body) !== link.hash) {
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
