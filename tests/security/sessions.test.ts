// Issue 12, item 10, with an injected clock on a real SQLite district: sessions end
// when idle (30 min by default, configurable), at their absolute lifetime, when the
// user signs out anywhere, and when there are too many.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SESSION_POLICY,
  Sessions,
  sessionPolicyFromEnv,
  type Session,
} from '../../main/auth/session';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';

const MIN = 60_000;

describe('session lifetime', () => {
  let f: DistrictFixture;
  let clock = Date.parse('2026-07-10T09:00:00+06:00');
  const dashboard = (s: Session) => f.call('dashboard.get', {}, s);

  beforeAll(async () => {
    f = await districtFixture(undefined, { now: () => clock });
  });
  afterAll(() => f?.close());

  it('defaults: 30 minutes idle, a working day at most', () => {
    expect(DEFAULT_SESSION_POLICY.idleMs).toBe(30 * MIN);
    expect(DEFAULT_SESSION_POLICY.absoluteMs).toBe(12 * 60 * MIN);
    expect(f.app.sessions.policy).toEqual(DEFAULT_SESSION_POLICY);
  });

  it('ends after 30 idle minutes: the next call is unauthenticated and session.get shows nobody', async () => {
    const s = await f.signedIn('officer');
    clock += 29 * MIN;
    expect((await dashboard(s)).ok).toBe(true);
    clock += 29 * MIN; // active 29 minutes ago: still alive
    expect((await dashboard(s)).ok).toBe(true);
    clock += 30 * MIN;
    expect(await dashboard(s)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await f.call('session.get', {}, s)).toMatchObject({ ok: true, value: { user: null } });
    expect(s.ended).toBe('idle');
  });

  it('ends at its absolute lifetime however active it is', async () => {
    const s = await f.signedIn('commission');
    for (let elapsed = 0; elapsed < 12 * 60 * MIN - 20 * MIN; elapsed += 20 * MIN) {
      clock += 20 * MIN;
      expect((await dashboard(s)).ok, `after ${elapsed / MIN} min`).toBe(true);
    }
    clock += 20 * MIN;
    expect(await dashboard(s)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(s.ended).toBe('lifetime');
  });

  it("sign-out ends the user's sessions everywhere, and nobody else's", async () => {
    const [a, b, c] = [
      await f.signedIn('officer'),
      await f.signedIn('officer'),
      await f.signedIn('officer'),
    ];
    const director = await f.signedIn('director');
    expect((await f.call('auth.signOut', {}, b)).ok).toBe(true);
    for (const s of [a, b, c])
      expect(await dashboard(s)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await dashboard(director)).ok).toBe(true);
  });

  it(`a user holds at most ${DEFAULT_SESSION_POLICY.perUser} sessions: the oldest ends`, async () => {
    const sessions: Session[] = [];
    for (let i = 0; i <= DEFAULT_SESSION_POLICY.perUser; i++) {
      sessions.push(await f.signedIn('director'));
      clock += 1000;
    }
    expect(await dashboard(sessions[0])).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(sessions[0].ended).toBe('too_many');
    for (const s of sessions.slice(1)) expect((await dashboard(s)).ok).toBe(true);
  });
});

describe('session bounds and configuration', () => {
  it('the idle timeout is configurable', async () => {
    let clock = 0;
    const f = await districtFixture(undefined, {
      now: () => clock,
      sessionPolicy: { ...DEFAULT_SESSION_POLICY, idleMs: 5 * MIN },
    });
    try {
      const s = await f.signedIn('officer');
      clock += 5 * MIN + 1;
      expect(await f.call('dashboard.get', {}, s)).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    } finally {
      await f.close();
    }
  });

  it('KABYL_SESSION_IDLE_MINUTES sets it; a bad value is refused by name', () => {
    expect(sessionPolicyFromEnv({}).idleMs).toBe(30 * MIN);
    expect(sessionPolicyFromEnv({ KABYL_SESSION_IDLE_MINUTES: '10' }).idleMs).toBe(10 * MIN);
    expect(() => sessionPolicyFromEnv({ KABYL_SESSION_IDLE_MINUTES: '0' })).toThrow(
      /KABYL_SESSION_IDLE_MINUTES/,
    );
    expect(() => sessionPolicyFromEnv({ KABYL_SESSION_IDLE_MINUTES: 'ten' })).toThrow(
      /KABYL_SESSION_IDLE_MINUTES/,
    );
  });

  it('the number of callers is bounded: anonymous ones go first, then the least recently used', () => {
    let clock = 0;
    const sessions = new Sessions(() => clock, { ...DEFAULT_SESSION_POLICY, maxCallers: 10 });
    const user = (n: number) => ({
      userId: String(n),
      username: `u${n}`,
      displayName: 'U',
      role: 'district' as const,
      schoolId: null,
      schoolName: null,
    });
    const signedIn = Array.from({ length: 5 }, (_, i) => {
      const s = sessions.get(`signed-${i}`);
      sessions.signIn(s, user(i));
      clock++;
      return s;
    });
    for (let i = 0; i < 1000; i++) sessions.get(`anonymous-${i}`);
    expect(sessions.size).toBe(10);
    expect(signedIn.every((s) => s.user !== null)).toBe(true);
    for (let i = 0; i < 10; i++) {
      const s = sessions.get(`late-${i}`);
      sessions.signIn(s, user(100 + i));
    }
    expect(sessions.size).toBe(10);
    expect(signedIn.every((s) => s.user === null && s.ended === 'too_many')).toBe(true);
    expect(sessions.signedInCount).toBe(10);
  });
});
