// Roles enforced in main on every channel, on a real SQLite district: each role
// reaches exactly the channels the contract opens to it, signing in needs the
// right password, and a director sees and acts on their own school only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, ROLES, contract, type Channel, type Role } from '../../shared/ipc/contract';
import type { Session } from '../../main/auth/session';
import { actorOf } from '../../main/auth/session';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';

/** A well-formed request per channel, harmless to repeat. */
const VALID: Record<Channel, unknown> = {
  'app.info': {},
  'sync.status': {},
  'sync.connect': { serverUrl: 'http://127.0.0.1:9', code: 'AAAA-BBBB' },
  'sync.pending': {},
  'sync.conflicts': {},
  'sync.markSeen': { ids: ['no-such-event'] },
  'setup.get': {},
  'setup.choose': { mode: 'real' },
  'session.get': {},
  'auth.signIn': { username: 'nobody', password: 'x' },
  'auth.signOut': {},
  'dashboard.get': {},
  'schools.list': {},
  'import.choose': {},
  'import.upload': { name: 'x.jsonl', chunk: '', done: false },
  'import.start': { fileId: 'no-such-file' },
  'import.progress': { jobId: 'no-such-job' },
  'store.verify': {},
  'store.rebuild': {},
  'clock.get': {},
  'clock.set': { at: '2026-07-10T12:00:00+06:00' },
  'privileges.queue': {},
  'privileges.review': { applicationId: 'NOPE', decision: 'approved' },
  'commission.cases': {},
  'commission.open': { fullName: 'Test Child', reasonKind: 'no_pin' },
  'commission.decide': { caseId: 'NOPE', decision: 'decline', note: 'x' },
  'attachments.upload': {
    subject: { kind: 'claim', id: 'NOPE' },
    name: 'x.png',
    chunk: '',
    done: false,
  },
  'attachments.get': { subject: { kind: 'claim', id: 'NOPE' }, hash: '0'.repeat(64) },
  'reports.export': { report: 'daily', lang: 'en' },
  'reports.progress': { jobId: 'no-such-job' },
  'reports.download': { jobId: 'no-such-job', offset: 0 },
  'reports.rows': { report: 'streams', lang: 'ru', limit: 5 },
  'reports.charts': {},
  'excelImport.template': { lang: 'ky', prefilled: false },
  'excelImport.upload': { name: 'x.xlsx', chunk: '', done: false },
  'excelImport.preview': { uploadId: 'no-such-upload' },
  'excelImport.confirm': { uploadId: 'no-such-upload' },
  'print.pdf': { suggestedName: 'order.pdf' },
  'school.children': {},
  'school.receiveDocuments': { applicationId: 'NOPE', items: [] },
  'school.orders': {},
  'school.issueOrder': { orderNumber: '1' },
  'waitlists.list': {},
  'waitlists.whatIf': { schoolId: 'S2', language: 'ky', add: 1 },
  'quotas.list': {},
  'quotas.save': { changes: [] },
  'quotas.setSchool': { schoolId: 'NOPE', locality: null, classSizeNorm: null },
  'quotas.whatIf': { overrides: [{ schoolId: 'S2', language: 'ky', seats: 4 }] },
  'quotas.refused': { schoolId: 'S2', language: 'ky' },
  'quotas.checkFit': { applicationId: 'A3' },
  'catchments.list': {},
  'catchments.save': { schoolId: 'NOPE', addresses: [] },
  'catchments.gaps': {},
  'applications.list': { limit: 10 },
  'applications.get': { applicationId: 'A2' },
  'applications.withdraw': { applicationId: 'NO-SUCH', reference: 'letter 1' },
  'applications.transfer': {
    applicationId: 'NO-SUCH',
    toSchoolId: 'S1',
    toLanguage: 'ky',
    reference: 'letter 2',
  },
  'applications.streams': {},
  'applications.filters': {},
  'applications.saveFilter': { name: 'roles test', filter: {} },
  'applications.deleteFilter': { name: 'roles test' },
  'audit.events': { limit: 5 },
  'audit.verify': {},
};

const USERNAME: Record<Role, 'officer' | 'commission' | 'director'> = {
  district: 'officer',
  commission: 'commission',
  director: 'director',
};
const guarded = CHANNELS.filter((c) => contract[c].access !== 'public');

