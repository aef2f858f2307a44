// One test (or more) per rule of RULES.md and per reason code of FORMATS.md.
import { describe, expect, it } from 'vitest';
import { LogBuilder, T, pin } from '../support/logBuilder';

const inCatchment = 'BISH.OKT.ST01.H1';
const elsewhere = 'BISH.OKT.ST09.H1';

function district(calendar: Record<string, unknown> = {}) {
  return new LogBuilder(calendar)
    .school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 2, ru: 1 } })
    .school('S2', { kind: 'municipal', catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } })
    .school('P1', { kind: 'private', catchment: ['BISH.OKT.ST01'], quotas: { ky: 5 } });
}

describe('R1 windows', () => {
  it('refuses submissions before stage 1, and after stage 2, with stage null', () => {
    const log = district();
    log.at('2026-04-11T08:59:59+06:00').submit('early', { address: inCatchment });
    log.at(T.stage2End).submit('late', { address: inCatchment });
    const out = log.replay();
    expect(out.applications.early).toMatchObject({
      status: 'refused',
      reason: 'outside_window',
      stage: null,
      basis: null,
    });
    expect(out.applications.late).toMatchObject({
      status: 'refused',
      reason: 'outside_window',
      stage: null,
    });
  });

  it('stage 1 is [stage1Start, stage2Start) and stage 2 is [stage2Start, stage2End)', () => {
    const log = district();
    log.at(T.stage1).submit('first', { address: inCatchment });
    log
      .at('2026-06-27T08:59:59+06:00')
      .submit('lastOfStage1', { address: inCatchment, pin: pin(2) });
    log.at(T.stage2).submit('firstOfStage2', { school: 'S2', address: elsewhere, pin: pin(3) });
    const out = log.replay();
    expect(out.applications.first.stage).toBe(1);
    expect(out.applications.lastOfStage1.stage).toBe(1);
    expect(out.applications.firstOfStage2).toMatchObject({
      stage: 2,
      status: 'registered',
      basis: 'open',
    });
  });
});

describe('R2 validity', () => {
  it.each([
    ['too short', '2150520190000'],
    ['too long', '215052019000011'],
    ['letters', '2150520190000A'],
    ['sex digit 3', '31505201900001'],
    ['31 February', '23102201900001'],
    ['month 13', '20113201900001'],
    ['29 February of a common year', '22902201900001'],
  ])('refuses an invalid PIN (%s)', (_, badPin) => {
    const log = district();
    log.at(T.stage1).submit('A', { pin: badPin });
    expect(log.replay().applications.A).toMatchObject({
      status: 'refused',
      reason: 'invalid_pin',
      stage: 1,
    });
  });

  it('accepts 29 February of a leap year and the range bounds inclusive', () => {
    const log = district({ birthDateFrom: '2020-02-29', birthDateTo: '2020-03-01' });
    log.at(T.stage1).submit('leap', { pin: pin(1, '29022020') });
    log.submit('upper', { pin: pin(2, '01032020', 1) });
    log.submit('older', { pin: pin(3, '28022020') });
    log.submit('younger', { pin: pin(4, '02032020') });
    const out = log.replay();
    expect(out.applications.leap.status).toBe('registered');
    expect(out.applications.upper.status).toBe('registered');
    expect(out.applications.older).toMatchObject({ status: 'refused', reason: 'age_out_of_range' });
    expect(out.applications.younger).toMatchObject({
      status: 'refused',
      reason: 'age_out_of_range',
    });
  });
});

