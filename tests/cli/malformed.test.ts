// Every malformed case of FORMATS.md: exit 2, `line N: ...` on stderr, nothing on stdout.
import { describe, expect, it } from 'vitest';
import { LogBuilder, T } from '../support/logBuilder';
import { kabyl, tempFile } from './runCli';

function base(): string[] {
  const log = new LogBuilder().school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 2 } });
  log.at(T.stage1).submit('A1');
  return log.events.map((e) => JSON.stringify(e));
}

const campaignLine = () => base()[0];
const withData = (type: string, data: unknown, at = '2026-04-12T10:00:00+06:00') =>
  JSON.stringify({ id: 'bad', type, at, data });
const campaign = JSON.parse(campaignLine());

const cases: [string, string[], number, string][] = [
  ['not JSON', [...base(), '{"id": "x", "type": '], 6, 'not JSON'],
  ['a JSON array, not an object', [...base(), '[1,2]'], 6, 'expected an object'],
  [
    'missing id',
    [...base(), JSON.stringify({ type: 'quota.set', at: T.stage1, data: {} })],
    6,
    'id: is missing',
  ],
  [
    'empty id',
    [...base(), JSON.stringify({ id: '', type: 'quota.set', at: T.stage1, data: {} })],
    6,
    'id',
  ],
  [
    'missing type',
    [...base(), JSON.stringify({ id: 'x', at: T.stage1, data: {} })],
    6,
    'type: is missing',
  ],
  [
    'missing at',
    [...base(), JSON.stringify({ id: 'x', type: 'quota.set', data: {} })],
    6,
    'at: is missing',
  ],
  [
    'missing data',
    [...base(), JSON.stringify({ id: 'x', type: 'order.issued', at: '2026-04-12T10:00:00+06:00' })],
    6,
    'data: is missing',
  ],
  ['unknown type', [...base(), withData('application.teleported', {})], 6, 'type'],
  [
    'at without an offset',
    [
      ...base(),
      withData('quota.set', { schoolId: 'S1', language: 'ky', seats: 1 }, '2026-04-12T10:00:00'),
    ],
    6,
    'at',
  ],
  [
    'at with a space for T',
    [
      ...base(),
      withData(
        'quota.set',
        { schoolId: 'S1', language: 'ky', seats: 1 },
        '2026-04-12 10:00:00+06:00',
      ),
    ],
    6,
    'at',
  ],
  [
    'an impossible instant',
    [
      ...base(),
      withData(
        'quota.set',
        { schoolId: 'S1', language: 'ky', seats: 1 },
        '2026-02-30T10:00:00+06:00',
      ),
    ],
    6,
    'at',
  ],
  [
    'time going backwards',
    [
      ...base(),
      withData(
        'quota.set',
        { schoolId: 'S1', language: 'ky', seats: 1 },
        '2026-04-01T10:00:00+06:00',
      ),
    ],
    6,
    'earlier',
  ],
  [
    'a second campaign',
    [...base(), JSON.stringify({ ...campaign, id: 'c2', at: '2026-04-12T10:00:00+06:00' })],
    6,
    'second campaign',
  ],
  ['no campaign first', base().slice(1), 1, 'campaign.opened'],
  [
    'negative seats',
    [...base(), withData('quota.set', { schoolId: 'S1', language: 'ky', seats: -1 })],
    6,
    'data.seats',
  ],
  [
    'fractional seats',
    [...base(), withData('quota.set', { schoolId: 'S1', language: 'ky', seats: 1.5 })],
    6,
    'data.seats',
  ],
  [
    'seats as a string',
    [...base(), withData('quota.set', { schoolId: 'S1', language: 'ky', seats: '3' })],
    6,
    'data.seats',
  ],
  [
    'an unlisted kind',
    [
      ...base(),
      withData('school.registered', {
        schoolId: 'S2',
        name: 'x',
        kind: 'lyceum',
        districtId: 'D1',
      }),
    ],
    6,
    'data.kind',
  ],
  [
    'an unlisted decision',
    [...base(), withData('privilege.reviewed', { applicationId: 'A1', decision: 'maybe' })],
    6,
    'data.decision',
  ],
  [
    'a place decision without a school',
    [
      ...base(),
      withData('commission.decided', { caseId: 'C1', decision: 'place', language: 'ky' }),
    ],
    6,
    'data.schoolId',
  ],
  [
    'a missing nested field',
    [
      ...base(),
      withData('application.submitted', {
        applicationId: 'A9',
        child: { lastName: 'x', firstName: 'y', citizenship: 'KG' },
        guardian: { pin: '1', email: 'e', phone: 'p' },
        schoolId: 'S1',
        language: 'ky',
        registeredAddress: 'A',
      }),
    ],
    6,
    'data.child.pin',
  ],
  [
    'a PIN as a number',
    [
      ...base(),
      withData('application.submitted', {
        applicationId: 'A9',
        child: { pin: 21505201900009, lastName: 'x', firstName: 'y', citizenship: 'KG' },
        guardian: { pin: '1', email: 'e', phone: 'p' },
        schoolId: 'S1',
        language: 'ky',
        registeredAddress: 'A',
      }),
    ],
    6,
    'data.child.pin',
  ],
  [
    'items not an array',
    [...base(), withData('documents.received', { applicationId: 'A1', items: 'passport' })],
    6,
    'data.items',
  ],
  [
    'an address that is not a string',
    [...base(), withData('catchment.set', { schoolId: 'S1', addresses: ['A', 7] })],
    6,
    'data.addresses[1]',
  ],
  [
    'a calendar out of order',
    [
      JSON.stringify({
        ...campaign,
        data: { ...campaign.data, stage2Start: '2026-04-01T09:00:00+06:00' },
      }),
    ],
    1,
    'calendar out of order',
  ],
  [
    'a birth range out of order',
    [JSON.stringify({ ...campaign, data: { ...campaign.data, birthDateFrom: '2021-01-01' } })],
    1,
    'calendar out of order',
  ],
  [
    'a date that is not YYYY-MM-DD',
    [JSON.stringify({ ...campaign, data: { ...campaign.data, birthDateTo: '31.12.2020' } })],
    1,
    'data.birthDateTo',
  ],
  [
    'a missing calendar field',
    [JSON.stringify({ ...campaign, data: { ...campaign.data, documentsEnd: undefined } })],
    1,
    'data.documentsEnd',
  ],
  [
    'maxWithdrawals negative',
    [JSON.stringify({ ...campaign, data: { ...campaign.data, maxWithdrawals: -1 } })],
    1,
    'data.maxWithdrawals',
  ],
  [
    'an actor with an unknown role',
    [
      ...base(),
      JSON.stringify({
        id: 'x',
        type: 'order.issued',
        at: '2026-08-12T10:00:00+06:00',
        actor: { role: 'minister', id: '1' },
        data: { schoolId: 'S1', orderNumber: '1' },
      }),
    ],
    6,
    'actor.role',
  ],
  ['an empty file', [], 1, 'empty'],
];

