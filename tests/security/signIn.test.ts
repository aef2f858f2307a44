// Issue 12, item 9, on a real SQLite district: repeated wrong passwords wait before
// the next try (per username and per caller), the wait is said in seconds, legacy
// scrypt hashes become argon2id on the next sign-in, and a storm of sign-ins does
// not hold other calls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPasswordScrypt } from '../../main/auth/password';
import type { Session } from '../../main/auth/session';
import { DEFAULT_THROTTLE } from '../../main/auth/throttle';
import type { ApiError } from '../../shared/ipc/channel';
import { districtFixture, PASSWORDS, type DistrictFixture } from '../ipc/districtFixture';

describe('sign-in backoff', () => {
  let f: DistrictFixture;
  let clock = Date.parse('2026-07-10T09:00:00+06:00');
  const signIn = (username: string, password: string, s: Session) =>
    f.call('auth.signIn', { username, password }, s);
  /** A sign-in that must fail: its error. */
  const refused = (username: string, password: string, s: Session) =>
    f.fails('auth.signIn', { username, password }, s);

  beforeAll(async () => {
    f = await districtFixture(undefined, { now: () => clock });
  });
  afterAll(() => f?.close());

  it('40 wrong passwords, then the right one: refused with "try again in N s" until the wait is over', async () => {
    const s = f.caller();
    const answers: ApiError[] = [];
    for (let i = 0; i < 40; i++) answers.push(await refused('commission', `guess-${i}`, s));
    // The free tries answer "wrong password"; after them every try is refused unchecked.
    expect(answers.slice(0, DEFAULT_THROTTLE.freeFailures).map((a) => a.code)).toEqual([
      'unauthenticated',
      'unauthenticated',
      'unauthenticated',
    ]);
    expect(answers.at(-1)).toMatchObject({ code: 'refused', reason: 'too_many_attempts' });
    const right = await refused('commission', PASSWORDS.commission, s);
    expect(right).toMatchObject({ code: 'refused', reason: 'too_many_attempts' });
    const wait = right.retryAfterSeconds ?? 0;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(right.message).toContain(`try again in ${wait} s`);
    clock += wait * 1000;
    expect(await signIn('commission', PASSWORDS.commission, s)).toMatchObject({
      ok: true,
      value: { user: { username: 'commission' } },
    });
  });

  it('the wait doubles with each failure, up to the cap', async () => {
    const s = f.caller();
    const waits: number[] = [];
    for (let i = 0; i < DEFAULT_THROTTLE.freeFailures + 30; i++) {
      const e = await refused('nobody-at-all', 'x', s);
      if (e.code === 'refused') {
        const wait = e.retryAfterSeconds ?? 0;
        waits.push(wait);
        clock += wait * 1000; // wait it out, then fail again
      }
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...waits)).toBe(DEFAULT_THROTTLE.maxMs / 1000);
  });

  it('per username: other callers are held back too, and unknown usernames are throttled alike', async () => {
    for (let i = 0; i <= DEFAULT_THROTTLE.freeFailures; i++)
      await signIn('director', 'wrong', f.caller());
    const elsewhere = await signIn('director', PASSWORDS.director, f.caller());
    expect(elsewhere).toMatchObject({ ok: false, error: { reason: 'too_many_attempts' } });
    clock += DEFAULT_THROTTLE.maxMs;
    expect((await signIn('director', PASSWORDS.director, f.caller())).ok).toBe(true);
  });

  it('per caller: one window cycling through usernames is held back', async () => {
    const s = f.caller();
    for (let i = 0; i <= DEFAULT_THROTTLE.freeFailures; i++) await signIn(`user-${i}`, 'wrong', s);
    expect(await signIn('officer', PASSWORDS.officer, s)).toMatchObject({
      ok: false,
      error: { reason: 'too_many_attempts' },
    });
    // the officer is not locked out from another window
    expect((await signIn('officer', PASSWORDS.officer, f.caller())).ok).toBe(true);
    clock += DEFAULT_THROTTLE.maxMs;
  });

  it('a legacy scrypt hash becomes argon2id on the next successful sign-in', async () => {
    const store = f.app.store!;
    await store.addUser({
      username: 'legacy',
      displayName: 'Legacy Officer',
      role: 'district',
      schoolId: null,
      passwordHash: await hashPasswordScrypt('legacy-pass'),
    });
    expect((await store.findUser('legacy'))!.passwordHash.startsWith('scrypt$')).toBe(true);
    expect((await signIn('legacy', 'wrong-pass', f.caller())).ok).toBe(false);
    expect((await store.findUser('legacy'))!.passwordHash.startsWith('scrypt$')).toBe(true);
    expect((await signIn('legacy', 'legacy-pass', f.caller())).ok).toBe(true);
    const migrated = (await store.findUser('legacy'))!.passwordHash;
    expect(migrated.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect((await signIn('legacy', 'legacy-pass', f.caller())).ok).toBe(true);
    expect((await store.findUser('legacy'))!.passwordHash).toBe(migrated);
  });
});

describe('100 parallel sign-ins', () => {
  let f: DistrictFixture;
  beforeAll(async () => {
    f = await districtFixture();
  });
  afterAll(() => f?.close());

  it('other calls keep answering quickly while they hash', async () => {
    const reader = await f.signedIn('commission');
    const storm = Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        f.call(
          'auth.signIn',
          { username: 'officer', password: i % 2 ? PASSWORDS.officer : 'wrong' },
          f.caller(),
        ),
      ),
    );
    let stormDone = false;
    void storm.then(() => (stormDone = true));
    const latencies: number[] = [];
    while (!stormDone) {
      const t0 = performance.now();
      const r = await f.call('dashboard.get', {}, reader);
      latencies.push(performance.now() - t0);
      expect(r.ok).toBe(true);
      await new Promise((done) => setTimeout(done, 10));
    }
    const answers = await storm;
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0);
    expect(latencies.length).toBeGreaterThan(5);
    latencies.sort((a, b) => a - b);
    const worst = latencies.at(-1)!;
    console.log(
      `dashboard.get during 100 sign-ins: ${latencies.length} calls, median ${latencies[latencies.length >> 1].toFixed(0)} ms, worst ${worst.toFixed(0)} ms (shared machine)`,
    );
    // Issue 12 measured 2.9 s with scrypt in the shared pool; the gate keeps the store's threads free.
    expect(worst).toBeLessThan(500);
  }, 120_000);
});
