// The harness's HTTP bridge is no open door: it listens on 127.0.0.1 only, wants
// the per-launch secret on every IPC call, pins Host and Origin, takes only JSON
// POSTs, answers no CORS preflight, and enforces roles through the same dispatcher.
// Runs the harness in this process on port 0, over a real SQLite district.
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../main/harness/bridge';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so tests can send any Host, Origin and header they like. */
function send(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    host?: string;
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        setHost: !options.headers?.Host,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('the harness bridge', () => {
  let f: DistrictFixture;
  let bridge: Bridge;
  let rendererDir: string;
  let port: number;
  let secret: string;

  const ipc = (
    channel: string,
    body: unknown,
    client: string,
    headers: Record<string, string> = {},
  ) =>
    send(port, {
      method: 'POST',
      path: `/ipc/${channel}`,
      headers: {
        'Content-Type': 'application/json',
        'X-Kabyl-Secret': secret,
        'X-Kabyl-Client': client,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    f = await districtFixture();
    rendererDir = await mkdtemp(path.join(tmpdir(), 'kabyl-renderer-'));
    await mkdir(path.join(rendererDir, 'assets'));
    await writeFile(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head><title>Kabyl</title></head><body><div id="root"></div></body></html>',
    );
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("kabyl")');
    bridge = await startBridge({
      dispatch: f.app.dispatch,
      sessions: f.app.sessions,
      rendererDir,
      port: 0,
    });
    port = bridge.port;
    secret = bridge.secret;
  });
  afterAll(async () => {
    await bridge?.close();
    await f?.close();
    if (rendererDir) await rm(rendererDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    const address = bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(bridge.url).toBe(`http://127.0.0.1:${port}/`);
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      await expect(
        send(port, {
          path: '/health',
          host: external.address,
          headers: { Host: `127.0.0.1:${port}` },
        }),
      ).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('answers /health without a secret and without data', async () => {
    const r = await send(port, { path: '/health' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
  });

  it('serves the page with the per-launch secret and the strict CSP', async () => {
    const r = await send(port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<head><meta name="kabyl-bridge" content="${secret}">`);
    const csp = String(r.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const asset = await send(port, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await send(port, { path: '/dashboard' })).body).toContain('kabyl-bridge');
    expect((await send(port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await send(port, { path: '/%E0%A4%A' })).status).toBe(400);
    const badChannel = await ipc('%E0%A4%A', {}, 'client-0001');
    expect(JSON.parse(badChannel.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const p of [
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2findex.html%00',
    ]) {
      const r = await send(port, { path: p });
      expect(r.body).not.toContain('"name"');
      expect(r.body).not.toContain('root:');
    }
  });

  it('refuses an IPC call without the secret, or with a wrong one: 403', async () => {
    const none = await send(port, {
      method: 'POST',
      path: '/ipc/session.get',
      headers: { 'Content-Type': 'application/json', 'X-Kabyl-Client': 'client-0001' },
      body: '{}',
    });
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await ipc('session.get', {}, 'client-0001', {
      'X-Kabyl-Secret': secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'),
    });
    expect(wrong.status).toBe(403);
    const longer = await ipc('session.get', {}, 'client-0001', { 'X-Kabyl-Secret': secret + 'x' });
    expect(longer.status).toBe(403);
    const right = await ipc('session.get', {}, 'client-0001');
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body)).toMatchObject({
      ok: true,
      value: { user: null, store: { kind: 'real' } },
    });
  });

  it('refuses a foreign Host on every request, the page included (DNS rebinding)', async () => {
    for (const host of [
      'evil.example:' + port,
      `127.0.0.1:${port + 1}`,
      'localhost',
      `kabyl.local:${port}`,
    ]) {
      expect((await send(port, { path: '/', headers: { Host: host } })).status).toBe(403);
      expect((await send(port, { path: '/health', headers: { Host: host } })).status).toBe(403);
      const r = await ipc('session.get', {}, 'client-0001', { Host: host });
      expect(r.status).toBe(403);
    }
    expect((await send(port, { path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(
      200,
    );
  });

  it('refuses a foreign Origin, and accepts its own', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port}`,
    ]) {
      const r = await ipc('session.get', {}, 'client-0001', { Origin: origin });
      expect(r.status, origin).toBe(403);
    }
    const own = await ipc('session.get', {}, 'client-0001', { Origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
  });

  it('takes only JSON POSTs and answers no CORS preflight', async () => {
    const form = await send(port, {
      method: 'POST',
      path: '/ipc/auth.signIn',
      headers: {
        'Content-Type': 'text/plain',
        'X-Kabyl-Secret': secret,
        'X-Kabyl-Client': 'client-0001',
      },
      body: JSON.stringify({ username: 'officer', password: 'officer-pass' }),
    });
    expect(form.status).toBe(415);
    const get = await send(port, {
      path: '/ipc/session.get',
      headers: { 'X-Kabyl-Secret': secret },
    });
    expect(get.status).toBe(405);
    const preflight = await send(port, {
      method: 'OPTIONS',
      path: '/ipc/session.get',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-kabyl-secret,content-type',
      },
    });
    expect(preflight.status).toBe(403);
    const ownPreflight = await send(port, { method: 'OPTIONS', path: '/ipc/session.get' });
    expect(ownPreflight.status).toBe(405);
    for (const r of [form, get, preflight, ownPreflight]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers bad JSON and a missing client id with invalid_request, not a crash', async () => {
    const bad = await send(port, {
      method: 'POST',
      path: '/ipc/auth.signIn',
      headers: {
        'Content-Type': 'application/json',
        'X-Kabyl-Secret': secret,
        'X-Kabyl-Client': 'client-0001',
      },
      body: '{"username": ',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const noClient = await send(port, {
      method: 'POST',
      path: '/ipc/session.get',
      headers: { 'Content-Type': 'application/json', 'X-Kabyl-Secret': secret },
      body: '{}',
    });
    expect(noClient.status).toBe(400);
    const unknown = await ipc('nope.channel', {}, 'client-0001');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a wrong-typed request gets invalid_request naming the field', async () => {
    const r = await ipc('auth.signIn', { username: ['officer'], password: 'x' }, 'client-0002');
    expect(r.status).toBe(200);
    const result = JSON.parse(r.body);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.message).toContain('username');
  });

  it('keeps a session per X-Kabyl-Client and enforces roles behind it', async () => {
    const director = 'client-director-1';
    const signIn = JSON.parse(
      (await ipc('auth.signIn', { username: 'director', password: 'director-pass' }, director))
        .body,
    );
    expect(signIn).toMatchObject({
      ok: true,
      value: { user: { role: 'director', schoolId: 'S1' } },
    });
    // Another client id is another caller: not signed in.
    const other = JSON.parse((await ipc('dashboard.get', {}, 'client-someone-else')).body);
    expect(other).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // A director cannot reach another school's data, nor officer-only channels.
    const s2 = JSON.parse((await ipc('dashboard.get', { schoolId: 'S2' }, director)).body);
    expect(s2).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const own = JSON.parse((await ipc('dashboard.get', {}, director)).body);
    expect(own).toMatchObject({
      ok: true,
      value: { scope: { schoolId: 'S1' }, totals: { applications: 2 } },
    });
    const schools = JSON.parse((await ipc('schools.list', {}, director)).body);
    expect(schools.value.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual(['S1']);
    const rebuild = JSON.parse((await ipc('store.rebuild', {}, director)).body);
    expect(rebuild).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses an oversized body without reading it all into the dispatcher', async () => {
    const r = await ipc(
      'import.upload',
      { name: 'x.jsonl', chunk: 'x'.repeat(13 * 1024 * 1024), done: true },
      'client-0003',
    );
    expect(r.status).toBe(413);
  });
});
