// `kabyl generate` through the real binary: the same bytes as the library,
// a file that appears whole or not at all, and clear errors for bad options.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLog, resolveOptions } from '../../shared/generator';
import { kabyl } from '../cli/runCli';

const ARGS = ['--seed', '9', '--districts', '2', '--schools', '6', '--children', '400'];
const OPTIONS = { seed: 9, districts: 2, schoolsPerDistrict: 6, children: 400 };

function expected(options = OPTIONS): string {
  let text = '';
  for (const e of generateLog(options)) text += JSON.stringify(e) + '\n';
  return text;
}

describe('kabyl generate', () => {
  it("writes the generator's log to stdout, one event per line", () => {
    const r = kabyl(['generate', ...ARGS]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected());
  });

  it('writes a file with --out, says how many events, leaves no temporary file behind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-generate-'));
    const file = path.join(dir, 'log.jsonl');
    const r = kabyl(['generate', ...ARGS, '--out', file, '--until', '2026-06-30T00:00+06:00']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(expected({ ...OPTIONS, until: '2026-06-30T00:00+06:00' } as typeof OPTIONS));
    expect(r.stderr).toMatch(
      new RegExp(`^kabyl generate: ${text.split('\n').length - 1} events in [\\d.]+ s -> `),
    );
    expect(readdirSync(dir)).toEqual(['log.jsonl']);
  });

  it('writes a log that kabyl replay reads', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-generate-'));
    const file = path.join(dir, 'log.jsonl');
    expect(kabyl(['generate', ...ARGS, '--out', file]).status).toBe(0);
    const r = kabyl(['replay', file]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.applications).length).toBeGreaterThan(350);
  });

  it('takes districts by name', () => {
    const r = kabyl([
      'generate',
      '--district-names',
      'osh,bishkek-oktyabrsky',
      '--schools',
      '3',
      '--children',
      '10',
    ]);
    expect(r.status).toBe(0);
    const districts = new Set(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((e) => e.type === 'school.registered')
        .map((e) => e.data.districtId),
    );
    expect(districts).toEqual(new Set(['OSHC.OSH', 'BISH.OKT']));
  });

  it.each([
    [['--children', '-5'], /--children must be a non-negative integer, got "-5"/],
    [['--children', 'many'], /--children must be a non-negative integer/],
    [['--schools', '0'], /--schools must be an integer from 1 to 500, got 0/],
    [['--districts', '46'], /--districts must be an integer from 1 to 45, got 46/],
    [['--until', '2026-07-15 18:00'], /--until must be an ISO-8601 instant with an offset/],
    [['--district-names', 'atlantis'], /unknown district "atlantis"/],
    [['--seed'], /--seed needs a value/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with exit 2 and a clear message, writing nothing', (args, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-generate-'));
    const file = path.join(dir, 'log.jsonl');
    const r = kabyl(['generate', '--out', file, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails without leaving a partial file when the folder does not exist', () => {
    const r = kabyl([
      'generate',
      '--children',
      '10',
      '--out',
      path.join(tmpdir(), 'no-such-dir-kabyl', 'x', 'log.jsonl'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ENOENT/);
  });

  it('prints its help', () => {
    const r = kabyl(['generate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kabyl generate/);
    expect(kabyl(['--help']).stdout).toMatch(/generate\s+write a realistic campaign log/);
  });
});

describe('generator options', () => {
  it('default to one Bishkek district, 25 schools, 6000 children, year 2026', () => {
    const o = resolveOptions();
    expect(o.districts.map((d) => d.code)).toEqual(['BISH.LEN']);
    expect([o.schoolsPerDistrict, o.children, o.calendar.year, o.seed]).toEqual([
      25, 6000, 2026, 1,
    ]);
  });

  it('take districts by code, short code, slug or name, also as `districts`', () => {
    const codes = (names: string[]) =>
      resolveOptions({ districtNames: names }).districts.map((d) => d.code);
    expect(codes(['BISH.OKT', 'ksu', 'bishkek-leninsky', 'Naryn district', 'г. Ош'])).toEqual([
      'BISH.OKT',
      'OSH.KSU',
      'BISH.LEN',
      'NRN.NAR',
      'OSHC.OSH',
    ]);
    expect(
      resolveOptions({ districts: ['bishkek-oktyabrsky'] }).districts.map((d) => d.code),
    ).toEqual(['BISH.OKT']);
    expect(() => resolveOptions({ districtNames: ['OKT', 'bishkek-oktyabrsky'] })).toThrow(/twice/);
    expect(() => resolveOptions({ districtNames: [] })).toThrow(/at least one/);
  });

  it('are checked when generateLog is called, before any event', () => {
    expect(() => generateLog({ children: -1 })).toThrow(RangeError);
    expect(() => generateLog({ until: 'tomorrow' })).toThrow(/until must be an ISO-8601 instant/);
  });

  it('move the whole calendar with the year', () => {
    const first = generateLog({ year: 2027, children: 0, schoolsPerDistrict: 1 }).next().value!;
    expect(first.data).toMatchObject({
      year: 2027,
      stage1Start: '2027-04-11T09:00:00.000+06:00',
      birthDateFrom: '2020-09-01',
      birthDateTo: '2021-08-31',
    });
  });
});
