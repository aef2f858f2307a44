// The republic-sized campaign log every benchmark uses: 44 districts x 50
// schools, 200,000 children. Generated once with `kabyl generate` and cached
// in the system temp folder (or KABYL_BENCH_LOG), since generating it takes
// longer than most of what is measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(root, 'bin/kabyl.cjs');

/** `{ waitlist: true }`: the same republic with R16 waitlists on (its own cached file). */
export function republicLog({ waitlist = false } = {}) {
  const name = waitlist ? 'republic-seed1-waitlist.jsonl' : 'republic-seed1.jsonl';
  const own = waitlist ? process.env.KABYL_BENCH_WAITLIST_LOG : process.env.KABYL_BENCH_LOG;
  const file = own ?? path.join(tmpdir(), 'kabyl-bench', name);
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  console.log(`generating the republic-sized log into ${file} ...`);
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'generate', '--districts', '44', '--schools', '50', '--children', '200000', '--seed', '1', ...(waitlist ? ['--waitlist'] : []), '--out', file + '.part'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`kabyl generate failed with exit ${r.status}`);
  renameSync(file + '.part', file);
  console.log(`generated in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  return file;
}

/** Wall time in seconds of a command, and its peak resident memory in MB. */
export function timed(args, options = {}) {
  const rssHook = path.join(root, 'tests/bench/reportPeakMemory.cjs');
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', rssHook, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  const m = /kabyl-peak-rss-kb=(\d+)/.exec(r.stderr);
  return { seconds, peakMB: m ? Number(m[1]) / 1024 : NaN };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
