// `kabyl generate`: writes a realistic campaign log (format v1, JSON Lines)
// from the generator in shared/generator, streaming: events are written as
// they are generated, in ~1 MB blocks, so a republic's log never sits in
// memory as a whole. A file is written under a temporary name and renamed
// when complete, so a failed or interrupted run leaves no half-written log.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { generateLog, resolveOptions, type GenerateOptions } from '../../shared/generator';
import { type Io, UsageError, takeFlag, takeOption } from './io';

export const generateHelp = `Usage: kabyl generate [--out FILE|-] [--seed N] [--districts N] [--schools N]
                      [--children N] [--year YYYY] [--until INSTANT]
                      [--district-names LIST] [--waitlist]

Writes a realistic first-grade admission campaign as a log of format v1 (one
JSON event per line, in time order): Kyrgyz districts and schools with ky/ru
(and in the south uz) streams, catchments as address codes with a few houses
left uncovered and streets claimed twice, children with valid PINs and
Kyrgyz, Russian and Uzbek names, the stage-1 opening-day rush, privilege
claims and reviews, stage-2 first come first served, transfers, withdrawals,
commission cases, documents and admission orders. Every outcome is decided by
the allocation engine as the log is written. The same options give the same
bytes.

  --out FILE|-            where to write (default "-": stdout)
  --seed N                random seed, 0..4294967295 (default 1)
  --districts N           number of districts, Bishkek's four first (default 1)
  --district-names LIST   comma-separated districts by code, short code or slug,
                          e.g. BISH.OKT,OSH or bishkek-oktyabrsky (overrides --districts)
  --schools N             schools per district (default 25)
  --children N            children in the campaign (default 6000)
  --year YYYY             campaign year, with the default calendar (default 2026)
  --until INSTANT         stop before any event later than this ISO-8601 instant,
                          e.g. 2026-07-15T18:00:00+06:00 (a campaign caught in stage 2)
  --waitlist              open the campaign with stage-2 waitlists (RULES.md R16):
                          families queue for full streams, some leave the line,
                          some ask for a full favourite as a standing transfer

A republic-sized log: --districts 44 --schools 50 --children 200000 (about
400,000 events).

Exit codes: 0 written; 2 bad arguments.`;

const BLOCK = 1 << 20;

export function generateCommand(args: string[], io: Io): number {
  const rest = [...args];
  const out = takeOption(rest, '--out') ?? '-';
  const options: GenerateOptions = {
    seed: integerOption(rest, '--seed'),
    districts: integerOption(rest, '--districts'),
    schoolsPerDistrict: integerOption(rest, '--schools'),
    children: integerOption(rest, '--children'),
    year: integerOption(rest, '--year'),
    until: takeOption(rest, '--until'),
    waitlist: takeFlag(rest, '--waitlist'),
  };
  const names = takeOption(rest, '--district-names');
  if (names !== undefined)
    options.districtNames = names
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, generateHelp);
  try {
    resolveOptions(options);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(asFlags(e.message), generateHelp);
    throw e;
  }

  const started = Date.now();
  if (out === '-') {
    writeEvents(1, options);
    return 0;
  }
  const temp = `${out}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  let count: number | null;
  try {
    count = writeEvents(fd, options);
    closeSync(fd);
    renameSync(temp, out);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    unlinkSync(temp);
    throw e;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.err(`kabyl generate: ${count} events in ${seconds} s -> ${out}\n`);
  return 0;
}

/** Writes every event as a line; returns the count, or null when the reader of stdout went away. */
function writeEvents(fd: number, options: GenerateOptions): number | null {
  let pending: string[] = [];
  let size = 0;
  let count = 0;
  const flush = (): void => {
    writeAll(fd, Buffer.from(pending.join(''), 'utf8'));
    pending = [];
    size = 0;
  };
  try {
    for (const event of generateLog(options)) {
      const line = JSON.stringify(event) + '\n';
      pending.push(line);
      size += line.length;
      count++;
      if (size >= BLOCK) flush();
    }
    if (size > 0) flush();
  } catch (e) {
    // `kabyl generate | head`: the reader has all it wanted.
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return null;
    throw e;
  }
  return count;
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      // stdout as a non-blocking pipe whose reader is slower than we are.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

function integerOption(args: string[], name: string): number | undefined {
  const text = takeOption(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new UsageError(`${name} must be a non-negative integer, got "${text}"`, generateHelp);
  return Number(text);
}

const FLAGS: Record<string, string> = {
  seed: '--seed',
  districts: '--districts',
  districtNames: '--district-names',
  schoolsPerDistrict: '--schools',
  children: '--children',
  year: '--year',
  until: '--until',
};

/** The generator names its options as in GenerateOptions; the command line knows them as flags. */
function asFlags(message: string): string {
  return message.replace(/^(\w+)(?= )/, (word) => FLAGS[word] ?? word);
}
