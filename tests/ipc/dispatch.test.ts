// The dispatcher behind both shells, on a real SQLite district: every channel
// refuses wrong-typed requests with a message naming the field, unknown channels
// are refused, every answer is a Result envelope, and nothing thrown escapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  ERROR_CODES,
  contract,
  type Channel,
  type Result,
} from '../../shared/ipc/contract';
import { Sessions, type Session } from '../../main/auth/session';
import { createDispatcher, type HandlerMap } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { ServiceError } from '../../main/services/errors';
import { districtFixture, type DistrictFixture } from './districtFixture';

/** Per channel: a request with one field of the wrong type, and the field the error must name. */
const WRONG: Record<Channel, [unknown, string]> = {
  'app.info': [{ verbose: true }, 'verbose'],
  'sync.status': [{ live: true }, 'live'],
  'sync.connect': [{ serverUrl: 'http://x', code: 1234 }, 'code'],
  'sync.pending': [{ all: 1 }, 'all'],
  'sync.conflicts': [{ all: 1 }, 'all'],
  'sync.markSeen': [{ ids: 'x' }, 'ids'],
  'setup.get': [{ force: 1 }, 'force'],
  'setup.choose': [
    {
      mode: 'create',
      districtName: 7,
      officer: { username: 'a', displayName: 'b', password: 'long-enough' },
    },
    'districtName',
  ],
  'session.get': [{ user: 'officer' }, 'user'],
  'auth.signIn': [{ username: 42, password: 'x' }, 'username'],
  'auth.signOut': [{ everywhere: true }, 'everywhere'],
  'dashboard.get': [{ schoolId: 5 }, 'schoolId'],
  'schools.list': [{ schoolId: 'S1' }, 'schoolId'],
  'import.choose': [{ path: '/etc/passwd' }, 'path'],
  'import.upload': [{ name: 'x.jsonl', chunk: 12, done: true }, 'chunk'],
  'import.start': [{ fileId: ['a'] }, 'fileId'],
  'import.progress': [{ jobId: null }, 'jobId'],
  'store.verify': [{ deep: 'yes' }, 'deep'],
  'store.rebuild': [{ now: true }, 'now'],
  'clock.get': [{ zone: 'UTC' }, 'zone'],
  'clock.set': [{ at: 20260801 }, 'at'],
  'privileges.queue': [{ schoolId: 'S2' }, 'schoolId'],
  'privileges.review': [{ applicationId: 'A1', decision: 'maybe' }, 'decision'],
  'commission.cases': [{ status: 'open' }, 'status'],
  'commission.open': [{ fullName: 'Test Child', reasonKind: 'no_pin', pin: '123' }, 'pin'],
  'commission.decide': [{ caseId: 'C1', decision: 'place', language: 7 }, 'language'],
  'attachments.upload': [
    { subject: { kind: 'claim', id: 'A1' }, name: 'x.png', chunk: '!!', done: true },
    'chunk',
  ],
  'attachments.get': [{ subject: { kind: 'claim', id: 'A1' }, hash: 'abc' }, 'hash'],
  'reports.export': [{ report: 'everything', lang: 'en' }, 'report'],
  'reports.progress': [{ jobId: 5 }, 'jobId'],
  'reports.download': [{ jobId: 'j', offset: -1 }, 'offset'],
  'reports.rows': [{ report: 'streams', lang: 'de' }, 'lang'],
  'reports.charts': [{ top: 5 }, 'top'],
  'excelImport.template': [{ lang: 'ky', prefilled: 'yes' }, 'prefilled'],
  'excelImport.upload': [{ name: 'x.xlsx', chunk: 7, done: true }, 'chunk'],
  'excelImport.preview': [{ uploadId: 3 }, 'uploadId'],
  'excelImport.confirm': [{ uploadId: null }, 'uploadId'],
  'print.pdf': [{ suggestedName: '../etc/order.pdf' }, 'suggestedName'],
  'school.children': [{ schoolId: 7 }, 'schoolId'],
  'school.receiveDocuments': [{ applicationId: 'A2', items: ['passport', 'visa'] }, 'items.1'],
  'school.orders': [{ schoolId: ['S1'] }, 'schoolId'],
  'school.issueOrder': [{ orderNumber: 12 }, 'orderNumber'],
  'waitlists.list': [{ schoolId: 7 }, 'schoolId'],
  'waitlists.whatIf': [{ schoolId: 'S1', language: 'ky', add: 0 }, 'add'],
  'quotas.list': [{ all: true }, 'all'],
  'quotas.save': [
    { changes: [{ schoolId: 'S1', language: 'ky', seats: 'ten' }] },
    'changes.0.seats',
  ],
  'quotas.setSchool': [{ schoolId: 'S1', locality: 'city', classSizeNorm: null }, 'locality'],
  'quotas.whatIf': [
    { overrides: [{ schoolId: 'S1', language: 'ky', seats: -1 }] },
    'overrides.0.seats',
  ],
  'quotas.refused': [{ schoolId: 'S1', language: 7 }, 'language'],
  'quotas.checkFit': [{ applicationId: 42 }, 'applicationId'],
  'catchments.list': [{ schoolId: 'S1' }, 'schoolId'],
  'catchments.save': [{ schoolId: 'S1', addresses: 'BISH' }, 'addresses'],
  'catchments.gaps': [{ limit: 5 }, 'limit'],
  'applications.list': [{ sort: 'shoeSize' }, 'sort'],
  'applications.get': [{ applicationId: 7 }, 'applicationId'],
  'applications.withdraw': [{ applicationId: 'A2', reference: '' }, 'reference'],
  'applications.transfer': [
    { applicationId: 'A2', toSchoolId: 'S2', toLanguage: 'Kyrgyz', reference: 'x' },
    'toLanguage',
  ],
  'applications.streams': [{ schoolId: 'S1' }, 'schoolId'],
  'applications.filters': [{ user: 'commission' }, 'user'],
  'applications.saveFilter': [{ name: 'mine', filter: { status: ['lost'] } }, 'filter.status'],
  'applications.deleteFilter': [{ name: 3 }, 'name'],
  'audit.events': [{ from: '10.07.2026' }, 'from'],
  'audit.verify': [{ deep: true }, 'deep'],
};

