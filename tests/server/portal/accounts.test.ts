// Accounts on real PostgreSQL over real HTTP, with mail read back from an
// in-process SMTP server: register, follow the link, set the password, sign
// in and out, recover by PIN, and the security properties around them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../../shared/portal/contract';
import { Client, type Harness, linkIn, registeredParent, startHarness } from './harness';

let h: Harness;
const PARENT = { pin: '11911198879926', email: 'dinara@example.kg' };

beforeAll(async () => {
  h = await startHarness({ until: '2026-04-20T00:00:00+06:00', now: '2026-04-20T10:00:00+06:00', rateLimit: 25 });
}, 60_000);
afterAll(async () => h?.close());

describe('registration and the one-time link', () => {
  it('registers, mails a link in the chosen language, and the link sets the password and signs in', async () => {
    const c = new Client(h.api);
    const r = await c.call('POST', '/register', {
      pin: PARENT.pin,
      email: PARENT.email,
      phone: '+996 (555) 12-34-56',
      language: 'ru',
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ status: 'sent' });
    const mail = await h.mail.waitFor(PARENT.email, /Задайте пароль/);
    const link = linkIn(mail);
    expect(link.startsWith(`${h.server.url}/password?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;

    const info = await c.call('GET', `/password/link?token=${encodeURIComponent(token)}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ purpose: 'register', email: 'd***@example.kg' });

    const set = await c.call('POST', '/password/set', { token, password: 'a good long password' });
    expect(set.status).toBe(200);
    expect(set.body.account).toMatchObject({ email: PARENT.email, phone: '+996555123456', language: 'ru' });
    const cookie = set.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await c.call('GET', '/session')).status).toBe(200);

    // The link works once.
    const again = await new Client(h.api).call('POST', '/password/set', { token, password: 'another long password' });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('link_invalid');
    // The hash is argon2id, never the password.
    const [row] = await h.server.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM portal_accounts WHERE pin = $1',
      [PARENT.pin],
    );
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('gives the same answer for a known address, and mails its owner instead of a second account', async () => {
    const before = h.mail.mails.length;
    const r = await new Client(h.api).call('POST', '/register', {
      pin: '21010199012345',
      email: PARENT.email.toUpperCase(),
      phone: '+996555000111',
      language: 'en',
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ status: 'sent' });
    await h.mail.waitFor(PARENT.email, /уже есть учётная запись/);
    expect(h.mail.mails.length).toBe(before + 1);
    const n = await h.server.db.query('SELECT 1 FROM portal_accounts');
    expect(n.length).toBe(1);
  });

  it('names every bad field: a 13-digit PIN, an e-mail without @, a bad phone, an unknown field', async () => {
    const r = await new Client(h.api).call('POST', '/register', {
      pin: '2150520190001',
      email: 'parent.example.kg',
      phone: '12',
      language: 'ky',
      password: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_request');
    const fields = Object.fromEntries(r.body.fields.map((f: { field: string; code: string }) => [f.field, f.code]));
    expect(fields).toEqual({
      pin: 'invalid_pin',
      email: 'invalid_email',
      phone: 'invalid_phone',
      password: 'invalid_value',
    });
    expect(await h.server.db.query('SELECT 1 FROM portal_accounts WHERE lower(email) = $1', ['parent.example.kg']))
      .toEqual([]);
  });
});

describe('sign-in, sessions, CSRF, headers', () => {
  it('signs in by e-mail or own PIN; a wrong password and an unknown login get the same answer', async () => {
    const c = new Client(h.api);
    const ok = await c.call('POST', '/sign-in', { login: PARENT.email, password: 'a good long password' });
    expect(ok.status).toBe(200);
    const byPin = await new Client(h.api).call('POST', '/sign-in', { login: PARENT.pin, password: 'a good long password' });
    expect(byPin.status).toBe(200);
    const wrong = await new Client(h.api).call('POST', '/sign-in', { login: PARENT.email, password: 'nope nope nope' });
    const unknown = await new Client(h.api).call('POST', '/sign-in', { login: 'x@y.kg', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);

    // CSRF: a state-changing request without the session's token is refused.
    const noCsrf = await fetch(`${h.api}/children`, {
      method: 'POST',
      headers: { cookie: `kabyl_portal_session=${c.cookie}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pin: '20606202006052' }),
    });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { error: string }).error).toBe('csrf');
    const badCsrf = await fetch(`${h.api}/sign-out`, {
      method: 'POST',
      headers: { cookie: `kabyl_portal_session=${c.cookie}`, [CSRF_HEADER]: 'forged' },
    });
    expect(badCsrf.status).toBe(403);

    // Helmet-like headers on every answer.
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');

    const out = await c.call('POST', '/sign-out');
    expect(out.status).toBe(204);
    expect((await c.call('GET', '/session')).status).toBe(401);
  });

});

describe('recovery by own PIN and e-mail', () => {
  it('mails a reset link for the right pair, the same answer and no mail for a wrong one', async () => {
    const before = h.mail.mails.length;
    const wrong = await new Client(h.api).call('POST', '/forgot-password', { pin: '21010199012345', email: PARENT.email });
    expect(wrong.status).toBe(202);
    const right = await new Client(h.api).call('POST', '/forgot-password', { pin: PARENT.pin, email: PARENT.email });
    expect(right.status).toBe(202);
    expect(right.body).toEqual(wrong.body);
    const mail = await h.mail.waitFor(PARENT.email, /Восстановление пароля/);
    expect(h.mail.mails.length).toBe(before + 1);
    const token = new URL(linkIn(mail)).searchParams.get('token')!;
    const c = new Client(h.api);
    expect((await c.call('POST', '/password/set', { token, password: 'a brand new password' })).status).toBe(200);
    const old = await new Client(h.api).call('POST', '/sign-in', { login: PARENT.email, password: 'a good long password' });
    expect(old.status).toBe(401);
  });

  it('a second parent registers through the helper', async () => {
    const c = await registeredParent(h, { pin: '11505198500011', email: 'second@example.kg' });
    expect((await c.call('GET', '/session')).body.account.email).toBe('second@example.kg');
  });
});

// Last: it uses up this IP's sign-in allowance.
describe('rate limits', () => {
  it('rate-limits sign-in with 429 and Retry-After', async () => {
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 30 && last !== 429; i++) {
      const r = await new Client(h.api).call('POST', '/sign-in', { login: 'x@y.kg', password: 'nope nope nope' });
      last = r.status;
      retryAfter = r.headers.get('retry-after');
      if (r.status === 429) expect(r.body.error).toBe('rate_limited');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  }, 60_000);
});
