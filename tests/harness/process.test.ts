// The harness as a process: the bundled entry point, its flags, the line it
// prints when ready, /health, and a clean exit on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'node_modules/.cache/kabyl-tests', `harness-${process.pid}.cjs`);

describe('node harness.cjs', () => {
  let dataDir: string;

  beforeAll(async () => {
    await build({
      entryPoints: [path.join(root, 'main/harness/index.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: [
        'electron',
        'sqlite3',
        'typeorm',
        'exceljs',
        'reflect-metadata',
        '@node-rs/argon2',
      ],
      logLevel: 'error',
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-harness-proc-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(bundle, { force: true });
  });

  it('prints its 127.0.0.1 URL when ready, answers /health, and exits cleanly on SIGTERM', async () => {
    // --store real on an empty folder: nothing to build, the app waits for the first-start choice.
    const child = spawn(
      process.execPath,
      [bundle, '--store', 'real', '--data-dir', dataDir, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Kabyl harness: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`harness exited ${code}`)));
    });
    const health = await fetch(`${url}health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses bad flags with a message naming them, exit 2', () => {
    for (const [args, text] of [
      [['--port', 'eighty'], '--port'],
      [['--store', 'both'], '--store'],
      [['--verbose'], 'unknown flag --verbose'],
    ] as const) {
      const r = spawnSync(process.execPath, [bundle, ...args, '--data-dir', dataDir], {
        encoding: 'utf8',
        env: { ...process.env, KABYL_PORT: '' },
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(text);
      expect(r.stdout).toBe('');
    }
  });
});
