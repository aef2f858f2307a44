// The server serves the portal at `/`: every portal path gets index.html (an e-mailed
// link opens its page), assets go precompressed with long caching, and the API prefixes
// keep their JSON answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/server';

let dir: string;
let server: RunningServer;
const PAGE = '<!doctype html><html><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("portal");'.repeat(20);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-portal-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), PAGE);
  writeFileSync(path.join(dir, 'assets/index-abc123.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
  server = await startServer({ database: { memory: true }, portalRoot: dir });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the portal at /', () => {
  it('answers the root and every portal path with index.html, revalidated each time', async () => {
    for (const p of [
      '/',
      '/cabinet',
      '/password?token=abcdefghijklmnopqrstuvwxyz',
      '/applications/7',
    ]) {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), p).toBe('no-cache');
      expect(await res.text(), p).toBe(PAGE);
    }
  });

  it('sends hashed assets precompressed and cached for a year', async () => {
    const res = await fetch(`${server.url}/assets/index-abc123.js`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe(SCRIPT); // fetch decodes the brotli body
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await fetch(`${server.url}/assets/index-gone.js`);
    expect(res.status).toBe(404);
  });

  it('leaves the sync API and the portal API their JSON 404s', async () => {
    for (const p of ['/v1/nothing', '/portal/api/v1/nothing']) {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type'), p).toMatch(/^application\/json/);
    }
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
  });

  it('does not answer a POST to a page path with the page', async () => {
    const res = await fetch(`${server.url}/cabinet`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
