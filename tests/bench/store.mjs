// npm run bench:store — import the republic-sized log into a fresh store (events,
// hash chain, engine, projections, indexes) against the floor of writing the same
// events as plain rows (tests/bench/storeFloor.ts: the store's page size, pragmas,
// reader and packed-row statements). Target: the import <= 3x the floor, wall
// time, median of the rounds. Also prints the start-up figures of the store just
// built: a reopened store's dashboard queries, and restoring the engine; and
// issue 13's waits against their targets: the first write after opening
// (<= 500 ms, the engine from its snapshot) and a what-if on the 200k store (<= 3 s).
//
//   KABYL_BENCH_LOG=FILE   use this log (default: tests/bench/republicLog.mjs)
//   KABYL_BENCH_RUNS=N     floor/import rounds (default 5; the median ratio is gated)
//
// Each timed step runs in a fresh Node process after a disk sync, so none
// inherits another's heap or has its written-back pages flushed under it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
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
  if (rebuild)
    await build({
      stdin: {
        contents: `export { openStore, runWhatIf } from './main/store';\nexport { writeFloor } from './tests/bench/storeFloor';\n`,
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
const storeFiles = (dir) => ({
  floor: path.join(dir, 'floor.sqlite'),
  ingest: path.join(dir, 'store.sqlite'),
});

// A child times one step and prints its figures as JSON.
if (process.argv[2] === '--step' && process.argv[3] === 'firstWrite') {
  // A reopened store's first write, in a process that has nothing warm: the
  // engine comes from the snapshot the import left beside the store (issue 13).
  const lib = await loadLib(false);
  const t = performance.now();
  const s = await lib.openStore({ file: storeFiles(process.argv[4]).ingest });
  const opened = performance.now();
  const at = (await s.campaign()).lastAt;
  const r = await s.append([
    {
      id: `bench-first-write-${Date.now()}`,
      type: 'application.withdrawn',
      at,
      actor: { role: 'district', id: 'bench' },
      data: { applicationId: 'bench-no-such-application' },
    },
  ]);
  const wrote = performance.now();
  const figures = {
    openMs: opened - t,
    writeMs: wrote - opened,
    restore: s.lastRestore,
    outcome: r.outcomes[0],
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
  await s.close();
  process.exit(0);
}
if (process.argv[2] === '--step') {
  const [, , , step, log, dir] = process.argv;
  const files = storeFiles(dir);
  // Loading the modules and deleting the last run's files are not part of either figure.
  const lib = await loadLib(false);
  fresh(files[step]);
  const r = await timed(() =>
    step === 'ingest' ? ingest(lib, log, files.ingest) : lib.writeFloor(log, files.floor),
  );
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

// A folder of this run's own: benches from other checkouts may run on the same machine.
const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-bench-store-'));
const files = storeFiles(dir);

function measure(step, log) {
  spawnSync('sync');
  const options = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] };
  const r = spawnSync(process.execPath, [self, '--step', step, log, dir], options);
  if (r.status !== 0) throw new Error(`the ${step} step failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const gate = new Gate('bench:store');
const log = republicLog();
const lib = await loadLib(true);
const runs = Math.max(1, Number(process.env.KABYL_BENCH_RUNS ?? 5));
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
  console.log(
    `run ${i + 1}: floor ${f.wall.toFixed(2)} s wall, ${f.cpu.toFixed(2)} s CPU (${f.value} rows); ` +
      `store import ${s.wall.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU; ` +
      `ratio ${(s.wall / f.wall).toFixed(2)}x wall, ${(s.cpu / f.cpu).toFixed(2)}x CPU`,
  );
}
const read = imported.eventsAdded + imported.duplicates;
if (floorRows !== read)
  throw new Error(`the floor wrote ${floorRows} rows but the store read ${read} events`);
gate.note(
  'imported',
  `${imported.eventsAdded} events (${imported.refused} refused by the rules), ` +
    `${imported.duplicates} duplicates`,
);
gate.note(
  'CPU ratio',
  `${median(cpu).toFixed(2)}x the floor's CPU time (all threads; no target, for context)`,
);

// Start-up: what a dashboard needs, from the projections, on the store just built.
const open = await timed(async () => {
  const s = await lib.openStore({ file: files.ingest });
  const [campaign, counts, streams, schools, events] = await Promise.all([
    s.campaign(),
    s.statusCounts(),
    s.streams(),
    s.schools(),
    s.eventCount(),
  ]);
  const applications = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    s,
    applications,
    streams: streams.length,
    schools: schools.length,
    events,
    year: campaign?.year,
  };
});
const s = open.value.s;
gate.note(
  'start-up',
  `open + dashboard queries ${(open.wall * 1000).toFixed(0)} ms ` +
    `(${open.value.applications} applications, ` +
    `${open.value.streams} streams, ${open.value.schools} schools, ${open.value.events} events)`,
);
const page = await timed(() =>
  s.applications({ status: 'enrolled', sort: 'childName', limit: 100 }),
);
gate.note(
  'registry page (status filter, sorted by name)',
  `${(page.wall * 1000).toFixed(0)} ms of ${page.value.total}`,
);
const warm = await timed(() => s.warmUp());
gate.note(
  'engine restored in memory (background, before the first write)',
  `${warm.wall.toFixed(2)} s (${JSON.stringify(s.lastRestore)})`,
);
const chain = await timed(() => s.verifyChain());
gate.note(
  'hash chain verified',
  `${chain.wall.toFixed(2)} s (${chain.value.ok ? 'intact' : 'BROKEN'})`,
);
await s.close();
if (!chain.value.ok) throw new Error("the imported store's hash chain does not verify");

// Issue 13's waits: the first write after opening (a fresh process, the engine
// from the snapshot the import wrote) and a what-if on this 200k store.
spawnSync('sync');
const fw = spawnSync(process.execPath, [self, '--step', 'firstWrite', dir], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (fw.status !== 0) throw new Error(`the first-write step failed (exit ${fw.status})`);
const first = JSON.parse(fw.stdout.trim().split('\n').pop());
gate.check('first write after opening', first.writeMs, {
  max: 500,
  unit: 'ms',
  digits: 0,
  detail: `open ${first.openMs.toFixed(0)} ms; engine ${JSON.stringify(first.restore)}; ${first.outcome.outcome}`,
});
const raised = await (async () => {
  const s2 = await lib.openStore({ file: files.ingest });
  const rows = (await s2.streams()).filter((x) => x.occupied >= x.quota && x.quota > 0).slice(0, 5);
  await s2.close();
  return rows.map((x) => ({ schoolId: x.schoolId, language: x.language, seats: x.quota + 10 }));
})();
const whatIf = await timed(() => lib.runWhatIf(files.ingest, raised));
gate.check(`what-if, ${raised.length} full streams +10 seats (worker thread)`, whatIf.wall, {
  max: 3,
  unit: 's',
  detail: `${whatIf.value.events} events replayed, ${whatIf.value.result.changes.length} outcomes change`,
});

gate.check(`store import / floor, wall time, median of ${runs}`, median(wall), {
  max: TARGET,
  unit: 'x',
  detail: `rounds ${wall.map((r) => r.toFixed(2)).join(', ')}`,
});
rmSync(dir, { recursive: true, force: true });
gate.finish();
