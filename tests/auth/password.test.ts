// scrypt password hashes: memory-hard parameters in the hash string, a fresh salt
// per hash, wrong passwords and tampered hashes refused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, hashPassword, verifyPassword } from '../../main/auth/password';

describe('password hashing', () => {
  it('encodes scrypt with N >= 2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const hash = await hashPassword('kabyl-officer');
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(DEFAULT_PARAMS.N).toBe(2 ** 15);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('kabyl-officer');
    expect(await verifyPassword('kabyl-officer', hash)).toBe(true);
    expect(await verifyPassword('kabyl-officer ', hash)).toBe(false);
    expect(await verifyPassword('Kabyl-officer', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats Unicode passwords by their NFC form (Kyrgyz and Russian keyboards)', async () => {
    const hash = await hashPassword('Ө\u0301ң-пароль');
    expect(await verifyPassword('Ө\u0301ң-пароль'.normalize('NFD'), hash)).toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const hash = await hashPassword('x');
    const parts = hash.split('$');
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', ['bcrypt', ...parts.slice(1)].join('$'))).toBe(false);
    expect(await verifyPassword('x', [...parts.slice(0, 5), Buffer.alloc(32).toString('base64')].join('$'))).toBe(false);
    // Parameters an attacker could use to make verification hang are refused outright.
    expect(await verifyPassword('x', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'))).toBe(false);
  });
});
