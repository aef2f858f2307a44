// The director's school on a real SQLite district: the list and every action are
// limited to the director's own school, the checklist needs all five documents,
// a pending claim and the documents window are the engine's to refuse, and
// admission orders are numbered per school with later arrivals in later orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import { SETTING } from '../../main/services/settings';
import { nextOrderNumber } from '../../main/services/orders/orderServices';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T } from '../support/logBuilder';

const ALL = ['passport', 'birth_certificate', 'medical_f26', 'medical_f63', 'photos'];

function schoolLog(): LogBuilder {
  const log = new LogBuilder();
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 4 } });
  log.at(T.stage1);
  log.submit('A1', { school: 'S1' });
  log.submit('A2', { school: 'S1', language: 'ru' });
  log.submit('A3', { school: 'S2', address: 'BISH.OKT.ST02.H7' });
  log.submit('A5', { school: 'S1', privilege: 'military' });
  log.submit('A6', { school: 'S1' });
  log.at(T.stage2);
  log.withdraw('A6');
  return log;
}

describe("a director's school", () => {
  let f: DistrictFixture;
  let director: Session;
  let officer: Session;
  const ok: DistrictFixture['must'] = (channel, request, s) => f.must(channel, request, s);
  const fail: DistrictFixture['fails'] = (channel, request, s) => f.fails(channel, request, s);
  const setClock = (at: string) => f.app.store!.setSetting(SETTING.frozenAt, at);

  beforeAll(async () => {
    f = await districtFixture(schoolLog());
    director = await f.signedIn('director');
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  it('lists every child placed at the school, and only that school', async () => {
    await setClock('2026-07-10T12:00:00+06:00');
    const list = await ok('school.children', {}, director);
    expect(list.school).toEqual({ schoolId: 'S1', name: expect.any(String) });
    expect(list.children.map((c) => c.applicationId).sort()).toEqual(['A1', 'A2', 'A5']);
    expect(list.documentsOpen).toBe(false);
    const a5 = list.children.find((c) => c.applicationId === 'A5')!;
    expect(a5).toMatchObject({
      status: 'registered',
      privilege: 'pending',
      privilegeCategory: 'military',
      language: 'ky',
      stage: 1,
    });
    // 2026-07-10 12:00 to the deadline 2026-09-15 00:00: 66.5 days, rounded up.
    expect(a5.daysLeft).toBe(67);
    expect(a5.atRisk).toBe(false);
  });

  it('a director asking for another school is forbidden; an officer may name any', async () => {
    expect((await fail('school.children', { schoolId: 'S2' }, director)).code).toBe('forbidden');
    expect((await fail('school.orders', { schoolId: 'S2' }, director)).code).toBe('forbidden');
    expect((await ok('school.children', { schoolId: 'S1' }, director)).school.schoolId).toBe('S1');
    const s2 = await ok('school.children', { schoolId: 'S2' }, officer);
    expect(s2.children.map((c) => c.applicationId)).toEqual(['A3']);
    expect((await fail('school.children', { schoolId: 'NOPE' }, officer)).code).toBe('not_found');
  });

  it('documents outside the window are refused by the engine, and nothing is written', async () => {
    const before = await f.app.store!.eventCount();
    const e = await fail('school.receiveDocuments', { applicationId: 'A1', items: ALL }, director);
    expect(e).toMatchObject({ code: 'refused', reason: 'outside_window' });
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it("documents for another school's child are forbidden", async () => {
    await setClock('2026-08-03T10:00:00+06:00');
    const before = await f.app.store!.eventCount();
    expect(
      (await fail('school.receiveDocuments', { applicationId: 'A3', items: ALL }, director)).code,
    ).toBe('forbidden');
    expect(
      (await fail('school.receiveDocuments', { applicationId: 'NOPE', items: ALL }, director)).code,
    ).toBe('not_found');
    // Officers and the commission do not receive a school's paper documents.
    expect(
      (await fail('school.receiveDocuments', { applicationId: 'A1', items: ALL }, officer)).code,
    ).toBe('forbidden');
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it('the checklist needs all five documents and names the missing ones', async () => {
    const e = await fail(
      'school.receiveDocuments',
      { applicationId: 'A1', items: ['passport', 'birth_certificate', 'photos'] },
      director,
    );
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/^items: .*medical_f26, medical_f63/);
    const bad = await fail(
      'school.receiveDocuments',
      { applicationId: 'A1', items: ['passport', 'visa'] },
      director,
    );
    expect(bad.code).toBe('invalid_request');
    expect(bad.message).toContain('items.1');
  });

  it('a pending claim must be decided first', async () => {
    const e = await fail('school.receiveDocuments', { applicationId: 'A5', items: ALL }, director);
    expect(e).toMatchObject({ code: 'refused', reason: 'privilege_pending' });
  });

  it('receives the documents with the checklist, as the director, keeping the items and note', async () => {
    const r = await ok(
      'school.receiveDocuments',
      { applicationId: 'A1', items: ALL, note: 'F-26 dated 2026-07-30' },
      director,
    );
    const app = await f.app.store!.reads.application('A1');
    expect(app!.application.status).toBe('documents_received');
    const event = JSON.parse(app!.events.find((e) => e.id === r.eventId)!.body);
    expect(event).toMatchObject({
      type: 'documents.received',
      actor: { role: 'director', id: 'director' },
      data: { applicationId: 'A1', items: ALL, note: 'F-26 dated 2026-07-30' },
    });
    const list = await ok('school.children', {}, director);
    const a1 = list.children.find((c) => c.applicationId === 'A1');
    // Documents in: no deadline left to meet, never at risk.
    expect(a1).toMatchObject({ status: 'documents_received', daysLeft: null, atRisk: false });
    // Locked list (R10): the same documents twice are refused.
    expect(
      await fail('school.receiveDocuments', { applicationId: 'A1', items: ALL }, director),
    ).toMatchObject({ code: 'refused', reason: 'not_active' });
  });

  it('numbers orders per school, enrols the children with documents, and later arrivals go in later orders', async () => {
    const first = await ok('school.orders', {}, director);
    expect(first).toMatchObject({ orders: [], nextNumber: '1', waiting: 1 });
    const o1 = await ok('school.issueOrder', { orderNumber: '1' }, director);
    // The log keeps the login; the order carries the person's name for screens and paper (issue 13).
    expect(o1).toMatchObject({
      schoolId: 'S1',
      orderNumber: '1',
      issuedBy: 'director',
      issuedByName: 'Director S1',
    });
    expect(o1.children.map((c) => c.applicationId)).toEqual(['A1']);
    expect((await f.app.store!.reads.application('A1'))!.application).toMatchObject({
      status: 'enrolled',
      orderNumber: '1',
    });

    // Nobody waiting: the engine refuses an empty order.
    expect(await fail('school.issueOrder', { orderNumber: '2' }, director)).toMatchObject({
      code: 'refused',
      reason: 'nothing_to_enroll',
    });

    await ok('school.receiveDocuments', { applicationId: 'A2', items: ALL }, director);
    const dup = await fail('school.issueOrder', { orderNumber: '1' }, director);
    expect(dup.code).toBe('invalid_request');
    expect(dup.message).toMatch(/^orderNumber: /);
    const second = await ok('school.orders', {}, director);
    expect(second).toMatchObject({ nextNumber: '2', waiting: 1 });
    const o2 = await ok('school.issueOrder', { orderNumber: '2' }, director);
    expect(o2.children.map((c) => c.applicationId)).toEqual(['A2']);

    const listed = await ok('school.orders', {}, director);
    expect(
      listed.orders.map((o: { orderNumber: string; children: unknown[] }) => [
        o.orderNumber,
        o.children.length,
      ]),
    ).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
    expect(listed.nextNumber).toBe('3');
  });

  it("officers issue no orders but read every school's, district-wide", async () => {
    expect((await fail('school.issueOrder', { orderNumber: '9' }, officer)).code).toBe('forbidden');
    const all = await ok('school.orders', {}, officer);
    expect(all.nextNumber).toBeNull();
    expect(
      all.orders.map(
        (o: { schoolId: string; orderNumber: string }) => `${o.schoolId}:${o.orderNumber}`,
      ),
    ).toEqual(['S1:1', 'S1:2']);
    expect((await ok('school.orders', { schoolId: 'S2' }, officer)).orders).toEqual([]);
  });

  it('registered children close to the deadline are at risk', async () => {
    await setClock('2026-09-05T09:00:00+06:00');
    const list = await ok('school.children', {}, director);
    const a5 = list.children.find((c) => c.applicationId === 'A5')!;
    expect(a5).toMatchObject({ daysLeft: 10, atRisk: true });
    expect(list.atRiskDays).toBe(14);
  });

  it('order numbers: one more than the highest number, never one in use', () => {
    expect(nextOrderNumber([])).toBe('1');
    expect(nextOrderNumber(['1', '2'])).toBe('3');
    expect(nextOrderNumber(['7', '6-a'])).toBe('8');
    expect(nextOrderNumber(['12/2026'])).toBe('1');
  });
});