describe('malformed logs', () => {
  it.each(cases.map(([name, ...rest]) => [name, ...rest] as const))(
    '%s',
    (_, lines, lineNo, mention) => {
      const r = kabyl([
        'replay',
        tempFile('bad.jsonl', lines.join('\n') + (lines.length ? '\n' : '')),
      ]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`line ${lineNo}:`);
      expect(r.stderr).toContain(mention);
    },
  );

  it('counts blank lines and CRLF endings in line numbers', () => {
    const lines = base();
    const text = [lines[0], '', '   ', ...lines.slice(1), '{oops'].join('\r\n');
    const r = kabyl(['replay', tempFile('crlf.jsonl', text)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^line 8: not JSON/);
  });

  it('a duplicate id with an earlier time is skipped, not an error', () => {
    const lines = base();
    const r = kabyl(['replay', tempFile('dup.jsonl', [...lines, lines[1]].join('\n'))]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stats).toEqual({ events: 5, duplicates: 1 });
  });
});

describe('kabyl replay arguments', () => {
  const good = () => tempFile('good.jsonl', base().join('\n') + '\n');

  it('reads stdin for -', () => {
    const r = kabyl(['replay', '-'], base().join('\n'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).applications.A1.status).toBe('registered');
  });

  it("asOf is the last event's at as written, or --at as given", () => {
    const last = JSON.parse(base().at(-1)!).at;
    expect(JSON.parse(kabyl(['replay', good()]).stdout).asOf).toBe(last);
    expect(JSON.parse(kabyl(['replay', good(), '--at', '2026-09-15T00:00Z']).stdout).asOf).toBe(
      '2026-09-15T00:00Z',
    );
  });

  it('refuses --at earlier than the last event, or not an instant, with exit 2', () => {
    for (const at of ['2026-01-01T00:00:00+06:00', 'tomorrow', '2026-09-15T00:00:00']) {
      const r = kabyl(['replay', good(), '--at', at]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--at');
    }
  });

  it('a missing file, no file, or two files exit 2 with a message', () => {
    for (const args of [['replay', '/nonexistent/log.jsonl'], ['replay'], ['replay', 'a', 'b']]) {
      const r = kabyl(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('prints help', () => {
    const main = kabyl(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toContain('replay');
    const replay = kabyl(['replay', '--help']);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain('kabyl replay LOG.jsonl [--at INSTANT]');
    expect(kabyl(['frobnicate']).status).toBe(2);
  });
});

describe('the replay validated on a second thread reports what a one-thread replay would', () => {
  const bad = (at: string) =>
    withData('quota.set', { schoolId: 'S1', language: 'ky', seats: 1 }, at);

  it('an out-of-order line before a malformed one is the error', () => {
    const lines = [
      ...base(),
      bad('2026-04-01T10:00:00+06:00'),
      bad('2026-05-01T10:00:00+06:00'),
      '{broken',
    ];
    const r = kabyl(['replay', tempFile('order.jsonl', lines.join('\n'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^line 6: at .* is earlier/);
  });

  it('a malformed line before an out-of-order one is the error', () => {
    const lines = [
      ...base(),
      withData('quota.set', { schoolId: 'S1', language: 'ky', seats: -4 }),
      bad('2026-04-01T10:00:00+06:00'),
    ];
    const r = kabyl(['replay', tempFile('order2.jsonl', lines.join('\n'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^line 6: data\.seats/);
  });

  it('a payload that would crash the rules (data: null) is reported as malformed, not as a crash', () => {
    const lines = [
      ...base(),
      JSON.stringify({
        id: 'n',
        type: 'application.submitted',
        at: '2026-04-12T10:00:00+06:00',
        data: null,
      }),
    ];
    const r = kabyl(['replay', tempFile('null.jsonl', lines.join('\n'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^line 6: data: expected an object/);
  });

  it('stops early on a malformed line near the top of a long log', () => {
    const lines = base();
    const quota = (i: number) =>
      JSON.stringify({
        id: `q${i}`,
        type: 'quota.set',
        at: '2026-04-12T10:00:00+06:00',
        data: { schoolId: 'S1', language: 'ky', seats: i },
      });
    const many = [
      ...lines,
      quota(0),
      '{"id":"x","type":"quota.set","at":"2026-04-12T10:00:00","data":{}}',
      ...Array.from({ length: 20_000 }, (_, i) => quota(i + 1)),
    ];
    const r = kabyl(['replay', tempFile('long.jsonl', many.join('\n'))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^line 7: at: expected an ISO-8601 instant/);
    const ok = kabyl([
      'replay',
      tempFile(
        'long-ok.jsonl',
        [...lines, ...Array.from({ length: 20_000 }, (_, i) => quota(i + 1))].join('\n'),
      ),
    ]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).streams['S1/ky'].quota).toBe(20_000);
  });
});
