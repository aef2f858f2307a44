// Scenario tests through the real CLI: one campaign story per rule, written
// to a .jsonl file and replayed by `kabyl replay`, as an auditor would.
import { describe, expect, it } from 'vitest';
import { LogBuilder, T, pin } from '../support/logBuilder';
import { kabyl, tempFile } from './runCli';

function district(calendar: Record<string, unknown> = {}) {
  return new LogBuilder(calendar)
    .school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 2, ru: 1 } })
    .school('S2', { kind: 'municipal', catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
}

interface Scenario {
  rule: string;
  build(log: LogBuilder): void;
  at?: string;
  calendar?: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const scenarios: Scenario[] = [
  {
    rule: 'R1 windows',
    build: (l) => {
      l.at('2026-04-11T08:59:59+06:00').submit('early');
      l.at(T.stage2End).submit('late', { pin: pin(2) });
    },
    expect: {
      applications: {
        early: { status: 'refused', reason: 'outside_window', stage: null },
        late: { reason: 'outside_window' },
      },
    },
  },
  {
    rule: 'R2 validity',
    build: (l) => {
      l.at(T.stage1).submit('bad', { pin: '21505201900' });
      l.submit('old', { pin: pin(1, '15052017') });
    },
    expect: {
      applications: {
        bad: { reason: 'invalid_pin', stage: 1 },
        old: { reason: 'age_out_of_range' },
      },
    },
  },
  {
    rule: 'R3 one place per child',
    build: (l) => {
      l.at(T.stage1).submit('A1', { pin: pin(1) });
      l.submit('A2', { pin: pin(1) });
      l.submit('A1', { pin: pin(3) });
    },
    expect: {
      applications: { A1: { status: 'registered' }, A2: { reason: 'duplicate_application' } },
      rejections: [{ eventId: 'e11', type: 'application.submitted', reason: 'duplicate_id' }],
    },
  },
  {
    rule: 'R4 stage 1 by registered address, beyond the quota',
    build: (l) => {
      l.at(T.stage1);
      for (let i = 1; i <= 3; i++)
        l.submit(`A${i}`, { pin: pin(i), address: `BISH.OKT.ST01.H${i}` });
      l.submit('out', { pin: pin(9), address: 'BISH.OKT.ST02.H1' });
    },
    expect: {
      applications: {
        A3: { status: 'registered', basis: 'catchment' },
        out: { reason: 'not_in_catchment', basis: null },
      },
      streams: { 'S1/ky': { quota: 2, occupied: 3, free: 0, overflow: 1 } },
    },
  },
  {
    rule: 'R5 privileges',
    build: (l) => {
      l.at(T.stage1);
      l.submit('P1', { pin: pin(1), address: 'X.Y', privilege: 'military' });
      l.submit('P2', { pin: pin(2), address: 'X.Y', privilege: 'kairylman' });
      l.review('P1', 'rejected');
      l.review('P2', 'approved');
    },
    expect: {
      applications: {
        P1: { status: 'refused', reason: 'privilege_rejected', privilege: 'rejected', basis: null },
        P2: { status: 'registered', basis: 'privilege', privilege: 'approved' },
      },
      streams: { 'S1/ky': { occupied: 1, free: 1 } },
    },
  },
  {
    rule: 'R6 stage 2 first come first served',
    build: (l) => {
      l.at(T.stage2);
      l.submit('A', { pin: pin(1), school: 'S2' });
      l.submit('B', { pin: pin(2), school: 'S2' });
    },
    expect: {
      applications: { A: { basis: 'open', stage: 2 }, B: { reason: 'no_free_seats', stage: 2 } },
    },
  },
  {
    rule: 'R7 transfers',
    build: (l) => {
      l.at(T.stage2);
      l.submit('A', { pin: pin(1), school: 'S2' });
      l.submit('B', { pin: pin(2), school: 'S1' });
      l.transfer('B', 'S2');
      l.transfer('B', 'S1', 'ru');
    },
    expect: {
      applications: { B: { schoolId: 'S1', language: 'ru', basis: 'open' } },
      rejections: [
        { eventId: 'e11', type: 'application.transfer_requested', reason: 'no_free_seats' },
      ],
      streams: { 'S1/ky': { occupied: 0 }, 'S1/ru': { occupied: 1 } },
    },
  },
  {
    rule: 'R8 withdrawal limit',
    calendar: { maxWithdrawals: 1 },
    build: (l) => {
      l.at(T.stage1).submit('A1', { pin: pin(1) });
      l.withdraw('A1');
      l.submit('A2', { pin: pin(1) });
      l.withdraw('A2');
    },
    expect: {
      applications: { A1: { status: 'withdrawn' }, A2: { status: 'registered' } },
      rejections: [{ eventId: 'e12', type: 'application.withdrawn', reason: 'withdrawal_limit' }],
    },
  },
  {
    rule: 'R9 and R10 documents lock the list',
    build: (l) => {
      l.at(T.stage1).submit('A');
      l.at(T.documents).documents('A', ['passport']);
      l.documents('A');
      l.withdraw('A');
    },
    expect: {
      applications: { A: { status: 'documents_received' } },
      rejections: [
        { eventId: 'e10', type: 'documents.received', reason: 'documents_incomplete' },
        { eventId: 'e12', type: 'application.withdrawn', reason: 'list_locked' },
      ],
    },
  },
  {
    rule: 'R11 deadline',
    build: (l) => {
      l.at(T.stage1).submit('A');
    },
    at: T.deadline,
    expect: {
      asOf: T.deadline,
      applications: { A: { status: 'no_documents', reason: 'no_documents' } },
      streams: { 'S1/ky': { occupied: 0 } },
    },
  },
  {
    rule: 'R12 commission',
    build: (l) => {
      l.at(T.stage2).openCase('C1');
      l.place('C1', 'S2');
      l.openCase('C2');
      l.decline('C2');
    },
    expect: {
      applications: { C1: { status: 'documents_received', basis: 'commission', stage: null } },
      cases: { C1: { status: 'placed' }, C2: { status: 'declined' } },
    },
  },
  {
    rule: 'R13 admission orders',
    build: (l) => {
      l.at(T.stage1).submit('A', { pin: pin(1) });
      l.submit('B', { pin: pin(2) });
      l.at(T.documents).documents('A');
      l.order('S1', '1');
      l.documents('B');
      l.order('S1', '2');
    },
    expect: {
      applications: {
        A: { status: 'enrolled', orderNumber: '1' },
        B: { status: 'enrolled', orderNumber: '2' },
      },
    },
  },
  {
    rule: 'R14 and R15 the log order decides; seen ids are skipped',
    build: (l) => {
      l.at(T.stage2);
      l.submit('first', { pin: pin(1), school: 'S2' });
      l.submit('second', { pin: pin(2), school: 'S2' });
      l.events.push({ ...l.events[l.events.length - 2] });
    },
    expect: {
      applications: { first: { status: 'registered' }, second: { reason: 'no_free_seats' } },
      stats: { events: 10, duplicates: 1 },
    },
  },
];

function matches(want: unknown, got: unknown): void {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    expect(got).toBeTypeOf('object');
    for (const [k, v] of Object.entries(want)) matches(v, (got as Record<string, unknown>)[k]);
  } else {
    expect(got).toEqual(want);
  }
}

describe('kabyl replay scenarios, one per rule', () => {
  it.each(scenarios.map((s) => [s.rule, s] as const))('%s', (_, s) => {
    const log = district(s.calendar);
    s.build(log);
    const file = tempFile('log.jsonl', log.text());
    const r = kabyl(['replay', file, ...(s.at ? ['--at', s.at] : [])]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    matches(s.expect, out);
    // The CLI and the in-process engine are one function.
    expect(out).toEqual(log.replay(s.at));
  });
});
