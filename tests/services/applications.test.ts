// The applications registry through the real dispatcher on a real SQLite district:
// paging, sorting, every filter, search, saved filters per user, the child's
// history, and a parent's written request recorded (or refused) through the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import { hashPassword } from '../../main/auth/password';
import { SETTING } from '../../main/services/settings';
import type { RegistryRow } from '../../shared/ipc/channels/applications';
import type { Channel } from '../../shared/ipc/contract';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T, pin } from '../support/logBuilder';

/** Submits with a name of its own, so name search and sort have something to tell apart. */
function submitNamed(
  log: LogBuilder,
  applicationId: string,
  lastName: string,
  firstName: string,
  spec: { pin: string; school?: string; language?: string; address?: string; privilege?: string },
): void {
  log.push('application.submitted', {
    applicationId,
    child: { pin: spec.pin, lastName, firstName, citizenship: 'KG' },
    guardian: { pin: '11203198500021', email: 'parent@example.kg', phone: '+996700000001' },
    schoolId: spec.school ?? 'S1',
    language: spec.language ?? 'ky',
    registeredAddress: spec.address ?? 'BISH.OKT.ST01.H1',
    ...(spec.privilege ? { privilege: { category: spec.privilege } } : {}),
  });
}

/**
 * S1 (ky 5, ru 3), S2 (ky 3), S3 (ky 0: a stream with no seat). Stage 1: A1, A2 (S1 ru), A3 (S2 catchment), A5
 * (military claim into S2). Stage 2: A4 fills S2, A6 is refused for want of a
 * seat, A1 withdraws and the same child applies again as A7, C1 is placed by the
 * commission. Documents: A2's are received on 2 August.
 */
function registryLog(): LogBuilder {
  const log = new LogBuilder();
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 3 } });
  log.school('S3', { catchment: ['BISH.OKT.ST03'], quotas: { ky: 0 } });
  log.at(T.stage1);
  submitNamed(log, 'A1', 'Асанов', 'Айбек', { pin: pin(1) });
  submitNamed(log, 'A2', 'Бекова', 'Айгерим', { pin: pin(2, '15052019', 1), language: 'ru' });
  submitNamed(log, 'A3', 'Токтогулов', 'Нурлан', {
    pin: pin(3, '01022020'),
    school: 'S2',
    address: 'BISH.OKT.ST02.H7',
  });
  submitNamed(log, 'A5', 'Wilson', 'Adam', { pin: pin(5), school: 'S2', privilege: 'military' });
  log.at(T.stage2);
  submitNamed(log, 'A4', 'Жумабаева', 'Мээрим', {
    pin: pin(4, '15052019', 1),
    school: 'S2',
    address: 'BISH.OKT.ST09.H1',
  });
  submitNamed(log, 'A6', 'Осмонов', 'Бакыт', {
    pin: pin(6),
    school: 'S2',
    address: 'BISH.OKT.ST09.H2',
  });
  log.withdraw('A1');
  submitNamed(log, 'A7', 'Асанов', 'Айбек', { pin: pin(1) });
  log.openCase('C1', { fullName: 'Бакыт уулу Тимур' });
  log.place('C1', 'S1', 'ky');
  log.at('2026-08-02T10:00:00+06:00');
  log.documents('A2');
  return log;
}

