// npm run bench:reports — the `applications` report (200k rows) of the
// republic-sized log, against the floor of exceljs's streaming writer writing
// the same rows as plain values (no styles, no shared strings), both in this one
// process and thread. Target: the report <= 1.5x the floor, wall time, median of
// KABYL_BENCH_RUNS rounds (default 3). The log: tests/bench/republicLog.mjs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Gate } from './gate.mjs';
import { bin, median, republicLog, root } from './republicLog.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require(path.join(root, 'node_modules/exceljs'));
const runs = Number(process.env.KABYL_BENCH_RUNS ?? 3);
// A folder of this run's own: benches from other checkouts may run on the same machine.
const out = mkdtempSync(path.join(tmpdir(), 'kabyl-bench-reports-'));

// The product code, bundled the way the CLI is (exceljs stays external).
const bundle = path.join(root, 'dist', 'bench-reports.cjs');
await build({
  stdin: {
    contents: `
      export { Replayer } from './shared/engine/replay';
      export { forEachLine } from './main/cli/readLines';
      export { buildReport } from './shared/reports/reports';
      export { tableCells, headerOf } from './shared/reports/table';
      export { writeReportXlsx } from './main/excel/writeReport';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  external: ['exceljs'],
  logLevel: 'warning',
});
const k = require(bundle);

const gate = new Gate('bench:reports');
const log = republicLog();
gate.note('log', `${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);

let t = now();
const replayer = new k.Replayer();
k.forEachLine(log, (line) => replayer.line(line));
replayer.finish();
console.log(
  `replay: ${seconds(t).toFixed(2)} s, ${replayer.engine.applications.size} applications`,
);

// The floor's input: the report's own rows, already rendered to plain cell values.
const table = k.buildReport('applications', replayer.engine);
const header = table.columns.map((c) => k.headerOf(c, 'ru'));
const plainRows = [...k.tableCells(table, 'ru')];

const floor = [];
const report = [];
for (let i = 0; i < runs; i++) {
  floor.push(await timeFloor());
  report.push(await timeReport());
}
const f = median(floor);
const r = median(report);
const list = (v) => v.map((x) => x.toFixed(2)).join(', ');
gate.note('rows', String(table.rows.length));
gate.note(
  'floor (streaming writer, plain values)',
  `${f.toFixed(2)} s (median of ${runs}: ${list(floor)})`,
);
gate.note(
  'applications report (build + write)',
  `${r.toFixed(2)} s (median of ${runs}: ${list(report)})`,
);
const cliOut = path.join(out, 'cli.xlsx');
const cliArgs = [bin, 'report', 'applications', log, '--out', cliOut, '--lang', 'ru'];
const cli = spawnSync(process.execPath, cliArgs, { encoding: 'utf8' });
if (cli.status !== 0) throw new Error(cli.stderr);
gate.note(
  'whole CLI run, replay included',
  `kabyl report applications -> ${(statSync(cliOut).size / 1e6).toFixed(1)} MB`,
);
gate.check(`report / floor, wall time, median of ${runs}`, r / f, { max: 1.5, unit: 'x' });
rmSync(out, { recursive: true, force: true });
gate.finish();

async function timeFloor() {
  const file = path.join(out, 'floor.xlsx');
  const start = now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('floor');
  ws.addRow(header).commit();
  for (const row of plainRows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  return seconds(start);
}

async function timeReport() {
  const file = path.join(out, 'report.xlsx');
  const start = now();
  let last = 0;
  const rows = k.buildReport('applications', replayer.engine);
  await k.writeReportXlsx(rows, file, {
    lang: 'ru',
    generatedAt: Date.now(),
    onProgress: (written) => (last = written),
  });
  if (last !== rows.rows.length)
    throw new Error(`progress ended at ${last} of ${rows.rows.length}`);
  return seconds(start);
}

function now() {
  return process.hrtime.bigint();
}
function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
