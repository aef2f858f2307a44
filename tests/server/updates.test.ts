// The update feed: the server serves electron-updater's generic feed from a
// folder; the desktop's check (main/updates) reads it as the generic provider
// does, offers only a newer version, and keeps a download only when its
// SHA-512 matches. All offline: the feed is this machine's own server.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  UpdateFeedError,
  checkForUpdate,
  downloadUpdate,
  parseUpdateInfo,
} from '../../main/updates/feed';
import { writeChannelFile } from '../../main/updates/latestYml';
import { type RunningServer, startServer } from '../../server/server';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

let db: TestDatabase;
let server: RunningServer;
let feed: string, downloads: string, installer: Buffer;
const NAME = 'Kabyl Setup 0.2.0.exe';

beforeAll(async () => {
  feed = mkdtempSync(path.join(os.tmpdir(), 'kabyl-feed-'));
  downloads = mkdtempSync(path.join(os.tmpdir(), 'kabyl-dl-'));
  installer = randomBytes(700_000);
  writeFileSync(path.join(feed, NAME), installer);
  writeChannelFile(path.join(feed, NAME), '0.2.0', new Date('2026-08-01T00:00:00Z'));
  db = await createTestDatabase();
  server = await startServer({ database: { url: db.url }, updatesDir: feed });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
  rmSync(feed, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

describe('the update feed', () => {
  it("serves latest.yml in electron-builder's shape, and the installer it names with that sha512", async () => {
    const res = await fetch(`${server.url}/updates/latest.yml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/yaml/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML read over HTTP; the expects check it
    const doc = load(await res.text()) as Record<string, any>;
    expect(Object.keys(doc).sort()).toEqual(['files', 'path', 'releaseDate', 'sha512', 'version']);
    expect(doc.version).toBe('0.2.0');
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0]).toMatchObject({ url: NAME, size: installer.length });
    expect(doc.path).toBe(NAME);
    const file = await fetch(`${server.url}/updates/${encodeURIComponent(doc.files[0].url)}`);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    const sha512 = createHash('sha512').update(bytes).digest('base64');
    expect(sha512).toBe(doc.files[0].sha512);
    expect(sha512).toBe(doc.sha512);
    expect(bytes.equals(installer)).toBe(true);
  });

  it('serves nothing outside the folder', async () => {
    // Sent as written: fetch() would resolve %2E%2E to '..' and ask for '/' instead.
    for (const p of ['..%2Fpackage.json', '.hidden', '%2E%2E', 'nope.exe']) {
      expect(await rawStatus(`${server.url}/updates/${p}`), p).toBe(404);
    }
  });

  it('the check offers 0.2.0 to 0.1.0 only, and the download is verified', async () => {
    const base = `${server.url}/updates`;
    const older = await checkForUpdate(base, '0.1.0', { platform: 'win32' });
    expect(older.available).toBe(true);
    expect(older.latest.version).toBe('0.2.0');
    expect(older.latest.files[0].url).toBe(`${server.url}/updates/${encodeURIComponent(NAME)}`);
    expect((await checkForUpdate(`${base}/`, '0.2.0', { platform: 'win32' })).available).toBe(
      false,
    );
    expect((await checkForUpdate(base, '0.3.0-beta.1', { platform: 'win32' })).available).toBe(
      false,
    );
    const saved = await downloadUpdate(older.latest.files[0], downloads);
    expect(readFileSync(saved).equals(installer)).toBe(true);
  });

  it('refuses a download whose sha512 differs, and keeps nothing of it', async () => {
    const yml = path.join(feed, 'latest.yml');
    const good = readFileSync(yml, 'utf8');
    const other = createHash('sha512').update('something else').digest('base64');
    writeFileSync(yml, good.split((load(good) as { sha512: string }).sha512).join(other));
    try {
      const check = await checkForUpdate(`${server.url}/updates`, '0.1.0', { platform: 'win32' });
      expect(check.latest.files[0].sha512).toBe(other);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-dl-bad-'));
      await expect(downloadUpdate(check.latest.files[0], dir)).rejects.toThrow(
        /sha512 checksum mismatch/,
      );
      expect(readdirSync(dir)).toEqual([]);
      rmSync(dir, { recursive: true });
    } finally {
      writeFileSync(yml, good);
    }
  });

  it('names what is wrong with a malformed feed', () => {
    const base = 'http://centre.example/updates';
    expect(() => parseUpdateInfo('version: 1.0.0\nfiles: []\n', base)).toThrow(/no files/);
    expect(() => parseUpdateInfo('version: 1.0.0\nfiles:\n  - url: a.exe\n', base)).toThrow(
      /files\[0\]\.sha512/,
    );
    expect(() => parseUpdateInfo('files:\n  - url: a.exe\n    sha512: x\n', base)).toThrow(
      /version/,
    );
    expect(() => parseUpdateInfo(': : :', base)).toThrow(UpdateFeedError);
    // The legacy single-file form, resolved against the base.
    const info = parseUpdateInfo('version: 1.0.0\npath: a b.exe\nsha512: x\n', base);
    expect(info.files).toEqual([
      { url: 'http://centre.example/updates/a%20b.exe', sha512: 'x', size: null },
    ]);
  });
});

/** The status of a GET whose path goes out byte for byte, without URL normalisation. */
function rawStatus(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const rawPath = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
