// One-time enrolment codes and device tokens: random, shown once, stored only as hashes.
import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: a code read over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `7KQ2-M9XD-4HTB-PW3C`: 80 random bits in four groups, for an officer to type once. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[bytes[i] & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** What the officer typed, in the form the code was hashed in: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return bare.match(/.{1,4}/g)?.join('-') ?? '';
}

export function newToken(): string {
  return `kbt_${randomBytes(32).toString('base64url')}`;
}

export function newDeviceId(): string {
  return `dev_${randomBytes(9).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
