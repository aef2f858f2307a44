// npm run bench:engine — `kabyl replay` on the republic-sized log against the
// floor of only parsing its lines (tests/bench/jsonFloor.cjs), with R16 waitlists
// off and on (the same republic, generated with --waitlist). `kabyl replay`
// uses two threads (a validating reader and the engine), so it is compared two
// ways, both gated:
// - wall time against the floor given the same two threads (the file halved at
//   a line end, each half parsed by its own worker);
// - CPU time (user + system, all threads) against the floor's: the work done,
//   whatever the threads, and what other load on the machine disturbs least.
// Targets: replay <= 2x the floor both ways, peak memory < 1 GB.
//   KABYL_BENCH_RUNS=N  rounds (default 3; medians are gated)
import { statSync } from 'node:fs';
import path from 'node:path';
import { Gate } from './gate.mjs';
import { bin, median, republicLog, root, timed } from './republicLog.mjs';

const TARGET = 2;
const MEMORY_MB = 1024;
const THREADS = 2;

const gate = new Gate('bench:engine');
const runs = Math.max(1, Number(process.env.KABYL_BENCH_RUNS ?? 3));
const floorScript = path.join(root, 'tests/bench/jsonFloor.cjs');
const m = (list, key) => median(list.map((x) => x[key]));
const figures = (list) =>
  `${m(list, 'seconds').toFixed(2)} s wall, ${m(list, 'cpu').toFixed(2)} s CPU (median of ${runs})`;

for (const waitlist of [false, true]) {
  const log = republicLog({ waitlist });
  const tag = waitlist ? ' [waitlists on]' : '';
  gate.note(`log${tag}`, `${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);
  const floor1 = [];
  const floor2 = [];
  const replay = [];
  for (let i = 0; i < runs; i++) {
    floor1.push(timed([floorScript, log, '1']));
    floor2.push(timed([floorScript, log, String(THREADS)]));
    replay.push(timed([bin, 'replay', log]));
    const [a, b, r] = [floor1[i], floor2[i], replay[i]];
    console.log(
      `run ${i + 1}${tag}: floor 1 thread ${a.seconds.toFixed(2)} s wall ${a.cpu.toFixed(2)} s CPU; ` +
        `floor ${THREADS} threads ${b.seconds.toFixed(2)} s wall ${b.cpu.toFixed(2)} s CPU; ` +
        `replay ${r.seconds.toFixed(2)} s wall ${r.cpu.toFixed(2)} s CPU, peak ${r.peakMB.toFixed(0)} MB`,
    );
  }
  gate.note(`floor, 1 thread${tag}`, figures(floor1));
  gate.note(`floor, ${THREADS} threads${tag}`, figures(floor2));
  gate.note(`kabyl replay${tag}`, figures(replay));
  const oneThread = m(replay, 'seconds') / m(floor1, 'seconds');
  gate.note(
    `for context${tag}`,
    `replay wall / 1-thread floor wall ${oneThread.toFixed(2)}x (no target)`,
  );
  const wallRatio = median(replay.map((r, i) => r.seconds / floor2[i].seconds));
  gate.check(`replay / ${THREADS}-thread floor, wall time, median of ${runs}${tag}`, wallRatio, {
    max: TARGET,
    unit: 'x',
  });
  const cpuRatio = median(replay.map((r, i) => r.cpu / floor1[i].cpu));
  gate.check(`replay / floor, CPU time, median of ${runs}${tag}`, cpuRatio, {
    max: TARGET,
    unit: 'x',
  });
  gate.check(`replay peak memory${tag}`, Math.max(...replay.map((r) => r.peakMB)), {
    max: MEMORY_MB,
    unit: 'MB',
    digits: 0,
  });
}
gate.finish();
