// Password hashes: argon2id for new hashes (parameters in the PHC string, a fresh
// salt per hash), legacy scrypt hashes still verified and flagged for rehashing,
// wrong passwords and tampered hashes refused.
import { describe, expect, it } from 'vitest';
import {
  ARGON2_PARAMS,
  SCRYPT_PARAMS,
  checkPassword,
  hashPassword,
  hashPasswordScrypt,
  verifyPassword,
} from '../../main/auth/password';

describe('password hashing', () => {
  it('encodes argon2id with 19 MiB, 2 passes, 1 lane (OWASP minimum) and a 16-byte salt', async () => {
    const hash = await hashPassword('kabyl-officer');
    const [, scheme, version, params, salt] = hash.split('$');
    expect(scheme).toBe('argon2id');
    expect(version).toBe('v=19');
    expect(params).toBe(
      `m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}`,
    );
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('kabyl-officer');
    expect(await verifyPassword('kabyl-officer', hash)).toBe(true);
    expect(await verifyPassword('kabyl-officer ', hash)).toBe(false);
    expect(await verifyPassword('Kabyl-officer', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await checkPassword('kabyl-officer', hash)).toEqual({ ok: true, needsRehash: false });
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

  it('still verifies a legacy scrypt hash, and asks for it to be replaced', async () => {
    const legacy = await hashPasswordScrypt('kabyl-officer');
    const [scheme, N, r, p] = legacy.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_PARAMS.N, 8, 1]);
    expect(await checkPassword('kabyl-officer', legacy)).toEqual({ ok: true, needsRehash: true });
    expect((await checkPassword('wrong', legacy)).ok).toBe(false);
  });

  it('asks to rehash an argon2id hash with weaker parameters than today', async () => {
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash('x', { ...ARGON2_PARAMS, memoryCost: 8192, timeCost: 1 });
    expect(await checkPassword('x', weak)).toEqual({ ok: true, needsRehash: true });
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const hash = await hashPassword('x');
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', hash.replace('argon2id', 'argon2xx'))).toBe(false);
    expect(await verifyPassword('x', hash.slice(0, -4) + 'AAAA')).toBe(false);
    expect(await verifyPassword('x', '$argon2id$v=19$m=19456,t=2,p=1$garbage')).toBe(false);
    const legacy = (await hashPasswordScrypt('x')).split('$');
    expect(await verifyPassword('x', ['bcrypt', ...legacy.slice(1)].join('$'))).toBe(false);
    expect(
      await verifyPassword(
        'x',
        [...legacy.slice(0, 5), Buffer.alloc(32).toString('base64')].join('$'),
      ),
    ).toBe(false);
    // Parameters an attacker could use to make verification hang are refused outright.
    expect(
      await verifyPassword('x', ['scrypt', 2 ** 30, 8, 1, legacy[4], legacy[5]].join('$')),
    ).toBe(false);
  });
});