describe('schools and streams', () => {
  it('refuses an unknown school, an out-of-scope kind and a language without a quota, in that order', () => {
    const log = district();
    log.at(T.stage1).submit('unknown', { school: 'S9' });
    log.submit('private', { school: 'P1' });
    log.submit('uz', { language: 'uz' });
    const out = log.replay();
    expect(out.applications.unknown.reason).toBe('school_not_found');
    expect(out.applications.private.reason).toBe('school_not_in_scope');
    expect(out.applications.uz.reason).toBe('language_not_offered');
  });

  it.each(['private', 'special', 'gymnasium'])('a %s school takes no part', (kind) => {
    const log = new LogBuilder().school('X', { kind, catchment: ['BISH'], quotas: { ky: 9 } });
    log.at(T.stage1).submit('A', { school: 'X' });
    expect(log.replay().applications.A.reason).toBe('school_not_in_scope');
  });

  it('set-up events on an unknown school are refused as rejections; school.registered updates', () => {
    const log = district();
    const c = log.push('catchment.set', { schoolId: 'S9', addresses: ['X'] });
    const q = log.quota('S9', 'ky', 3);
    log.push('school.registered', {
      schoolId: 'S1',
      name: 'Renamed',
      kind: 'private',
      districtId: 'D1',
    });
    log.at(T.stage1).submit('A');
    const out = log.replay();
    expect(out.rejections).toEqual([
      { eventId: c, type: 'catchment.set', reason: 'school_not_found' },
      { eventId: q, type: 'quota.set', reason: 'school_not_found' },
    ]);
    expect(out.applications.A.reason).toBe('school_not_in_scope');
  });
});

describe('R3 one place per child', () => {
  it('refuses a second active application of the same PIN, but not after a withdrawal', () => {
    const log = district();
    log.at(T.stage1).submit('A1', { pin: pin(1) });
    log.submit('A2', { pin: pin(1) });
    log.withdraw('A1');
    log.submit('A3', { pin: pin(1) });
    const out = log.replay();
    expect(out.applications.A2).toMatchObject({
      status: 'refused',
      reason: 'duplicate_application',
    });
    expect(out.applications.A3.status).toBe('registered');
  });

  it('a reused applicationId makes no application and is listed as duplicate_id', () => {
    const log = district();
    log.at(T.stage1).submit('A1', { pin: pin(1) });
    const dup = log.submit('A1', { pin: pin(2) });
    const out = log.replay();
    expect(Object.keys(out.applications)).toEqual(['A1']);
    expect(out.rejections).toEqual([
      { eventId: dup, type: 'application.submitted', reason: 'duplicate_id' },
    ]);
  });

  it('duplicate_id comes before every other check, even outside the window', () => {
    const log = district();
    log.at(T.stage1).submit('A1');
    const dup = log.at(T.stage2End).submit('A1', { pin: 'bad' });
    expect(log.replay().rejections[0]).toEqual({
      eventId: dup,
      type: 'application.submitted',
      reason: 'duplicate_id',
    });
  });
});

describe('R4 stage 1 by registered address', () => {
  it('places every catchment child even beyond the quota, and shows overflow', () => {
    const log = district();
    log.at(T.stage1);
    for (let i = 1; i <= 4; i++)
      log.submit(`A${i}`, { pin: pin(i), address: `BISH.OKT.ST01.H${i}` });
    const out = log.replay();
    for (let i = 1; i <= 4; i++)
      expect(out.applications[`A${i}`]).toMatchObject({
        status: 'registered',
        basis: 'catchment',
        stage: 1,
      });
    expect(out.streams['S1/ky']).toEqual({
      quota: 2,
      occupied: 4,
      free: 0,
      overflow: 2,
      waitlist: 0,
    });
  });

  it('covers an address equal to an entry or below it, never a sibling with the same prefix', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('equal', { pin: pin(1), address: 'BISH.OKT.ST01' });
    log.submit('below', { pin: pin(2), address: 'BISH.OKT.ST01.H7.K2' });
    log.submit('sibling', { pin: pin(3), address: 'BISH.OKT.ST010.H1' });
    const out = log.replay();
    expect(out.applications.equal.basis).toBe('catchment');
    expect(out.applications.below.basis).toBe('catchment');
    expect(out.applications.sibling).toMatchObject({
      status: 'refused',
      reason: 'not_in_catchment',
      basis: null,
    });
  });

  it('a changed catchment applies to later applications', () => {
    const log = district();
    log.at(T.stage1).submit('before', { pin: pin(1), address: 'BISH.OKT.ST05.H1' });
    log.push('catchment.set', { schoolId: 'S1', addresses: ['BISH.OKT.ST01', 'BISH.OKT.ST05'] });
    log.submit('after', { pin: pin(2), address: 'BISH.OKT.ST05.H2' });
    const out = log.replay();
    expect(out.applications.before.reason).toBe('not_in_catchment');
    expect(out.applications.after.basis).toBe('catchment');
  });
});