function expectEnvelope(r: Result<unknown>): void {
  if (r.ok) {
    expect(Object.keys(r).sort()).toEqual(['ok', 'value']);
  } else {
    expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
    expect(ERROR_CODES).toContain(r.error.code);
    expect(typeof r.error.message).toBe('string');
    expect(r.error.message.length).toBeGreaterThan(0);
  }
}

describe('dispatch on a real district store', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture();
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  it('has a wrong-typed case for every channel of the contract', () => {
    expect(Object.keys(WRONG).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS)(
    '%s: a wrong-typed field is invalid_request naming the field',
    async (channel) => {
      const [request, field] = WRONG[channel];
      const r = await f.call(channel, request, officer);
      expectEnvelope(r);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_request');
        expect(r.error.message).toContain(field);
      }
    },
  );

  it.each(CHANNELS)(
    '%s: a request that is not an object is invalid_request, not a crash',
    async (channel) => {
      for (const request of ['text', 42, null, [], true]) {
        const r = await f.call(channel, request, officer);
        expectEnvelope(r);
        expect(r.ok ? 'ok' : r.error.code).toBe('invalid_request');
      }
    },
  );

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['nope.nothing', '__proto__', 'constructor', 'toString', '', 42, null]) {
      const r = await f.app.dispatch(channel, {}, officer);
      expectEnvelope(r);
      expect(r.ok ? 'ok' : r.error.code).toBe('not_found');
    }
  });

  it('answers a good call with the value the contract describes', async () => {
    const r = await f.call('dashboard.get', {}, officer);
    expectEnvelope(r);
    expect(r.ok).toBe(true);
    expect(contract['dashboard.get'].response.safeParse(r.ok && r.value).success).toBe(true);
  });

  it('never sends fields the contract does not list (no hash, no internal id)', async () => {
    const s = f.caller();
    const r = await f.call('auth.signIn', { username: 'officer', password: 'officer-pass' }, s);
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('userId');
  });

  it('treats a missing request as an empty one on argument-less channels', async () => {
    const r = await f.call('session.get', undefined, officer);
    expect(r.ok).toBe(true);
  });
});

describe('dispatch turns every failure into a Result', () => {
  const sessions = new Sessions();
  const errors: unknown[] = [];
  const broken = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      () => {
        throw new Error('disk on fire: PIN 21505201900012');
      },
    ]),
  ) as unknown as HandlerMap<null>;
  broken['app.info'] = () => {
    throw new ServiceError('refused', 'no seats', 'no_free_seats');
  };
  broken['setup.get'] = () => ({ chosen: 'nonsense' }) as never;
  const dispatch = createDispatcher(broken, () => null, {
    onInternalError: (_c, e) => errors.push(e),
  });

  it('a thrown error is internal, with a generic message that quotes nothing', async () => {
    const r = await dispatch('session.get', {}, sessions.get('a'));
    expect(r).toEqual({
      ok: false,
      error: { code: 'internal', message: 'session.get: internal error' },
    });
    expect(String(errors.at(-1))).toContain('disk on fire');
  });

  it('a ServiceError keeps its code and the engine reason', async () => {
    const r = await dispatch('app.info', {}, sessions.get('a'));
    expect(r).toEqual({
      ok: false,
      error: { code: 'refused', message: 'no seats', reason: 'no_free_seats' },
    });
  });

  it('an answer that breaks the response schema is internal, never sent', async () => {
    const r = await dispatch('setup.get', {}, sessions.get('a'));
    expect(r.ok ? 'ok' : r.error.code).toBe('internal');
  });

  it('every channel is in the real handler map', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });
});
