// npm run bench:reports — the `applications` report (200k rows) of the
// republic-sized log, against the floor of exceljs's streaming writer writing
// the same rows as plain values (no styles, no shared strings). Target: the
// report <= 1.5x the floor.
//
// The log: $KABYL_BENCH_LOG, else /tmp/republic.jsonl, else the shared
// benchmark log (tests/bench/republicLog.mjs, made with `kabyl generate`), else,
// while no generator is built, a synthetic log of the same size made here.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/kabyl.cjs');
const require = createRequire(import.meta.url);
const ExcelJS = require(path.join(root, 'node_modules/exceljs'));
const runs = Number(process.env.KABYL_BENCH_RUNS ?? 3);
const out = path.join(tmpdir(), 'kabyl-bench-reports');
mkdirSync(out, { recursive: true });

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

const log = await findLog();
console.log(`log: ${log} (${(statSync(log).size / 1e6).toFixed(0)} MB)`);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

let t = now();
const replayer = new k.Replayer();
k.forEachLine(log, (line) => replayer.line(line));
replayer.finish();
console.log(`replay: ${seconds(t).toFixed(2)} s, ${replayer.engine.applications.size} applications`);

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
console.log(`rows: ${table.rows.length}`);
console.log(`floor (streaming writer, plain values): ${f.toFixed(2)} s (median of ${runs}: ${floor.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`applications report (build + write):   ${r.toFixed(2)} s (median of ${runs}: ${report.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`ratio: ${(r / f).toFixed(2)}x (target <= 1.5x)`);
const cli = spawnSync(process.execPath, [bin, 'report', 'applications', log, '--out', path.join(out, 'cli.xlsx'), '--lang', 'ru'], { encoding: 'utf8' });
if (cli.status !== 0) throw new Error(cli.stderr);
console.log(`(whole CLI run, replay included: kabyl report applications -> ${(statSync(path.join(out, 'cli.xlsx')).size / 1e6).toFixed(1)} MB)`);
if (r / f > 1.5) process.exitCode = 1;

async function timeFloor() {
  const file = path.join(out, 'floor.xlsx');
  const start = now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
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
  await k.writeReportXlsx(rows, file, { lang: 'ru', generatedAt: Date.now(), onProgress: (written) => (last = written) });
  if (last !== rows.rows.length) throw new Error(`progress ended at ${last} of ${rows.rows.length}`);
  return seconds(start);
}

async function findLog() {
  if (process.env.KABYL_BENCH_LOG) return process.env.KABYL_BENCH_LOG;
  if (existsSync('/tmp/republic.jsonl')) return '/tmp/republic.jsonl';
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout ?? '';
  if (/^\s+generate\s/m.test(help)) {
    const { republicLog } = await import('./republicLog.mjs');
    return republicLog();
  }
  const file = path.join(out, 'synthetic-republic.jsonl');
  if (!existsSync(file)) await syntheticLog(file);
  return file;
}

/**
 * A republic-sized log for when no generator is built: 44 districts x 50
 * schools with ky and ru streams, 200,000 children, privileges, stage-2
 * applications, withdrawals, documents and orders, ~420k events.
 */
async function syntheticLog(file) {
  console.log(`no generator yet: writing a synthetic republic-sized log to ${file} ...`);
  let seed = 1;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const LAST = ['Асанов', 'Садыкова', 'Токтогулов', 'Иванова', 'Жумабаев', 'Алиева', 'Осмонов', 'Каримова'];
  const FIRST = ['Айбек', 'Айгерим', 'Нурбек', 'Бермет', 'Тимур', 'Алина', 'Эрлан', 'Жылдыз'];
  const stream = createWriteStream(file + '.part');
  let n = 0;
  let ms = Date.parse('2026-03-01T09:00:00+06:00');
  const write = (type, data, at) => {
    const when = new Date((at ?? (ms += 1000)) + 6 * 3600e3).toISOString().replace('Z', '+06:00');
    const ok = stream.write(JSON.stringify({ id: `e${++n}`, type, at: when, data }) + '\n');
    return ok ? null : new Promise((r) => stream.once('drain', r));
  };
  await write('campaign.opened', {
    year: 2026, stage1Start: '2026-04-11T09:00:00+06:00', stage2Start: '2026-06-27T09:00:00+06:00', stage2End: '2026-09-11T00:00:00+06:00',
    documentsStart: '2026-08-01T00:00:00+06:00', documentsEnd: '2026-09-15T00:00:00+06:00', birthDateFrom: '2019-01-01', birthDateTo: '2020-12-31',
  });
  const schools = [];
  for (let d = 1; d <= 44; d++) {
    for (let s = 1; s <= 50; s++) {
      const id = `D${d}S${s}`;
      schools.push(id);
      await write('school.registered', { schoolId: id, name: `Школа №${s} (${d})`, kind: 'state', districtId: `D${d}`, locality: s % 3 ? 'urban' : 'rural' });
      await write('catchment.set', { schoolId: id, addresses: [`R${d}.S${s}`] });
      await write('quota.set', { schoolId: id, language: 'ky', seats: 60, classes: 2 });
      await write('quota.set', { schoolId: id, language: 'ru', seats: 30, classes: 1 });
    }
  }
  const stage1 = Date.parse('2026-04-11T09:00:00+06:00');
  const apps = [];
  for (let c = 1; c <= 200_000; c++) {
    const school = schools[Math.floor(rand() * schools.length)];
    const [d, s] = school.slice(1).split('S');
    const pin = `${1 + (c % 2)}${String(1 + (c % 28)).padStart(2, '0')}0${1 + (c % 9)}2019${String(c).padStart(5, '0')}`;
    const privilege = rand() < 0.05 ? { privilege: { category: pick(['military', 'kairylman', 'teacher']) } } : {};
    const inCatchment = rand() < 0.9;
    await write('application.submitted', {
      applicationId: `A${c}`,
      child: { pin, lastName: pick(LAST), firstName: pick(FIRST), citizenship: 'KG' },
      guardian: { pin: '11203198500021', email: `p${c}@example.kg`, phone: '+996700000001' },
      schoolId: school, language: rand() < 0.7 ? 'ky' : 'ru',
      registeredAddress: inCatchment ? `R${d}.S${s}.B${c}` : `R${d}.X.B${c}`,
      ...privilege,
    }, stage1 + Math.floor((c / 200_000) * 70 * 86_400_000));
    apps.push(school);
  }
  ms = Date.parse('2026-06-27T09:00:00+06:00');
  for (let c = 1; c <= 200_000; c += 40) await write('application.withdrawn', { applicationId: `A${c}` });
  ms = Date.parse('2026-08-01T09:00:00+06:00');
  const docs = ['passport', 'birth_certificate', 'medical_f26', 'medical_f63', 'photos'];
  for (let c = 2; c <= 200_000; c++) if (c % 10 !== 0) await write('documents.received', { applicationId: `A${c}`, items: docs });
  for (const school of schools) await write('order.issued', { schoolId: school, orderNumber: `1-${school}` });
  stream.end();
  await new Promise((r) => stream.on('finish', r));
  renameSync(file + '.part', file);
  console.log(`  ${n} events`);
}

function now() {
  return process.hrtime.bigint();
}
function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
