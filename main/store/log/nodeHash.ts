// The hash chain's link function on Node's native SHA-256. It computes exactly
// what shared/log/hashChain.ts defines (tests/store/hashChain.test.ts checks the
// two agree); the store uses it because an import hashes every event it writes,
// and the one-shot native digest costs about a fifth of the pure-TS one.
import * as crypto from 'node:crypto';

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
// crypto.hash (Node >= 20.12) skips the Hash object; older runtimes fall back to createHash.
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

export function nodeChainHash(prevHash: string, body: string): string {
  if (oneShot) return oneShot('sha256', prevHash + body, 'hex');
  return crypto.createHash('sha256').update(prevHash + body, 'utf8').digest('hex');
}
