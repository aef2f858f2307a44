// Parents' passwords: argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), the
// parameters the desktop uses (main/auth/password.ts). The server has no legacy
// scrypt hashes to read, so only argon2id is here. Hashes run on libuv's pool, which
// the database driver and the file system share: a small gate keeps a flood of
// sign-ins queued behind itself instead of holding every other call back.
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id is an ambient const enum (not importable as a value): its value is 2. */
const ARGON2ID = 2 as Algorithm;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** at most this many hashes at once: the pool's other threads stay free */
const CONCURRENCY = 2;

let active = 0;
const waiting: (() => void)[] = [];

async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (active >= CONCURRENCY) await new Promise<void>((go) => waiting.push(go));
  active++;
  try {
    return await work();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

/** An argon2id PHC string: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. */
export function hashPassword(password: string): Promise<string> {
  return gated(() => argon2Hash(password.normalize('NFC'), PARAMS));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith('$argon2id$')) return Promise.resolve(false);
  return gated(() => argon2Verify(stored, password.normalize('NFC')).catch(() => false));
}
