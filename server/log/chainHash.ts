// The hash chain's link function (shared/log/hashChain.ts defines it) on Node's native
// SHA-256, for the server's own chains (the public proof). The app has its own in
// main/store/log/nodeHash.ts; the server never imports main/.
import { createHash } from 'node:crypto';
import type { LinkHash } from '../../shared/log/hashChain';

export const serverChainHash: LinkHash = (prevHash, body) =>
  createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
