// A harness of the spec's own, on a fresh data dir (its own demo district), for
// specs that change what other specs rely on: moving the demo's clock to the
// documents window, say. The shared harness of playwright.config.ts stays as the
// other specs expect it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

export interface PrivateHarness {
  url: string;
  /** its data folder (the store files), for specs that tamper with them */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * `env`: extra environment for the harness, e.g. KABYL_DEMO_WAITLIST=1 for a demo district with waitlists;
 * `args`: extra flags, e.g. `--store real` for a first start with no district at all.
 */
export async function startPrivateHarness(
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<PrivateHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-e2e-private-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'dist/harness.cjs'), '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`private harness did not start: ${out}`)),
      180_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Kabyl harness: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`private harness exited with ${code}: ${out}`));
    });
  });
  return {
    url,
    dataDir,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
