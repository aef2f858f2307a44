// npm run bench:generator — `kabyl generate` of the republic-sized log
// (44 districts x 50 schools, 200,000 children). Prints the wall and CPU
// time, peak memory and the event count. Targets: about 400,000 events
// (+-15%), well under a minute, streaming (peak memory far below the log's size
// held twice).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Gate } from './gate.mjs';
import { MEASURE_HOOKS, REPUBLIC, bin } from './republicLog.mjs';

const runs = Number(process.env.KABYL_BENCH_RUNS ?? 1);
const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-bench-generate-'));
const file = path.join(dir, 'republic.jsonl');
const gate = new Gate('bench:generator');
for (let i = 0; i < runs; i++) {
  const args = [...MEASURE_HOOKS, bin, 'generate', ...REPUBLIC, '--out', file];
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`kabyl generate failed (exit ${r.status}): ${r.stderr}`);
  const peakMB = Number(/kabyl-peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const cpu = Number(/kabyl-cpu-ms=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  const events = countLines(file);
  const mb = statSync(file).size / 1e6;
  gate.note(
    `run ${i + 1}`,
    `${events} events, ${mb.toFixed(0)} MB, ${cpu.toFixed(1)} s CPU, ` +
      `peak memory ${peakMB.toFixed(0)} MB`,
  );
  // About 400,000 events, +-15%.
  gate.expect(
    `run ${i + 1}: event count within 340,000..460,000`,
    events >= 340_000 && events <= 460_000,
    `${events}`,
  );
  gate.check(`run ${i + 1}: kabyl generate, wall time`, wall, { max: 60, unit: 's', digits: 1 });
}
rmSync(dir, { recursive: true, force: true });
gate.finish();

function countLines(f) {
  const fd = openSync(f, 'r');
  const buf = Buffer.allocUnsafe(1 << 22);
  let n = 0;
  for (let read; (read = readSync(fd, buf, 0, buf.length, null)) > 0;) {
    for (let i = 0; i < read; i++) if (buf[i] === 10) n++;
  }
  closeSync(fd);
  return n;
}
