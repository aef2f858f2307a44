// npm run bench:engine — `kabyl replay` on the republic-sized log against the
// floor of only parsing its lines, with waitlists off and on. Target: replay <= 2x the floor, peak memory < 1 GB.
import { cpus, totalmem } from 'node:os';
import { statSync } from 'node:fs';
import { bin, median, republicLog, root, timed } from './republicLog.mjs';
import path from 'node:path';

const runs = Number(process.env.KABYL_BENCH_RUNS ?? 3);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

// The same republic twice: as the seed's rules have it, and with R16 waitlists on.
for (const waitlist of [false, true]) {
  const log = republicLog({ waitlist });
  console.log(`\nlog${waitlist ? ' (waitlists on)' : ''}: ${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);
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
}
