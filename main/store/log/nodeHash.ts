// The hash chain's link function (shared/log/hashChain.ts defines it) on Node's
// native SHA-256: the writer hashes every event it stores and the audit verifies
// every link, so the one-shot native digest is what both use.
import * as crypto from 'node:crypto';
import type { LinkHash } from '../../../shared/log/hashChain';

type OneShot = (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string;
// crypto.hash (Node >= 20.12) skips the Hash object; older runtimes fall back to createHash.
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

export const nodeChainHash: LinkHash = (prevHash, body) => {
  if (oneShot) return oneShot('sha256', prevHash + body, 'hex');
  return crypto
    .createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
};

/** prev hash + body bytes, assembled here so the digest reads one buffer and no string is encoded */
let input = Buffer.allocUnsafe(4096);

/** nodeChainHash for a body given as its UTF-8 bytes (what an import reads from the file). */
export function nodeChainHashBytes(prevHash: string, body: Uint8Array): string {
  const need = prevHash.length + body.length;
  if (need > input.length) input = Buffer.allocUnsafe(Math.max(need, input.length * 2));
  // Hashes are hex: one byte per character.
  const head = input.write(prevHash, 0, 'latin1');
  input.set(body, head);
  if (oneShot) return oneShot('sha256', input.subarray(0, head + body.length), 'hex');
  return crypto
    .createHash('sha256')
    .update(input.subarray(0, head + body.length))
    .digest('hex');
}
