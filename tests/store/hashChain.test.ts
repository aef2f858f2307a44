import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeChainHash, nodeChainHashBytes } from '../../main/store/log/nodeHash';
import { ChainVerifier, GENESIS_HASH, type LinkHash } from '../../shared/log/hashChain';

const nodeSha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const chainHash = nodeChainHash;

describe('the chain link on node:crypto', () => {
  it('is SHA-256: the FIPS 180-2 known answers with an empty previous hash', () => {
    expect(nodeChainHash('', '')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(nodeChainHash('', 'abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(nodeChainHash('abcdbcdecdefdefgefghfghighijhijk', 'ijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(nodeChainHash('', 'a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes the UTF-8 bytes of the previous hash followed by the body, lone surrogates as U+FFFD', () => {
    const utf8 = (s: string) => Buffer.from(new TextEncoder().encode(s));
    for (const s of [
      'Асанова Айпери Бакытовна',
      'Үмүт Өмүрбеков ң',
      '😀 emoji',
      'lone \ud800 high',
      'lone \udc00 low',
      'end \ud83d',
    ]) {
      expect(nodeChainHash(GENESIS_HASH, s)).toBe(
        nodeSha(Buffer.concat([utf8(GENESIS_HASH), utf8(s)])),
      );
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
  const run = (
    links: ReturnType<typeof build>,
    head?: { seq: number; hash: string },
    linkHash: LinkHash = chainHash,
  ) => {
    const v = new ChainVerifier(linkHash);
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

  it('judges links with the hash function it is given', () => {
    const links = build(['a', 'b']);
    const other: LinkHash = (prev, body) => chainHash(prev, body + ' ');
    expect(run(links, undefined, other)).toEqual({ seq: 1, reason: 'hash_mismatch' });
  });
});

describe("the link from the body's UTF-8 bytes (what an import reads)", () => {
  it('computes the same as from the text, for bodies short and long', () => {
    const prev = chainHash(GENESIS_HASH, 'x');
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        (body) => nodeChainHashBytes(prev, Buffer.from(body, 'utf8')) === chainHash(prev, body),
      ),
      { numRuns: 300 },
    );
    const long = 'Ж'.repeat(5000);
    expect(nodeChainHashBytes(prev, Buffer.from(long, 'utf8'))).toBe(chainHash(prev, long));
    expect(nodeChainHashBytes(prev, Buffer.from('short', 'utf8'))).toBe(chainHash(prev, 'short'));
  });
});