describe('role enforcement', () => {
  let f: DistrictFixture;
  const as = {} as Record<Role, Session>;

  beforeAll(async () => {
    f = await districtFixture();
    for (const role of ROLES) as[role] = await f.signedIn(USERNAME[role]);
  });
  afterAll(() => f?.close());

  it('the contract guards the officer-only channels', () => {
    expect(contract['store.rebuild'].access).toEqual(['district']);
    expect(contract['import.start'].access).toEqual(['district']);
    expect(guarded.length).toBeGreaterThanOrEqual(8);
  });

  it.each(guarded)('%s: refused before sign-in', async (channel) => {
    const r = await f.call(channel, VALID[channel], f.caller());
    expect(r.ok ? 'ok' : r.error.code).toBe('unauthenticated');
  });

  it.each(guarded.flatMap((c) => ROLES.map((role) => [c, role] as const)))(
    '%s as %s: allowed exactly when the contract says',
    async (channel, role) => {
      const r = await f.call(channel, VALID[channel], as[role]);
      const access = contract[channel].access as readonly Role[];
      const code = r.ok ? 'ok' : r.error.code;
      if (access.includes(role)) {
        expect(['forbidden', 'unauthenticated']).not.toContain(code);
      } else {
        expect(code).toBe('forbidden');
      }
    },
  );

  it('a commission member cannot rebuild, import or switch the district', async () => {
    for (const [channel, request] of [
      ['store.rebuild', {}],
      ['import.upload', { name: 'x.jsonl', chunk: '{}', done: true }],
      ['import.start', { fileId: 'x' }],
      ['setup.choose', { mode: 'demo' }],
    ] as const) {
      const r = await f.call(channel, request, as.commission);
      expect(r.ok ? 'ok' : r.error.code, channel).toBe('forbidden');
    }
  });

  it('every event written for a user names them as the actor', () => {
    expect(actorOf(as.director.user)).toEqual({ role: 'director', id: 'director' });
    expect(actorOf(as.district.user)).toEqual({ role: 'district', id: 'officer' });
    expect(actorOf(null)).toBeNull();
  });
});

describe('sign-in', () => {
  let f: DistrictFixture;
  beforeAll(async () => {
    f = await districtFixture();
  });
  afterAll(() => f?.close());

  it('a wrong password and an unknown user get the same refusal', async () => {
    const wrong = await f.call(
      'auth.signIn',
      { username: 'officer', password: 'officer-pas' },
      f.caller(),
    );
    const unknown = await f.call(
      'auth.signIn',
      { username: 'nobody', password: 'officer-pass' },
      f.caller(),
    );
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'wrong username or password' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('signs in, shows the user and the store, and signs out', async () => {
    const s = f.caller();
    const r = await f.call('auth.signIn', { username: 'director', password: 'director-pass' }, s);
    expect(r).toEqual({
      ok: true,
      value: {
        user: {
          username: 'director',
          displayName: 'Director S1',
          role: 'director',
          schoolId: 'S1',
          schoolName: 'School S1',
        },
      },
    });
    const session = await f.call('session.get', {}, s);
    expect(session.ok && session.value).toMatchObject({
      user: { role: 'director' },
      store: { kind: 'real', districtName: 'Октябрьский район' },
    });
    expect((await f.call('auth.signOut', {}, s)).ok).toBe(true);
    const after = await f.call('dashboard.get', {}, s);
    expect(after.ok ? 'ok' : after.error.code).toBe('unauthenticated');
  });

  it('sessions are per caller: one caller signing in signs in nobody else', async () => {
    const a = f.caller();
    const b = f.caller();
    await f.call('auth.signIn', { username: 'officer', password: 'officer-pass' }, a);
    expect((await f.call('dashboard.get', {}, a)).ok).toBe(true);
    const other = await f.call('dashboard.get', {}, b);
    expect(other.ok ? 'ok' : other.error.code).toBe('unauthenticated');
  });
});

describe('a director is scoped to their school', () => {
  let f: DistrictFixture;
  let director: Session;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture();
    director = await f.signedIn('director');
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  it("cannot ask for another school's dashboard", async () => {
    const r = await f.call('dashboard.get', { schoolId: 'S2' }, director);
    expect(r.ok ? 'ok' : r.error.code).toBe('forbidden');
    expect(r.ok ? '' : r.error.message).toContain('schoolId');
  });

  it('gets their own school whatever they leave out', async () => {
    for (const request of [{}, { schoolId: 'S1' }]) {
      const d = await f.must('dashboard.get', request, director);
      expect(d.scope).toEqual({ schoolId: 'S1', schoolName: 'School S1' });
      // S1 holds A1 (withdrawn) and A2 (registered, ru); S2's A3 and A4 are not counted.
      expect(d.totals.applications).toBe(2);
      expect(d.counts.withdrawn).toBe(1);
      expect(d.counts.registered).toBe(1);
      expect(d.totals.streams).toBe(2);
      expect(d.totals.seats).toBe(8);
    }
  });

  it('lists only their school', async () => {
    const r = await f.must('schools.list', {}, director);
    expect(r.schools.map((s) => s.schoolId)).toEqual(['S1']);
  });

  it('the officer sees the whole district and any one school', async () => {
    const all = await f.must('dashboard.get', {}, officer);
    const s2 = await f.must('dashboard.get', { schoolId: 'S2' }, officer);
    expect(all.totals).toMatchObject({ applications: 4, schools: 2, openCases: 1 });
    expect(all.scope).toBeNull();
    expect(s2.totals.applications).toBe(2);
    const missing = await f.call('dashboard.get', { schoolId: 'S9' }, officer);
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');
  });
});
