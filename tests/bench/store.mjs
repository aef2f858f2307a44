// npm run bench:store — import the republic-sized log into a fresh store (events,
// hash chain, engine, projections, indexes) against the floor of writing the same
// events as plain rows (tests/bench/storeFloor.ts: the store's page size, pragmas,
// reader and packed-row statements). Target: the import <= 3x the floor, wall
// time, median of the rounds. Also prints the start-up figures of the store just
// built: a reopened store's dashboard queries, and restoring the engine.
//
//   KABYL_BENCH_LOG=FILE   use this log (default: tests/bench/republicLog.mjs)
//   KABYL_BENCH_RUNS=N     floor/import rounds (default 5; the median ratio is gated)
//
// Each timed step runs in a fresh Node process after a disk sync, so none
// inherits another's heap or has its written-back pages flushed under it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Gate } from './gate.mjs';
import { median, republicLog, root } from './republicLog.mjs';

const require = createRequire(import.meta.url);
const TARGET = 3;

/** The store exactly as the CLI and the app bundle it, and the floor on the same SQL layer. */
async function loadLib(rebuild) {
  const out = path.join(root, 'dist/bench/store-lib.cjs');
  if (rebuild) await build({
    stdin: {
      contents: `export { openStore } from './main/store';\nexport { writeFloor } from './tests/bench/storeFloor';\n`,
      resolveDir: root,
      loader: 'ts',
    },
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

async function ingest(lib, log, dbFile) {
  const s = await lib.openStore({ file: dbFile });
  const r = await s.importFile(log);
  await s.close();
  return r;
}

const self = fileURLToPath(import.meta.url);
const dir = path.join(tmpdir(), 'kabyl-bench-store');
const files = { floor: path.join(dir, 'floor.sqlite'), ingest: path.join(dir, 'store.sqlite') };

// A child times one step and prints its figures as JSON.
if (process.argv[2] === '--step') {
  const [, , , step, log] = process.argv;
  // Loading the modules and deleting the last run's files are not part of either figure.
  const lib = await loadLib(false);
  fresh(files[step]);
  const r = await timed(() => (step === 'ingest' ? ingest(lib, log, files.ingest) : lib.writeFloor(log, files.floor)));
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

function measure(step, log) {
  spawnSync('sync');
  const options = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] };
  const r = spawnSync(process.execPath, [self, '--step', step, log], options);
  if (r.status !== 0) throw new Error(`the ${step} step failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const gate = new Gate('bench:store');
const log = republicLog();
const lib = await loadLib(true);
const runs = Math.max(1, Number(process.env.KABYL_BENCH_RUNS ?? 5));
mkdirSync(dir, { recursive: true });
gate.note('log', `${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);

const wall = [];
const cpu = [];
let imported;
let floorRows;
for (let i = 0; i < runs; i++) {
  const f = measure('floor', log);
  const s = measure('ingest', log);
  imported = s.value;
  floorRows = f.value;
  wall.push(s.wall / f.wall);
  cpu.push(s.cpu / f.cpu);
  console.log(`run ${i + 1}: floor ${f.wall.toFixed(2)} s wall, ${f.cpu.toFixed(2)} s CPU (${f.value} rows); ` +
    `store import ${s.wall.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU; ` +
    `ratio ${(s.wall / f.wall).toFixed(2)}x wall, ${(s.cpu / f.cpu).toFixed(2)}x CPU`);
}
const read = imported.eventsAdded + imported.duplicates;
if (floorRows !== read) throw new Error(`the floor wrote ${floorRows} rows but the store read ${read} events`);
gate.note('imported', `${imported.eventsAdded} events (${imported.refused} refused by the rules), ` +
  `${imported.duplicates} duplicates`);
gate.note('CPU ratio', `${median(cpu).toFixed(2)}x the floor's CPU time (all threads; no target, for context)`);

// Start-up: what a dashboard needs, from the projections, on the store just built.
const open = await timed(async () => {
  const s = await lib.openStore({ file: files.ingest });
  const [campaign, counts, streams, schools, events] =
    await Promise.all([s.campaign(), s.statusCounts(), s.streams(), s.schools(), s.eventCount()]);
  const applications = Object.values(counts).reduce((a, b) => a + b, 0);
  return { s, applications, streams: streams.length, schools: schools.length, events, year: campaign?.year };
});
const s = open.value.s;
gate.note('start-up', `open + dashboard queries ${(open.wall * 1000).toFixed(0)} ms ` +
  `(${open.value.applications} applications, ` +
  `${open.value.streams} streams, ${open.value.schools} schools, ${open.value.events} events)`);
const page = await timed(() => s.applications({ status: 'enrolled', sort: 'childName', limit: 100 }));
gate.note('registry page (status filter, sorted by name)',
  `${(page.wall * 1000).toFixed(0)} ms of ${page.value.total}`);
const warm = await timed(() => s.warmUp());
gate.note('engine restored in memory (background, before the first write)', `${warm.wall.toFixed(2)} s`);
const chain = await timed(() => s.verifyChain());
gate.note('hash chain verified', `${chain.wall.toFixed(2)} s (${chain.value.ok ? 'intact' : 'BROKEN'})`);
await s.close();
if (!chain.value.ok) throw new Error('the imported store\'s hash chain does not verify');

gate.check(`store import / floor, wall time, median of ${runs}`, median(wall), {
  max: TARGET, unit: 'x', detail: `rounds ${wall.map((r) => r.toFixed(2)).join(', ')}`,
});
gate.finish();