describe('R5 privileges', () => {
  it('a claim places outside the catchment only into a free seat, pending review', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('P1', { pin: pin(1), address: elsewhere, privilege: 'military' });
    log.submit('P2', { pin: pin(2), address: elsewhere, privilege: 'teacher' });
    log.submit('P3', { pin: pin(3), address: elsewhere, privilege: 'kairylman' });
    const out = log.replay();
    expect(out.applications.P1).toMatchObject({
      status: 'registered',
      basis: 'privilege',
      privilege: 'pending',
    });
    expect(out.applications.P2).toMatchObject({
      status: 'registered',
      basis: 'privilege',
      privilege: 'pending',
    });
    expect(out.applications.P3).toMatchObject({
      status: 'refused',
      reason: 'no_free_seats',
      basis: null,
      privilege: 'none',
    });
  });

  it('rejection cancels a placement that rested on the claim and frees its seat; approval keeps it', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('P1', { pin: pin(1), address: elsewhere, privilege: 'military' });
    log.submit('P2', { pin: pin(2), address: elsewhere, privilege: 'military' });
    log.review('P1', 'rejected');
    log.review('P2', 'approved');
    log.submit('P3', { pin: pin(3), address: elsewhere, privilege: 'teacher' });
    const out = log.replay();
    expect(out.applications.P1).toMatchObject({
      status: 'refused',
      reason: 'privilege_rejected',
      privilege: 'rejected',
      basis: null,
    });
    expect(out.applications.P2).toMatchObject({
      status: 'registered',
      basis: 'privilege',
      privilege: 'approved',
    });
    expect(out.applications.P3).toMatchObject({ status: 'registered', basis: 'privilege' });
    expect(out.streams['S1/ky'].occupied).toBe(2);
  });

  it('a catchment child with a claim is pending too and keeps its place when rejected', () => {
    const log = district();
    log.at(T.stage1).submit('C', { address: inCatchment, privilege: 'teacher' });
    log.review('C', 'rejected');
    expect(log.replay().applications.C).toMatchObject({
      status: 'registered',
      basis: 'catchment',
      privilege: 'rejected',
    });
  });

  it('refuses a category the campaign does not recognise, in either stage', () => {
    const log = district({ privilegeCategories: ['military'] });
    log.at(T.stage1).submit('A', { pin: pin(1), address: inCatchment, privilege: 'teacher' });
    log.at(T.stage2).submit('B', { pin: pin(2), privilege: 'veteran' });
    const out = log.replay();
    expect(out.applications.A.reason).toBe('privilege_not_recognized');
    expect(out.applications.B.reason).toBe('privilege_not_recognized');
  });

  it('in stage 2 a claim plays no part: recorded as none', () => {
    const log = district();
    log.at(T.stage2).submit('A', { address: elsewhere, privilege: 'military' });
    expect(log.replay().applications.A).toMatchObject({
      status: 'registered',
      basis: 'open',
      privilege: 'none',
    });
  });

  it('review reasons: application_not_found, no_pending_privilege, not_active', () => {
    const log = district();
    log.at(T.stage1);
    const missing = log.review('nobody', 'approved');
    log.submit('plain', { pin: pin(1), address: inCatchment });
    const none = log.review('plain', 'approved');
    log.submit('claim', { pin: pin(2), address: elsewhere, privilege: 'military' });
    log.withdraw('claim');
    const inactive = log.review('claim', 'approved');
    expect(log.replay().rejections.map((r) => [r.eventId, r.reason])).toEqual([
      [missing, 'application_not_found'],
      [none, 'no_pending_privilege'],
      [inactive, 'not_active'],
    ]);
  });
});