describe('the applications registry', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture(registryLog());
    // A real district reads today's time; hold its clock inside stage 2 and the documents window.
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-08-05T10:00:00+06:00');
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  const list = (request: object, session = officer) =>
    f.must('applications.list', request, session);
  const ids = (rows: RegistryRow[]) => rows.map((r) => r.id);

  it('lists every application with its total, in submission order by default', async () => {
    const all = await list({});
    expect(all.total).toBe(8);
    expect(ids(all.rows)).toEqual(['A1', 'A2', 'A3', 'A5', 'A4', 'A6', 'A7', 'C1']);
    expect(all.rows[0]).toMatchObject({
      status: 'withdrawn',
      schoolName: 'School S1',
      childName: expect.stringContaining('Асанов'),
    });
    // The list carries no addresses: those are for the detail pane only.
    expect(all.rows[0]).not.toHaveProperty('registeredAddress');
  });

  it('pages: each window is the matching slice of the whole list, and the total stays', async () => {
    const all = await list({ sort: 'childName' });
    for (const offset of [0, 3, 6]) {
      const page = await list({ sort: 'childName', offset, limit: 3 });
      expect(page.total).toBe(8);
      expect(ids(page.rows)).toEqual(ids(all.rows).slice(offset, offset + 3));
    }
    expect((await list({ offset: 100, limit: 3 })).rows).toEqual([]);
  });

  it('sorts by any column, both ways, ties broken by id', async () => {
    const byName = await list({ sort: 'childName' });
    const names = byName.rows.map((r) => r.childName.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const desc = await list({ sort: 'childName', direction: 'desc' });
    expect(ids(desc.rows)).toEqual(ids(byName.rows).reverse());
    const byStatus = await list({ sort: 'status' });
    expect(byStatus.rows.map((r) => r.status)).toEqual(
      [...byStatus.rows.map((r) => r.status)].sort(),
    );
    const bySchool = await list({ sort: 'schoolId', direction: 'desc' });
    expect(bySchool.rows[0]!.schoolId).toBe('S2');
    const byPin = await list({ sort: 'pin' });
    const pins = byPin.rows.map((r) => r.pin ?? '');
    expect(pins).toEqual([...pins].sort());
  });

  it('filters by status, stage, basis, privilege, category, school and stream language', async () => {
    expect(ids((await list({ status: ['refused'] })).rows)).toEqual(['A6']);
    expect(ids((await list({ status: ['withdrawn', 'documents_received'] })).rows)).toEqual([
      'A1',
      'A2',
      'C1',
    ]);
    expect(ids((await list({ stage: 1 })).rows)).toEqual(['A1', 'A2', 'A3', 'A5']);
    expect(ids((await list({ stage: 2 })).rows)).toEqual(['A4', 'A6', 'A7']);
    expect(ids((await list({ stage: 0 })).rows)).toEqual(['C1']);
    expect(ids((await list({ basis: 'commission' })).rows)).toEqual(['C1']);
    expect(ids((await list({ basis: 'none' })).rows)).toEqual(['A6']);
    expect(ids((await list({ basis: 'privilege' })).rows)).toEqual(['A5']);
    expect(ids((await list({ privilege: 'pending' })).rows)).toEqual(['A5']);
    expect(ids((await list({ privilegeCategory: 'military' })).rows)).toEqual(['A5']);
    expect(ids((await list({ schoolId: 'S2' })).rows)).toEqual(['A3', 'A5', 'A4', 'A6']);
    expect(ids((await list({ schoolId: 'S1', language: 'ru' })).rows)).toEqual(['A2']);
    // Filters combine.
    expect((await list({ schoolId: 'S2', status: ['registered'], stage: 2 })).total).toBe(1);
  });

  it('searches a PIN by prefix and a name by any part, in any case', async () => {
    expect(ids((await list({ search: pin(1) })).rows)).toEqual(['A1', 'A7']);
    expect((await list({ search: pin(1).slice(0, 9) })).total).toBeGreaterThanOrEqual(2);
    expect(ids((await list({ search: 'айгер' })).rows)).toEqual(['A2']);
    expect(ids((await list({ search: 'АСАНОВ' })).rows)).toEqual(['A1', 'A7']);
    expect(ids((await list({ search: 'wils' })).rows)).toEqual(['A5']);
    expect(ids((await list({ search: 'тимур' })).rows)).toEqual(['C1']);
    expect((await list({ search: '50%' })).total).toBe(0);
  });

  it('bad input is refused naming the field', async () => {
    for (const [request, field] of [
      [{ sort: 'age' }, 'sort'],
      [{ limit: 5000 }, 'limit'],
      [{ stage: 3 }, 'stage'],
      [{ status: ['lost'] }, 'status'],
      [{ language: 'Kyrgyz' }, 'language'],
      [{ offset: -1 }, 'offset'],
    ] as const) {
      const r = await f.call('applications.list', request, officer);
      expect(r.ok, field).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_request');
        expect(r.error.message).toContain(field);
      }
    }
  });

  it("shows one application with the child's whole history in log order", async () => {
    const { application, history } = await f.must(
      'applications.get',
      { applicationId: 'A7' },
      officer,
    );
    expect(application).toMatchObject({
      id: 'A7',
      status: 'registered',
      registeredAddress: 'BISH.OKT.ST01.H1',
    });
    // The child's earlier application (withdrawn) belongs to its history too.
    expect(history.map((h) => [h.applicationId, h.type])).toEqual([
      ['A1', 'application.submitted'],
      ['A1', 'application.withdrawn'],
      ['A7', 'application.submitted'],
    ]);
    const seqs = history.map((h) => h.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const c1 = await f.must('applications.get', { applicationId: 'C1' }, officer);
    expect(c1.history.map((h) => h.type)).toEqual(['commission.case_opened', 'commission.decided']);

    const missing = await f.call('applications.get', { applicationId: 'NOPE' }, officer);
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('lists the in-scope streams with their free seats for a transfer', async () => {
    const { streams } = await f.must('applications.streams', {}, officer);
    expect(streams.find((s) => s.schoolId === 'S2' && s.language === 'ky')?.free).toBe(0);
    expect(streams.find((s) => s.schoolId === 'S1' && s.language === 'ru')?.free).toBe(2);
  });

  it("records a parent's withdrawal with its reference; the status changes and the event carries the request", async () => {
    const before = await f.app.store!.eventCount();
    const request = {
      applicationId: 'A4',
      reference: 'Заявление №17 от 04.08.2026',
      note: 'the family moves to Osh',
    };
    const value = await f.must('applications.withdraw', request, officer);
    expect(value.detail.application.status).toBe('withdrawn');
    expect(value.detail.history.at(-1)).toMatchObject({
      type: 'application.withdrawn',
      reference: 'Заявление №17 от 04.08.2026',
      note: 'the family moves to Osh',
      actorId: 'officer',
    });
    expect(await f.app.store!.eventCount()).toBe(before + 1);
    const [stored] = await f.app.store!.reads.events({ afterSeq: before, limit: 1 });
    expect(JSON.parse(stored!.body)).toMatchObject({
      id: value.eventId,
      actor: { role: 'district', id: 'officer' },
      data: { applicationId: 'A4', reference: 'Заявление №17 от 04.08.2026' },
    });
    expect((await list({ search: 'мээрим' })).rows[0]!.status).toBe('withdrawn');
  });

  it('refusals carry the engine reason and write nothing', async () => {
    const before = await f.app.store!.eventCount();
    const cases: [Channel, object, string][] = [
      ['applications.withdraw', { applicationId: 'A2', reference: 'r1' }, 'list_locked'],
      ['applications.withdraw', { applicationId: 'A6', reference: 'r2' }, 'not_active'],
      [
        'applications.withdraw',
        { applicationId: 'NO-SUCH', reference: 'r3' },
        'application_not_found',
      ],
      [
        'applications.transfer',
        { applicationId: 'A2', toSchoolId: 'S1', toLanguage: 'ky', reference: 'r4' },
        'list_locked',
      ],
      [
        'applications.transfer',
        { applicationId: 'A3', toSchoolId: 'S2', toLanguage: 'ky', reference: 'r5' },
        'same_school',
      ],
      [
        'applications.transfer',
        { applicationId: 'A7', toSchoolId: 'S1', toLanguage: 'uz', reference: 'r6' },
        'language_not_offered',
      ],
      [
        'applications.transfer',
        { applicationId: 'A7', toSchoolId: 'S9', toLanguage: 'ky', reference: 'r7' },
        'school_not_found',
      ],
    ];
    for (const [channel, request, reason] of cases) {
      const r = await f.call(channel, request, officer);
      expect(
        r.ok ? 'ok' : `${r.error.code}:${r.error.reason}`,
        `${channel} ${JSON.stringify(request)}`,
      ).toBe(`refused:${reason}`);
    }
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it('a transfer into a full stream is refused; into a free seat it moves the child and frees the old seat', async () => {
    // S2 ky: A3 and A5 hold seats, A4 withdrew: one free seat, which A7 takes.
    const t = await f.must(
      'applications.transfer',
      { applicationId: 'A7', toSchoolId: 'S2', toLanguage: 'ky', reference: 'Арыз №3' },
      officer,
    );
    expect(t.detail.application).toMatchObject({ schoolId: 'S2', basis: 'open' });
    const full = await f.call(
      'applications.transfer',
      { applicationId: 'A3', toSchoolId: 'S3', toLanguage: 'ky', reference: 'Арыз №4' },
      officer,
    );
    expect(!full.ok && `${full.error.code}:${full.error.reason}`).toBe('refused:no_free_seats');
    // A commission placement counts as documents received: its place is locked.
    const locked = await f.call(
      'applications.transfer',
      { applicationId: 'C1', toSchoolId: 'S2', toLanguage: 'ky', reference: 'Арыз №5' },
      officer,
    );
    expect(!locked.ok && `${locked.error.code}:${locked.error.reason}`).toBe('refused:list_locked');
    const streams = await f.app.store!.streams('S2');
    expect(streams[0]).toMatchObject({ quota: 3, occupied: 3 });
  });

  it('a written request needs its reference', async () => {
    const r = await f.call(
      'applications.withdraw',
      { applicationId: 'A3', reference: '   ' },
      officer,
    );
    expect(!r.ok && r.error.code).toBe('invalid_request');
    expect(!r.ok && r.error.message).toContain('reference');
  });

  it('saved filters belong to the user who saved them', async () => {
    const store = f.app.store!;
    await store.addUser({
      username: 'officer2',
      displayName: 'Second Officer',
      role: 'district',
      schoolId: null,
      passwordHash: await hashPassword('officer2-pass'),
    });
    const other = f.caller();
    const signIn = await f.call(
      'auth.signIn',
      { username: 'officer2', password: 'officer2-pass' },
      other,
    );
    expect(signIn.ok).toBe(true);

    const saved = await f.call(
      'applications.saveFilter',
      {
        name: 'Refused in S2',
        filter: { schoolId: 'S2', status: ['refused'] },
        sort: 'childName',
        direction: 'desc',
      },
      officer,
    );
    expect(saved.ok).toBe(true);
    await f.call(
      'applications.saveFilter',
      { name: 'Pending claims', filter: { privilege: 'pending' } },
      officer,
    );
    // Saving under an existing name replaces it.
    await f.call(
      'applications.saveFilter',
      { name: 'Pending claims', filter: { privilege: 'pending', stage: 1 } },
      officer,
    );
    const mine = await f.must('applications.filters', {}, officer);
    expect(mine.filters).toEqual([
      {
        name: 'Refused in S2',
        filter: { schoolId: 'S2', status: ['refused'] },
        sort: 'childName',
        direction: 'desc',
      },
      { name: 'Pending claims', filter: { privilege: 'pending', stage: 1 } },
    ]);
    const theirs = await f.must('applications.filters', {}, other);
    expect(theirs.filters).toEqual([]);

    // Applying a saved filter is sending it back as the list request.
    const applied = mine.filters[0]!.filter;
    expect(ids((await list(applied)).rows)).toEqual(['A6']);

    const deleted = await f.must('applications.deleteFilter', { name: 'Refused in S2' }, officer);
    expect(deleted.filters.map((x) => x.name)).toEqual(['Pending claims']);
    const again = await f.call('applications.deleteFilter', { name: 'Refused in S2' }, officer);
    expect(!again.ok && again.error.code).toBe('not_found');
    const otherDelete = await f.call(
      'applications.deleteFilter',
      { name: 'Pending claims' },
      other,
    );
    expect(!otherDelete.ok && otherDelete.error.code).toBe('not_found');
  });

  it('commission members and directors cannot reach the registry or record requests', async () => {
    const commission = await f.signedIn('commission');
    const director = await f.signedIn('director');
    const before = await f.app.store!.eventCount();
    for (const session of [commission, director]) {
      for (const [channel, request] of [
        ['applications.list', { schoolId: 'S1' }],
        ['applications.get', { applicationId: 'A3' }],
        ['applications.withdraw', { applicationId: 'A3', reference: 'x' }],
        [
          'applications.transfer',
          { applicationId: 'A3', toSchoolId: 'S1', toLanguage: 'ru', reference: 'x' },
        ],
        ['applications.streams', {}],
        ['applications.filters', {}],
        ['applications.saveFilter', { name: 'x', filter: {} }],
        ['applications.deleteFilter', { name: 'x' }],
      ] as const) {
        const r = await f.call(channel, request, session);
        expect(r.ok ? 'ok' : r.error.code, `${channel} as ${session.user!.role}`).toBe('forbidden');
      }
    }
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it('outside stage 2 a transfer is refused as outside the window', async () => {
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-09-12T10:00:00+06:00');
    const r = await f.call(
      'applications.transfer',
      { applicationId: 'A3', toSchoolId: 'S1', toLanguage: 'ru', reference: 'late' },
      officer,
    );
    expect(!r.ok && `${r.error.code}:${r.error.reason}`).toBe('refused:outside_window');
  });
});
