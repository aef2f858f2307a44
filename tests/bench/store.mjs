// npm run bench:store — ingest the republic-sized log into a fresh store (events,
// hash chain, engine, projections) against the floor of inserting the same events
// as plain rows (id, type, at, body) with raw sqlite3 in one transaction.
// Target: ingest <= 3x the floor. Also prints the start-up figures: a reopened
// store's dashboard queries, and restoring the engine in memory; and issue 13's
// waits with their targets: the first write after opening (<= 500 ms, in a fresh
// process, the engine from its snapshot) and a what-if on the 200k store (<= 3 s).
//
//   KABYL_BENCH_LOG=FILE   use this log (default /tmp/republic.jsonl, generated if missing)
//   KABYL_BENCH_RUNS=N     floor/ingest rounds to run (default 5; the median ratio is reported)
//
// Each timed step runs in a fresh Node process after a disk sync, so none
// inherits another's heap or has its written-back pages flushed under it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const sqlite3 = require('sqlite3');

function ensureLog() {
  const file = process.env.KABYL_BENCH_LOG ?? '/tmp/republic.jsonl';
  if (existsSync(file)) return file;
  console.log(`generating ${file} with kabyl generate ...`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin/kabyl.cjs'), 'generate', '--districts', '44', '--schools', '50', '--children', '200000', '--out', file + '.part'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`kabyl generate failed (exit ${r.status})`);
  renameSync(file + '.part', file);
  return file;
}

/** The store exactly as the CLI and the app bundle it (built once by the parent). */
async function loadStore(rebuild) {
  const out = path.join(root, 'dist/bench/store-lib.cjs');
  if (rebuild) await build({
    entryPoints: [path.join(root, 'main/store/index.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3', 'typeorm', 'electron'],
    logLevel: 'warning',
  });
  return require(out);
}

function fresh(file) {
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
}

/** Wall seconds and process CPU seconds (all threads: SQLite works on libuv's pool). */
async function timed(fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const cpu = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (cpu.user + cpu.system) / 1e6, value };
}

/** Feeds the file's lines to onLine, 1 MiB at a time, yielding after each chunk. */
async function* chunks(file, onLine) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      yield;
    }
    if (rest) onLine(rest);
  } finally {
    closeSync(fd);
  }
}

/**
 * The floor: the same lines as rows (id, type, at, body) in one transaction with
 * raw sqlite3, with the store's pragmas, in 500-row INSERTs kept in flight while
 * the next lines are parsed (the fastest of the ways we tried).
 */
async function floor(log, dbFile, pageSize) {
  const db = new sqlite3.Database(dbFile);
  const run = (sql, p = []) => new Promise((res, rej) => db.run(sql, p, (e) => (e ? rej(e) : res())));
  if (pageSize) await run(`PRAGMA page_size = ${pageSize}`);
  for (const p of ['journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536']) await run(`PRAGMA ${p}`);
  await run('CREATE TABLE event (id TEXT PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)');
  await run('BEGIN');
  const full = 'INSERT INTO event (id, type, at, body) VALUES ' + new Array(500).fill('(?,?,?,?)').join(',');
  let params = [];
  let pending = [];
  let rows = 0;
  const onLine = (line) => {
    if (line.trim() === '') return;
    const e = JSON.parse(line);
    params.push(e.id, e.type, e.at, line);
    rows++;
    if (params.length === 2000) {
      pending.push(run(full, params));
      params = [];
    }
  };
  // Read chunk by chunk as the store does, letting SQLite drain between chunks.
  for await (const _ of chunks(log, onLine)) {
    while (pending.length > 6) await pending.shift();
  }
  if (params.length) pending.push(run('INSERT INTO event (id, type, at, body) VALUES ' + new Array(params.length / 4).fill('(?,?,?,?)').join(','), params));
  await Promise.all(pending);
  await run('COMMIT');
  await new Promise((r) => db.close(r));
  return rows;
}