describe('R6 stage 2 free seats only', () => {
  it('first come, first served; any in-scope school regardless of address', () => {
    const log = district();
    log.at(T.stage2);
    log.submit('A', { pin: pin(1), school: 'S2', address: elsewhere });
    log.submit('B', { pin: pin(2), school: 'S2', address: 'BISH.OKT.ST02.H1' });
    const out = log.replay();
    expect(out.applications.A).toMatchObject({ status: 'registered', basis: 'open', stage: 2 });
    expect(out.applications.B).toMatchObject({
      status: 'refused',
      reason: 'no_free_seats',
      stage: 2,
      basis: null,
    });
  });

  it('a raised quota makes room; a lowered quota evicts nobody', () => {
    const log = district();
    log.at(T.stage2);
    log.submit('A', { pin: pin(1), school: 'S2' });
    log.submit('B', { pin: pin(2), school: 'S2' });
    log.quota('S2', 'ky', 2);
    log.submit('C', { pin: pin(3), school: 'S2' });
    log.quota('S2', 'ky', 0);
    const out = log.replay();
    expect(out.applications.B.reason).toBe('no_free_seats');
    expect(out.applications.C.status).toBe('registered');
    expect(out.applications.A.status).toBe('registered');
    expect(out.streams['S2/ky']).toEqual({
      quota: 0,
      occupied: 2,
      free: 0,
      overflow: 2,
      waitlist: 0,
    });
  });
});

describe('R7 transfers', () => {
  it('moves atomically to a free seat, sets basis open and drops a pending claim', () => {
    const log = district();
    log.at(T.stage1).submit('A', { address: inCatchment, privilege: 'military' });
    log.at(T.stage2).transfer('A', 'S1', 'ru');
    const out = log.replay();
    expect(out.applications.A).toMatchObject({
      status: 'registered',
      schoolId: 'S1',
      language: 'ru',
      basis: 'open',
      privilege: 'none',
      stage: 1,
    });
    expect(out.streams['S1/ky'].occupied).toBe(0);
    expect(out.streams['S1/ru'].occupied).toBe(1);
  });

  it('every transfer refusal, in order, keeps the child in place', () => {
    const log = district();
    log.at(T.stage1);
    const missing = log.transfer('nobody', 'S2');
    log.submit('A', { pin: pin(1), address: inCatchment });
    const early = log.transfer('A', 'S2');
    log.at(T.stage2);
    log.submit('W', { pin: pin(2), school: 'S2' });
    const noSeats = log.transfer('A', 'S2');
    const notFound = log.transfer('A', 'S9');
    const scope = log.transfer('A', 'P1');
    const lang = log.transfer('A', 'S2', 'ru');
    const same = log.transfer('A', 'S1');
    log.withdraw('W');
    const inactive = log.transfer('W', 'S1');
    log.at(T.documents).documents('A');
    const locked = log.transfer('A', 'S2');
    const out = log.replay();
    expect(out.rejections.map((r) => [r.eventId, r.reason])).toEqual([
      [missing, 'application_not_found'],
      [early, 'outside_window'],
      [noSeats, 'no_free_seats'],
      [notFound, 'school_not_found'],
      [scope, 'school_not_in_scope'],
      [lang, 'language_not_offered'],
      [same, 'same_school'],
      [inactive, 'not_active'],
      [locked, 'list_locked'],
    ]);
    expect(out.applications.A).toMatchObject({
      schoolId: 'S1',
      language: 'ky',
      status: 'documents_received',
    });
  });
});

