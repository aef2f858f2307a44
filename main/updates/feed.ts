// The desktop's update check against the central server's feed, with the
// logic of electron-updater's generic provider (which needs Electron to run):
// read the platform's channel file (`latest.yml` on Windows) from the feed's
// base URL, check its shape, resolve each file's URL against that base, and
// offer an update only when the feed's version is newer (semver) than the
// app's. A download is kept only if its SHA-512 matches the feed's, exactly
// as electron-updater refuses a file whose checksum differs. The officer
// confirms before anything is installed (docs/sync.md, "Updates").
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { load } from 'js-yaml';
import semver from 'semver';

export interface UpdateFile {
  /** absolute, resolved against the feed's base URL */
  url: string;
  sha512: string;
  size: number | null;
}

export interface UpdateInfo {
  version: string;
  files: UpdateFile[];
  releaseDate: string | null;
  releaseNotes: string | null;
}

export type UpdateCheck = { available: false; latest: UpdateInfo } | { available: true; latest: UpdateInfo };

export class UpdateFeedError extends Error {}

/** electron-updater's channel file names: `latest` channel, per platform. */
export function channelFile(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return 'latest-linux.yml';
  return 'latest.yml';
}

/** The base URL with one trailing slash, so relative file names resolve inside it. */
function baseOf(feedUrl: string): URL {
  const u = new URL(feedUrl);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}

/** Parses a channel file as electron-updater does: YAML, a version, and files each with a sha512. */
export function parseUpdateInfo(text: string, feedUrl: string, source = 'latest.yml'): UpdateInfo {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw new UpdateFeedError(`${source} is not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object') throw new UpdateFeedError(`${source} is empty`);
  const d = doc as Record<string, unknown>;
  const version = typeof d.version === 'string' ? d.version : null;
  if (version === null || semver.valid(version) === null) {
    throw new UpdateFeedError(`${source}: version is missing or not a semantic version`);
  }
  // Older feeds give one file as `path` + `sha512` instead of `files`.
  const raw: unknown[] = Array.isArray(d.files)
    ? d.files
    : typeof d.path === 'string'
      ? [{ url: d.path, sha512: d.sha512 }]
      : [];
  if (raw.length === 0) throw new UpdateFeedError(`${source}: no files`);
  const base = baseOf(feedUrl);
  const files = raw.map((f, i): UpdateFile => {
    const file = (f ?? {}) as Record<string, unknown>;
    if (typeof file.url !== 'string' || file.url === '') throw new UpdateFeedError(`${source}: files[${i}].url is missing`);
    if (typeof file.sha512 !== 'string' || file.sha512 === '') {
      throw new UpdateFeedError(`${source}: files[${i}].sha512 is missing`);
    }
    return {
      url: new URL(file.url, base).toString(),
      sha512: file.sha512,
      size: typeof file.size === 'number' ? file.size : null,
    };
  });
  const date = d.releaseDate;
  return {
    version,
    files,
    releaseDate: typeof date === 'string' ? date : date instanceof Date ? date.toISOString() : null,
    releaseNotes: typeof d.releaseNotes === 'string' ? d.releaseNotes : null,
  };
}

/** Reads the feed and says whether it offers a version newer than `currentVersion`. */
export async function checkForUpdate(
  feedUrl: string,
  currentVersion: string,
  options: { platform?: NodeJS.Platform; fetch?: typeof fetch } = {},
): Promise<UpdateCheck> {
  const name = channelFile(options.platform);
  const url = new URL(name, baseOf(feedUrl));
  const res = await (options.fetch ?? fetch)(url, { headers: { 'cache-control': 'no-cache' } });
  if (!res.ok) throw new UpdateFeedError(`${url}: HTTP ${res.status}`);
  const latest = parseUpdateInfo(await res.text(), feedUrl, name);
  return { available: semver.gt(latest.version, currentVersion), latest };
}

/**
 * Downloads an update file into `dir` and returns its path. The bytes are
 * hashed as they arrive; a file whose SHA-512 or size differs from the feed's
 * is deleted and refused, so a half or altered installer is never kept.
 */
export async function downloadUpdate(file: UpdateFile, dir: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const res = await fetchFn(file.url);
  if (!res.ok || !res.body) throw new UpdateFeedError(`${file.url}: HTTP ${res.status}`);
  const name = decodeURIComponent(new URL(file.url).pathname.split('/').pop() ?? 'update');
  const target = path.join(dir, name);
  const partial = `${target}.partial`;
  const hash = createHash('sha512');
  let size = 0;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  try {
    await pipeline(body, createWriteStream(partial));
    const got = hash.digest('base64');
    if (got !== file.sha512) {
      throw new UpdateFeedError(`sha512 checksum mismatch, expected ${file.sha512}, got ${got}`);
    }
    if (file.size !== null && size !== file.size) {
      throw new UpdateFeedError(`size mismatch, expected ${file.size}, got ${size}`);
    }
    await rename(partial, target);
    return target;
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}