async function ingest(store, log, dbFile) {
  const s = await store.openStore({ file: dbFile });
  const r = await s.importFile(log);
  await s.close();
  return r;
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const self = fileURLToPath(import.meta.url);
const dir = path.join(tmpdir(), 'kabyl-bench-store');
const floorDb = path.join(dir, 'floor.sqlite');
const storeDb = path.join(dir, 'store.sqlite');

// A child times one step and prints its figures as JSON.
const step = process.argv[2] === '--step' ? process.argv[3] : null;
if (step === 'firstWrite') {
  // A reopened store's first write, in a process that has nothing warm: the
  // engine comes from the snapshot the import left beside the store (issue 13).
  const store = await loadStore(false);
  const t = performance.now();
  const s = await store.openStore({ file: storeDb });
  const opened = performance.now();
  const at = (await s.campaign()).lastAt;
  const r = await s.append([{ id: `bench-first-write-${Date.now()}`, type: 'application.withdrawn', at, actor: { role: 'district', id: 'bench' }, data: { applicationId: 'bench-no-such-application' } }]);
  const wrote = performance.now();
  process.stdout.write(JSON.stringify({ openMs: opened - t, writeMs: wrote - opened, restore: s.lastRestore, outcome: r.outcomes[0] }) + '\n');
  await s.close();
  process.exit(0);
}
if (step !== null) {
  const log = process.argv[4];
  // Loading the modules and deleting the last run's files are not part of either figure.
  const store = step === 'ingest' ? await loadStore(false) : null;
  fresh(step === 'ingest' ? storeDb : floorDb);
  const r = step === 'ingest'
    ? await timed(() => ingest(store, log, storeDb))
    : await timed(() => floor(log, floorDb, step === 'floor16k' ? 16384 : undefined));
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

function measure(name, log) {
  spawnSync('sync');
  const r = spawnSync(process.execPath, [self, '--step', name, log], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`the ${name} step failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const log = ensureLog();
const store = await loadStore(true);
const runs = Math.max(1, Number(process.env.KABYL_BENCH_RUNS ?? 5));
mkdirSync(dir, { recursive: true });
console.log(`log: ${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

const ratios = [];
const ratios16k = [];
let imported;
for (let i = 0; i < runs; i++) {
  const f = measure('floor', log);
  const s = measure('ingest', log);
  // The store's files use 16 KiB pages; the floor above has SQLite's default. For
  // transparency, the floor with the store's page size too.
  const f16 = measure('floor16k', log);
  imported = s.value;
  ratios.push(s.wall / f.wall);
  ratios16k.push(s.wall / f16.wall);
  console.log(`run ${i + 1}: floor ${f.wall.toFixed(2)} s wall (${f.cpu.toFixed(2)} s CPU, ${f.value} rows); ` +
    `store ingest ${s.wall.toFixed(2)} s wall (${s.cpu.toFixed(2)} s CPU); ratio ${(s.wall / f.wall).toFixed(2)}x wall, ${(s.cpu / f.cpu).toFixed(2)}x CPU; ` +
    `floor with 16 KiB pages ${f16.wall.toFixed(2)} s wall (${f16.cpu.toFixed(2)} s CPU), ratio ${(s.wall / f16.wall).toFixed(2)}x`);
}
console.log(`ingested: ${imported.eventsAdded} events (${imported.refused} refused by the rules), ${imported.duplicates} duplicates`);

// Start-up: what a dashboard needs, from the projections, on the store just built.
const open = await timed(async () => {
  const s = await store.openStore({ file: storeDb });
  const [campaign, counts, streams, schools, events] = await Promise.all([s.campaign(), s.statusCounts(), s.streams(), s.schools(), s.eventCount()]);
  return { s, applications: Object.values(counts).reduce((a, b) => a + b, 0), streams: streams.length, schools: schools.length, events, year: campaign?.year };
});
const s = open.value.s;
console.log(`start-up: open + dashboard queries ${(open.wall * 1000).toFixed(0)} ms (${open.value.applications} applications, ${open.value.streams} streams, ${open.value.schools} schools, ${open.value.events} events)`);
const page = await timed(() => s.applications({ status: 'enrolled', sort: 'childName', limit: 100 }));
console.log(`registry page (status filter, sorted by name): ${(page.wall * 1000).toFixed(0)} ms of ${page.value.total}`);
const warm = await timed(() => s.warmUp());
console.log(`engine restored in memory (background, before the first write): ${warm.wall.toFixed(2)} s (${JSON.stringify(s.lastRestore)})`);
const chain = await timed(() => s.verifyChain());
console.log(`hash chain verified: ${chain.wall.toFixed(2)} s (${chain.value.ok ? 'intact' : 'BROKEN'})`);
await s.close();

// Issue 13's waits: the first write after opening, and a what-if on this 200k store.
spawnSync('sync');
const fw = spawnSync(process.execPath, [self, '--step', 'firstWrite'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (fw.status !== 0) throw new Error(`the first-write step failed (exit ${fw.status})`);
const first = JSON.parse(fw.stdout.trim().split('\n').pop());
const firstOk = first.writeMs <= 500;
console.log(`first write after opening: ${first.writeMs.toFixed(0)} ms (target <= 500 ms)${firstOk ? '' : ' MISSED'}; ` +
  `open ${first.openMs.toFixed(0)} ms; engine from ${JSON.stringify(first.restore)}; outcome ${first.outcome.outcome} ${first.outcome.refused ?? ''}`);
const full = await (async () => {
  const s2 = await store.openStore({ file: storeDb });
  const rows = (await s2.streams()).filter((x) => x.occupied >= x.quota && x.quota > 0).slice(0, 5);
  await s2.close();
  return rows.map((x) => ({ schoolId: x.schoolId, language: x.language, seats: x.quota + 10 }));
})();
const whatIf = await timed(() => store.runWhatIf(storeDb, full));
const whatIfOk = whatIf.wall <= 3;
console.log(`what-if (${full.length} full streams +10 seats, worker thread): ${whatIf.wall.toFixed(2)} s (target <= 3 s)${whatIfOk ? '' : ' MISSED'}; ` +
  `${whatIf.value.events} events replayed, ${whatIf.value.result.changes.length} outcomes change, ${whatIf.value.result.gained} newly placed`);

const ratio = median(ratios);
console.log(`ratio: ${ratio.toFixed(2)}x the floor (target <= 3x)${runs > 1 ? `, median of ${runs}` : ''}; ${median(ratios16k).toFixed(2)}x the floor given 16 KiB pages`);
if (ratio > 3 || !firstOk || !whatIfOk) process.exitCode = 1;
