// npm run bench:engine — `kabyl replay` on the republic-sized log against the
// floor of only parsing its lines. Target: replay <= 2x the floor, peak memory < 1 GB.
import { cpus, totalmem } from 'node:os';
import { statSync } from 'node:fs';
import { bin, median, republicLog, root } from './republicLog.mjs';
import { timed } from './republicLog.mjs';
import path from 'node:path';

const log = republicLog();
const runs = Number(process.env.KABYL_BENCH_RUNS ?? 3);
const lines = statSync(log).size;
console.log(`log: ${log} (${(lines / 1e6).toFixed(0)} MB)`);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

const floor = [], replay = [], peak = [];
for (let i = 0; i < runs; i++) {
  floor.push(timed([path.join(root, 'tests/bench/jsonFloor.cjs'), log]).seconds);
  const r = timed([bin, 'replay', log]);
  replay.push(r.seconds);
  peak.push(r.peakMB);
}
const f = median(floor), r = median(replay);
console.log(`JSON.parse floor:  ${f.toFixed(2)} s (median of ${runs})`);
console.log(`kabyl replay:      ${r.toFixed(2)} s (median of ${runs}), peak memory ${Math.max(...peak).toFixed(0)} MB`);
console.log(`ratio:             ${(r / f).toFixed(2)}x (target <= 2x, memory < 1024 MB)`);
if (r / f > 2 || Math.max(...peak) >= 1024) process.exitCode = 1;
