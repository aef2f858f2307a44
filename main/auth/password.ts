// Password hashing. New hashes are argon2id (@node-rs/argon2, OWASP's minimum: 19 MiB,
// 2 passes, 1 lane), a memory-hard KDF: a stolen store copy costs an attacker ~19 MiB
// and tens of milliseconds per guess. Hashes written before that are scrypt
// (`scrypt$N$r$p$salt$key`); they still verify, and signIn replaces them with argon2id
// on the next successful sign-in (needsRehash).
//
// Both KDFs run on libuv's thread pool, the pool sqlite3 and the file system use too:
// measured, 100 parallel hashes held a file stat back ~3.9 s. So every hash and verify
// passes one gate, one at a time: the pool's other threads stay free for the store,
// and a flood of sign-ins queues behind itself instead of stalling every other call.
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Algorithm.Argon2id is an ambient const enum (not importable as a value here): its value is 2. */
const ARGON2ID = 2 as Algorithm;
export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Legacy scrypt parameters: what existing stores hold. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_PREFIX = 'scrypt';
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** Hashes allowed to run at once, and to wait: beyond the queue a sign-in is told to retry. */
const HASH_CONCURRENCY = 1;
export const HASH_QUEUE_MAX = 256;

class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export const hashGate = new Gate(HASH_CONCURRENCY);

function scryptDerive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  // scrypt needs 128*N*r bytes; Node's default cap (32 MiB) is exactly 2^15*8*128, so raise it.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** An argon2id PHC string: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. */
export function hashPassword(password: string): Promise<string> {
  return hashGate.run(() => argon2Hash(password.normalize('NFC'), ARGON2_PARAMS));
}

/** The legacy format, kept so tests can build a store as it was before argon2id. */
export async function hashPasswordScrypt(
  password: string,
  params = SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await hashGate.run(() => scryptDerive(password, salt, params.N, params.r, params.p));
  return [
    SCRYPT_PREFIX,
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export interface Verified {
  ok: boolean;
  /** the stored hash is not argon2id with today's parameters: replace it after a successful sign-in */
  needsRehash: boolean;
}

export async function checkPassword(password: string, stored: string): Promise<Verified> {
  if (stored.startsWith('$argon2id$')) {
    const ok = await hashGate.run(() =>
      argon2Verify(stored, password.normalize('NFC')).catch(() => false),
    );
    const current = stored.includes(
      `$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`,
    );
    return { ok, needsRehash: ok && !current };
  }
  return { ok: await verifyScrypt(password, stored), needsRehash: true };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCRYPT_PREFIX) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16)
    return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await hashGate.run(() => scryptDerive(password, salt, N, r, p));
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, verified against when the username is unknown so
 * "no such user" and "wrong password" take the same time.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
