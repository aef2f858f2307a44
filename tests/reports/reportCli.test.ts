// `kabyl report` through the real binary: a written workbook, a malformed log
// that writes nothing, and argument errors.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kabyl } from '../cli/runCli';
import { HEADER_ROW } from '../../main/excel/writeReport';
import { AFTER_DEADLINE, campaignFixture } from './campaignFixture';
import { readReport } from './readBack';

function workdir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kabyl-report-cli-'));
}

describe('kabyl report', () => {
  it('writes the report as of --at in the language asked for', async () => {
    const dir = workdir();
    const log = path.join(dir, 'log.jsonl');
    writeFileSync(log, campaignFixture().text());
    const out = path.join(dir, 'orders.xlsx');
    const r = kabyl([
      'report',
      'orders',
      log,
      '--out',
      out,
      '--lang',
      'en',
      '--at',
      AFTER_DEADLINE,
    ]);
    expect(r.stderr).toContain('rows written');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const read = await readReport(out, HEADER_ROW);
    expect(read.sheetName).toBe('Admission orders');
    expect(read.rows).toHaveLength(8);
    expect(readdirSync(dir).sort()).toEqual(['log.jsonl', 'orders.xlsx']);
  });

  it('reads the log from stdin and defaults to Kyrgyz', async () => {
    const dir = workdir();
    const out = path.join(dir, 'streams.xlsx');
    const r = kabyl(['report', 'streams', '-', '--out', out], campaignFixture().text());
    expect(r.status).toBe(0);
    const read = await readReport(out, HEADER_ROW);
    expect(read.sheetName).toBe('Агымдар жана квоталар');
    expect(read.rows).toHaveLength(5);
  });

  it('a malformed log: line N on stderr, exit 2, no file and no temporary file', () => {
    const dir = workdir();
    const lines = campaignFixture().text().trimEnd().split('\n');
    lines.splice(
      5,
      0,
      '{"id": "x", "type": "quota.set", "at": "2026-03-01T10:00:30+06:00", "data": {"schoolId": "S1", "language": "ky", "seats": -1}}',
    );
    const log = path.join(dir, 'bad.jsonl');
    writeFileSync(log, lines.join('\n') + '\n');
    const out = path.join(dir, 'applications.xlsx');
    const r = kabyl(['report', 'applications', log, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^line 6: data\.seats/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.jsonl']);
  });

  it('an --at earlier than the last event is an error', () => {
    const dir = workdir();
    const log = path.join(dir, 'log.jsonl');
    writeFileSync(log, campaignFixture().text());
    const r = kabyl([
      'report',
      'daily',
      log,
      '--out',
      path.join(dir, 'd.xlsx'),
      '--at',
      '2026-01-01T00:00:00+06:00',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('earlier than the last event');
    expect(readdirSync(dir)).toEqual(['log.jsonl']);
  });

  it.each([
    [['report', 'nonsense', 'log.jsonl', '--out', 'x.xlsx'], 'unknown report "nonsense"'],
    [['report', 'daily', 'log.jsonl'], '--out FILE.xlsx is required'],
    [
      ['report', 'daily', 'log.jsonl', '--out', 'x.xlsx', '--lang', 'de'],
      '--lang must be one of ky, ru, en',
    ],
    [['report', 'daily'], 'report takes a report NAME and one LOG.jsonl'],
  ])('usage error %#', (args, message) => {
    const r = kabyl(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('prints its help', () => {
    const r = kabyl(['report', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kabyl report NAME LOG.jsonl --out FILE.xlsx');
    for (const name of [
      'applications',
      'streams',
      'privileges',
      'commission',
      'orders',
      'no-documents',
      'daily',
    ])
      expect(r.stdout).toContain(name);
  });
});