describe('R8 withdrawal', () => {
  it('frees the seat and keeps school, stage, basis and privilege', () => {
    const log = district();
    log.at(T.stage1).submit('A', { address: elsewhere, privilege: 'teacher' });
    log.withdraw('A');
    const out = log.replay();
    expect(out.applications.A).toMatchObject({
      status: 'withdrawn',
      reason: null,
      schoolId: 'S1',
      stage: 1,
      basis: 'privilege',
      privilege: 'pending',
    });
    expect(out.streams['S1/ky'].occupied).toBe(0);
  });

  it('counts withdrawals per child against the campaign limit', () => {
    const log = district({ maxWithdrawals: 1 });
    log.at(T.stage1).submit('A1', { pin: pin(1) });
    log.withdraw('A1');
    log.submit('A2', { pin: pin(1) });
    const limited = log.withdraw('A2');
    const missing = log.withdraw('nobody');
    log.withdraw('A1');
    const out = log.replay();
    expect(out.applications.A2.status).toBe('registered');
    expect(out.rejections.map((r) => r.reason)).toEqual([
      'withdrawal_limit',
      'application_not_found',
      'not_active',
    ]);
    expect(out.rejections[0].eventId).toBe(limited);
    expect(out.rejections[1].eventId).toBe(missing);
  });
});

describe('R9 and R10 documents lock the list', () => {
  it('all five items in the window; a pending claim first; then the list is locked', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('A', { pin: pin(1), address: inCatchment });
    log.submit('B', { pin: pin(2), address: inCatchment, privilege: 'teacher' });
    const early = log.documents('A');
    log.at(T.documents);
    const incomplete = log.documents('A', [
      'passport',
      'birth_certificate',
      'medical_f26',
      'medical_f63',
    ]);
    const pending = log.documents('B');
    log.documents('A');
    const again = log.documents('A');
    const withdraw = log.withdraw('A');
    const missing = log.documents('nobody');
    const late = log.at(T.deadline).documents('B');
    const out = log.replay();
    expect(out.applications.A.status).toBe('documents_received');
    expect(out.rejections.map((r) => [r.eventId, r.reason])).toEqual([
      [early, 'outside_window'],
      [incomplete, 'documents_incomplete'],
      [pending, 'privilege_pending'],
      [again, 'not_active'],
      [withdraw, 'list_locked'],
      [missing, 'application_not_found'],
      [late, 'outside_window'],
    ]);
  });
});

describe('R11 the documents deadline', () => {
  it('turns every registered application into no_documents and frees seats, at the deadline instant', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('A', { pin: pin(1), address: inCatchment });
    log.submit('B', { pin: pin(2), address: inCatchment, privilege: 'military' });
    log.at(T.documents).documents('A');
    const before = log.replay('2026-09-14T23:59:59+06:00');
    expect(before.applications.B.status).toBe('registered');
    const after = log.replay(T.deadline);
    expect(after.asOf).toBe(T.deadline);
    expect(after.applications.B).toMatchObject({
      status: 'no_documents',
      reason: 'no_documents',
      basis: 'catchment',
      privilege: 'pending',
      stage: 1,
    });
    expect(after.applications.A.status).toBe('documents_received');
    expect(after.streams['S1/ky'].occupied).toBe(1);
  });

  it('fires before an event at or after the deadline is applied', () => {
    const log = district();
    log.at(T.stage1).submit('A', { address: inCatchment });
    log.at(T.deadline).quota('S1', 'ky', 2);
    expect(log.replay().applications.A.status).toBe('no_documents');
  });
});

