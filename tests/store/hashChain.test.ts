import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ChainVerifier, GENESIS_HASH, chainHash, sha256Hex } from '../../shared/log/hashChain';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('SHA-256 (pure TypeScript)', () => {
  it('gives the FIPS 180-2 known answers', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('hashes the UTF-8 bytes, Cyrillic, astral characters and lone surrogates included', () => {
    for (const s of ['Асанова Айпери Бакытовна', 'Үмүт Өмүрбеков ң', '😀 emoji', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d']) {
      expect(sha256Hex(s)).toBe(nodeSha(s));
    }
  });

  it('agrees with node:crypto on every block-boundary length and on arbitrary text', () => {
    for (let n = 0; n < 200; n++) expect(sha256Hex('x'.repeat(n))).toBe(nodeSha('x'.repeat(n)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256Hex(s) === nodeSha(s)), { numRuns: 500 });
  });

  it('chains: a link hashes the previous hash text followed by the body', () => {
    expect(chainHash(GENESIS_HASH, '{"id":"e1"}')).toBe(nodeSha(GENESIS_HASH + '{"id":"e1"}'));
    const long = 'Ж'.repeat(5000);
    expect(chainHash('abc', long)).toBe(nodeSha('abc' + long));
  });

  it('gives the same answers with its own UTF-8 encoder where TextEncoder is missing', async () => {
    const saved = globalThis.TextEncoder;
    vi.resetModules();
    // @ts-expect-error: simulating a runtime without TextEncoder
    delete globalThis.TextEncoder;
    try {
      const fresh = await import('../../shared/log/hashChain');
      for (const s of ['abc', 'Асанова Айпери', '😀 emoji', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', 'x'.repeat(130)]) {
        expect(fresh.sha256Hex(s)).toBe(nodeSha(s));
      }
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => fresh.sha256Hex(s) === nodeSha(s)), { numRuns: 300 });
    } finally {
      globalThis.TextEncoder = saved;
      vi.resetModules();
    }
  });
});

describe('ChainVerifier', () => {
  const build = (bodies: string[]) => {
    let prev = GENESIS_HASH;
    return bodies.map((body, i) => {
      const hash = chainHash(prev, body);
      const link = { seq: i + 1, body, hash };
      prev = hash;
      return link;
    });
  };
  const run = (links: ReturnType<typeof build>, head?: { seq: number; hash: string }) => {
    const v = new ChainVerifier();
    for (const l of links) v.push(l);
    return v.finish(head);
  };

  it('accepts an intact chain and its head', () => {
    const links = build(['a', 'b', 'c']);
    expect(run(links, { seq: 3, hash: links[2].hash })).toBeNull();
  });

  it('names the first changed event', () => {
    const links = build(['a', 'b', 'c', 'd']);
    links[1] = { ...links[1], body: 'B' };
    expect(run(links)).toEqual({ seq: 2, reason: 'hash_mismatch' });
  });

  it('names the event after a deleted one', () => {
    const links = build(['a', 'b', 'c', 'd']);
    links.splice(1, 1);
    expect(run(links)).toEqual({ seq: 3, reason: 'prev_mismatch' });
  });

  it('detects a deleted last event through the recorded head', () => {
    const links = build(['a', 'b', 'c']);
    const head = { seq: 3, hash: links[2].hash };
    expect(run(links.slice(0, 2), head)).toEqual({ seq: 3, reason: 'head_mismatch' });
  });
});

describe('the store\'s native link function', () => {
  it('computes exactly the shared chain hash', async () => {
    const { nodeChainHash } = await import('../../main/store/log/nodeHash');
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 80 }), (body, prev) => nodeChainHash(prev, body) === chainHash(prev, body)), { numRuns: 500 });
    expect(nodeChainHash(GENESIS_HASH, '{"id":"Ж😀"}')).toBe(chainHash(GENESIS_HASH, '{"id":"Ж😀"}'));
  });

  it('computes the same from the body\'s UTF-8 bytes, for bodies short and long', async () => {
    const { nodeChainHashBytes } = await import('../../main/store/log/nodeHash');
    const prev = chainHash(GENESIS_HASH, 'x');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (body) => nodeChainHashBytes(prev, Buffer.from(body, 'utf8')) === chainHash(prev, body)), { numRuns: 300 });
    const long = 'Ж'.repeat(5000);
    expect(nodeChainHashBytes(prev, Buffer.from(long, 'utf8'))).toBe(chainHash(prev, long));
    expect(nodeChainHashBytes(prev, Buffer.from('short', 'utf8'))).toBe(chainHash(prev, 'short'));
  });
});
