// The republic-sized campaign log every benchmark uses (44 districts x 50
// schools, 200,000 children, seed 1), and the one place that finds it: the
// file named by KABYL_BENCH_LOG, else the cache in the system temp folder,
// generated there once with `kabyl generate` (which takes longer than most of
// what is measured). Benches import this; none has a default path of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(root, 'bin/kabyl.cjs');

/** The generator's arguments: what "the republic log" is. */
export const REPUBLIC = [
  '--districts',
  '44',
  '--schools',
  '50',
  '--children',
  '200000',
  '--seed',
  '1',
];
export const DEFAULT_LOG = path.join(tmpdir(), 'kabyl-bench', 'republic-seed1.jsonl');
export const DEFAULT_WAITLIST_LOG = path.join(
  tmpdir(),
  'kabyl-bench',
  'republic-seed1-waitlist.jsonl',
);

/**
 * The log's path: KABYL_BENCH_LOG (KABYL_BENCH_WAITLIST_LOG with `{ waitlist: true }`), which
 * must exist, else the cache, generated if missing. `{ waitlist: true }` is the same republic
 * with R16 waitlists on.
 */
export function republicLog({ waitlist = false } = {}) {
  const named = waitlist ? process.env.KABYL_BENCH_WAITLIST_LOG : process.env.KABYL_BENCH_LOG;
  if (named) {
    if (!existsSync(named))
      throw new Error(
        `${waitlist ? 'KABYL_BENCH_WAITLIST_LOG' : 'KABYL_BENCH_LOG'}=${named}: no such file`,
      );
    return named;
  }
  const file = waitlist ? DEFAULT_WAITLIST_LOG : DEFAULT_LOG;
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  console.log(`generating the republic-sized log into ${file} ...`);
  const t = process.hrtime.bigint();
  // Written to a part file of this process's own and renamed: an interrupted generation
  // never passes for the log, and two benches generating at once do not write one file.
  const part = `${file}.${process.pid}.part`;
  const args = [bin, 'generate', ...REPUBLIC, ...(waitlist ? ['--waitlist'] : []), '--out', part];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`kabyl generate failed with exit ${r.status}`);
  renameSync(part, file);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`generated in ${seconds.toFixed(1)} s, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  return file;
}

/** `node` options that make a child report its CPU time and peak memory on exit (parsed by timed()). */
export const MEASURE_HOOKS = ['reportPeakMemory.cjs', 'reportCpuTime.cjs'].flatMap((h) => [
  '--require',
  path.join(root, 'tests/bench', h),
]);

/**
 * Runs `node args...` to completion; returns its wall seconds, CPU seconds (user +
 * system, all threads) and peak resident memory in MB, reported by hooks preloaded
 * into the child.
 */
export function timed(args, options = {}) {
  const t = process.hrtime.bigint();
  const stdio = ['ignore', 'ignore', 'pipe'];
  const r = spawnSync(process.execPath, [...MEASURE_HOOKS, ...args], {
    stdio,
    encoding: 'utf8',
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  const rss = /kabyl-peak-rss-kb=(\d+)/.exec(r.stderr);
  const cpu = /kabyl-cpu-ms=(\d+)/.exec(r.stderr);
  return {
    seconds,
    cpu: cpu ? Number(cpu[1]) / 1000 : NaN,
    peakMB: rss ? Number(rss[1]) / 1024 : NaN,
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
