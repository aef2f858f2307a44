// Runs the real `kabyl` binary, the way users and the conformance checker do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function kabyl(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 28,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kabyl-cli-')), name);
  writeFileSync(file, content);
  return file;
}
