// The hash chain's link function on Node's native SHA-256. It computes exactly
// what shared/log/hashChain.ts defines (tests/store/hashChain.test.ts checks the
// two agree); the store uses it because an import hashes every event it writes
// and the native digest is about three times cheaper than the pure-TS one.
import { createHash } from 'node:crypto';

export function nodeChainHash(prevHash: string, body: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(body, 'utf8').digest('hex');
}
