// Secret tokens (session, one-time links): 256 random bits, shown once, kept only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newId = (prefix: string): string => `${prefix}${randomBytes(10).toString('hex')}`;
