// Writes a release's channel file in electron-builder's format, for a centre
// that publishes an installer built elsewhere (or tests): the file's SHA-512
// in base64 and its size, as electron-updater checks them.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { channelFile } from './feed';

export function sha512Base64(file: string): string {
  return createHash('sha512').update(readFileSync(file)).digest('base64');
}

/** Writes `latest.yml` (or the platform's channel file) next to `installer`; returns its path. */
export function writeChannelFile(
  installer: string,
  version: string,
  releaseDate: Date,
  platform: NodeJS.Platform = 'win32',
): string {
  const name = path.basename(installer);
  const sha512 = sha512Base64(installer);
  const text = dump({
    version,
    files: [{ url: name, sha512, size: statSync(installer).size }],
    path: name,
    sha512,
    releaseDate: releaseDate.toISOString(),
  });
  const out = path.join(path.dirname(installer), channelFile(platform));
  writeFileSync(out, text);
  return out;
}