describe('R12 commission', () => {
  it('places beyond the quota as documents received, or declines; a case is decided once', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('A', { pin: pin(1), school: 'S2', address: 'BISH.OKT.ST02.H1' });
    log.openCase('C1', { fullName: 'Bakyt uulu Timur', birthDate: '2018-03-02' });
    log.openCase('C2');
    const dupCase = log.openCase('C1');
    log.place('C1', 'S2', 'ky');
    log.decline('C2');
    const closed = log.place('C2', 'S2', 'ky');
    const missing = log.decline('C9');
    const out = log.replay();
    expect(out.applications.C1).toMatchObject({
      status: 'documents_received',
      basis: 'commission',
      stage: null,
      privilege: 'none',
      schoolId: 'S2',
    });
    expect(out.cases).toEqual({ C1: { status: 'placed' }, C2: { status: 'declined' } });
    expect(out.streams['S2/ky']).toEqual({
      quota: 1,
      occupied: 2,
      free: 0,
      overflow: 1,
      waitlist: 0,
    });
    expect(out.rejections.map((r) => [r.eventId, r.reason])).toEqual([
      [dupCase, 'duplicate_id'],
      [closed, 'case_closed'],
      [missing, 'case_not_found'],
    ]);
  });

  it('placement refusals: school, scope, language, an active application of the PIN, an application with the case id', () => {
    const log = district();
    log.at(T.stage1);
    log.submit('A', { pin: pin(1), address: inCatchment });
    log.submit('C5', { pin: pin(5), address: inCatchment });
    log.openCase('C1', { fullName: 'Asanov Aibek', pin: pin(1) });
    log.openCase('C5', { fullName: 'Someone Else' });
    const r = [
      log.place('C1', 'S9'),
      log.place('C1', 'P1'),
      log.place('C1', 'S1', 'uz'),
      log.place('C1', 'S1'),
      log.place('C5', 'S1'),
    ];
    const out = log.replay();
    expect(out.rejections.map((x) => [x.eventId, x.reason])).toEqual([
      [r[0], 'school_not_found'],
      [r[1], 'school_not_in_scope'],
      [r[2], 'language_not_offered'],
      [r[3], 'duplicate_application'],
      [r[4], 'duplicate_id'],
    ]);
    expect(out.cases.C1.status).toBe('open');
  });

  it('a placed child holds its PIN: a later submission of the same child is a duplicate', () => {
    const log = district();
    log.at(T.stage1).openCase('C1', { fullName: 'Asanov Aibek', pin: pin(7) });
    log.place('C1');
    log.submit('A', { pin: pin(7) });
    expect(log.replay().applications.A.reason).toBe('duplicate_application');
  });
});

describe('R13 admission orders', () => {
  it("enrols the school's received children; later orders enrol later arrivals", () => {
    const log = district();
    log.at(T.stage1);
    log.submit('A', { pin: pin(1), address: inCatchment });
    log.submit('B', { pin: pin(2), address: inCatchment });
    log.submit('X', { pin: pin(3), school: 'S2', address: 'BISH.OKT.ST02.H1' });
    log.openCase('C1');
    log.place('C1', 'S1', 'ru');
    const early = log.order('S1', '1');
    log.at(T.documents);
    log.documents('A');
    log.documents('X');
    log.order('S1', '7');
    log.documents('B');
    const nothing = log.order('S2', '3a') && log.order('S9', '1');
    log.order('S1', '8');
    const empty = log.order('S1', '9');
    const out = log.replay();
    expect(out.applications.A).toMatchObject({ status: 'enrolled', orderNumber: '7' });
    expect(out.applications.C1).toMatchObject({ status: 'enrolled', orderNumber: '7' });
    expect(out.applications.B).toMatchObject({ status: 'enrolled', orderNumber: '8' });
    expect(out.applications.X).toMatchObject({ status: 'enrolled', orderNumber: '3a' });
    expect(out.rejections.map((r) => [r.eventId, r.reason])).toEqual([
      [early, 'outside_window'],
      [nothing, 'school_not_found'],
      [empty, 'nothing_to_enroll'],
    ]);
  });

  it('enrolled children are locked too', () => {
    const log = district();
    log.at(T.stage1).submit('A', { address: inCatchment });
    log.at(T.documents).documents('A');
    log.order('S1', '1');
    log.withdraw('A');
    expect(log.replay().rejections.map((r) => r.reason)).toEqual(['list_locked']);
  });
});

describe('R14 and R15 log order and idempotence', () => {
  it('skips an already applied id whatever its time, and counts it', () => {
    const log = district();
    log.at(T.stage1).submit('A', { address: inCatchment });
    const first = log.events[log.events.length - 1];
    log.at(T.stage2);
    log.events.push({ ...first });
    log.submit('B', { school: 'S2' });
    const out = log.replay();
    expect(out.stats).toEqual({ events: log.events.length - 1, duplicates: 1 });
    expect(out.streams['S1/ky'].occupied).toBe(1);
  });
});
