// npm run bench:server — the central server on real PostgreSQL (127.0.0.1:5432):
//   1. sequencer throughput with durable commits (synchronous_commit and fsync on),
//      the republic-sized log judged, appended and projected: target >= 20,000 decisions/s;
//   2. push round trip of 50 concurrent desktops over HTTP: target p99 <= 100 ms;
//   3. a fresh district's first sync (enrol, then pull its view to the head) on the
//      republic log: target <= 2 s.
// Exits 1 when a target is missed. Each step creates and drops its own database.
//
//   KABYL_BENCH_LOG=FILE     the republic log (default: generated once, see republicLog.mjs)
//   KABYL_BENCH_PUSHES=N     pushes per desktop in step 2 (default 100)
//   KABYL_BENCH_ONLY=first-sync   step 3 alone, on the small log (10 districts, 20,000 children)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { bin, republicLog, root } from './republicLog.mjs';

const log = republicLog();
const small = path.join(tmpdir(), 'kabyl-bench', 'server-small-seed3.jsonl');
if (!existsSync(small)) {
  mkdirSync(path.dirname(small), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [
      bin,
      'generate',
      '--districts',
      '10',
      '--schools',
      '10',
      '--children',
      '20000',
      '--seed',
      '3',
      '--until',
      '2026-07-10T00:00:00+06:00',
      '--out',
      small,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(2);
}
const out = path.join(tmpdir(), 'kabyl-bench', 'server-bench.cjs');
await build({
  entryPoints: [path.join(root, 'tests/bench/serverBench.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['pg', 'pg-native', '@electric-sql/pglite', 'fastify', 'pino'],
  nodePaths: [path.join(root, 'node_modules')],
  logLevel: 'warning',
});
console.log(
  `machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
    'figures taken while other work shares the machine vary from run to run',
);
const r = spawnSync(process.execPath, ['--max-old-space-size=4096', out], {
  stdio: 'inherit',
  env: {
    ...process.env,
    KABYL_ROOT: root,
    KABYL_BENCH_LOG: log,
    KABYL_BENCH_SMALL_LOG: small,
    NODE_PATH: path.join(root, 'node_modules'),
  },
});
process.exit(r.status ?? 2);
