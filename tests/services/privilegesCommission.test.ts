// Privilege review, the commission and attachments on a real SQLite district:
// the queue's scope per role, what approve and reject do to the placement,
// attachments stored once per content and checked by their bytes, cases opened
// and decided (beyond the quota only with a justification), and who may call what.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import type { ApiError } from '../../shared/ipc/contract';
import { ATTACHMENT_MAX_BYTES } from '../../shared/ipc/channels/attachments';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T } from '../support/logBuilder';
import { PNG, pdf } from '../support/scans';

// A real district stamps events with the wall clock: the calendar runs far enough
// ahead that "now" is still before the documents deadline, claims still pending.
const CALENDAR = {
  stage2End: '2029-09-11T00:00:00+06:00',
  documentsStart: '2029-08-01T00:00:00+06:00',
  documentsEnd: '2029-09-15T00:00:00+06:00',
};

function claimsLog(): LogBuilder {
  const log = new LogBuilder(CALENDAR);
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
  log.at(T.stage1);
  log.submit('P1', { school: 'S1', privilege: 'military' }); // catchment child with a claim
  log.submit('P2', { school: 'S2', address: 'BISH.OKT.ST09.H1', privilege: 'teacher' }); // placed on the claim
  log.submit('P3', { school: 'S1', address: 'BISH.OKT.ST09.H2', privilege: 'kairylman' }); // placed on the claim, S1
  log.submit('A3', { school: 'S2', address: 'BISH.OKT.ST02.H7' }); // a catchment child beyond the quota: 2 of 1, full once P2 goes
  log.openCase('C1');
  return log;
}

const PDF = pdf('A scanned certificate');

describe('privilege review, commission and attachments', () => {
  let f: DistrictFixture;
  let officer: Session;
  let director: Session;
  let commission: Session;
  const must: DistrictFixture['must'] = (channel, request, s) => f.must(channel, request, s);
  const fails: DistrictFixture['fails'] = (channel, request, s) => f.fails(channel, request, s);
  const upload = (subject: unknown, name: string, bytes: Buffer, s: Session) =>
    f.call('attachments.upload', { subject, name, chunk: bytes.toString('base64'), done: true }, s);

  beforeAll(async () => {
    f = await districtFixture(claimsLog());
    [officer, director, commission] = await Promise.all([
      f.signedIn('officer'),
      f.signedIn('director'),
      f.signedIn('commission'),
    ]);
  });
  afterAll(() => f?.close());

  it('the queue: an officer sees every pending claim, a director only their school', async () => {
    const all = await must('privileges.queue', {}, officer);
    expect(all.claims.map((c) => c.applicationId).sort()).toEqual(['P1', 'P2', 'P3']);
    const p2 = all.claims.find((c) => c.applicationId === 'P2');
    expect(p2).toMatchObject({
      category: 'teacher',
      basis: 'privilege',
      schoolId: 'S2',
      schoolName: 'School S2',
    });
    const mine = await must('privileges.queue', {}, director);
    expect(mine.claims.map((c) => c.applicationId).sort()).toEqual(['P1', 'P3']);
    expect((await fails('privileges.queue', {}, commission)).code).toBe('forbidden');
  });

  it("a director cannot review another school's claim", async () => {
    const e = await fails(
      'privileges.review',
      { applicationId: 'P2', decision: 'approved' },
      director,
    );
    expect(e.code).toBe('forbidden');
  });

  it('rejecting needs a note naming the field', async () => {
    const e = await fails(
      'privileges.review',
      { applicationId: 'P1', decision: 'rejected' },
      officer,
    );
    expect(e.code).toBe('invalid_request');
    expect(e.message).toContain('note');
  });

  it('attachments: type from the bytes, stored once per content, size limit', async () => {
    const fake = await upload(
      { kind: 'claim', id: 'P1' },
      'scan.png',
      Buffer.from('MZ not an image'),
      officer,
    );
    expect(!fake.ok && fake.error.code).toBe('invalid_request');
    const a = await upload({ kind: 'claim', id: 'P1' }, 'certificate.png', PNG, officer);
    const b = await upload({ kind: 'claim', id: 'P3' }, 'same-bytes.png', PNG, director);
    if (!a.ok || !b.ok) throw new Error('the uploads failed');
    const hash = a.value.attachment!.hash;
    expect(b.value.attachment!.hash).toBe(hash);
    expect(a.value.attachment!.type).toBe('image/png');
    const files = await readdir(path.join(f.dataDir, 'attachments'));
    expect(files.filter((n) => n === hash)).toHaveLength(1);
    expect(files.filter((n) => n.endsWith('.tmp'))).toHaveLength(0);

    // chunked: the limit is on the whole file, not on one chunk
    const chunk = Buffer.alloc(3 * 1024 * 1024).toString('base64');
    const first = await must(
      'attachments.upload',
      { subject: { kind: 'claim', id: 'P1' }, name: 'huge.pdf', chunk, done: false },
      officer,
    );
    let error: ApiError | null = null;
    for (let i = 0; i < 4 && error === null; i++) {
      const r = await f.call(
        'attachments.upload',
        {
          uploadId: first.uploadId,
          subject: { kind: 'claim', id: 'P1' },
          name: 'huge.pdf',
          chunk,
          done: false,
        },
        officer,
      );
      if (!r.ok) error = r.error;
    }
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(String(error!.message)).toContain(`${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
    // the upload is dropped: its id is unknown now
    expect(
      (
        await fails(
          'attachments.upload',
          {
            uploadId: first.uploadId,
            subject: { kind: 'claim', id: 'P1' },
            name: 'huge.pdf',
            chunk: '',
            done: true,
          },
          officer,
        )
      ).code,
    ).toBe('not_found');

    // the queue lists it; the bytes come back whole
    const q = await must('privileges.queue', {}, officer);
    expect(q.claims.find((c) => c.applicationId === 'P1')!.attachments.map((x) => x.name)).toEqual([
      'certificate.png',
    ]);
    const got = await must(
      'attachments.get',
      { subject: { kind: 'claim', id: 'P1' }, hash },
      director,
    );
    expect(Buffer.from(got.base64, 'base64').equals(PNG)).toBe(true);
  });

  it("a director cannot fetch another school's claim's attachment, nor a case's", async () => {
    const r = await upload({ kind: 'claim', id: 'P2' }, 'order.pdf', PDF, officer);
    if (!r.ok) throw new Error(`upload failed: ${r.error.message}`);
    const hash = r.value.attachment!.hash;
    expect(
      (await fails('attachments.get', { subject: { kind: 'claim', id: 'P2' }, hash }, director))
        .code,
    ).toBe('forbidden');
    // a hash of its own claim's file does not open another subject's
    expect(
      (await fails('attachments.get', { subject: { kind: 'claim', id: 'P1' }, hash }, director))
        .code,
    ).toBe('not_found');
    expect(
      (await fails('attachments.get', { subject: { kind: 'case', id: 'C1' }, hash }, director))
        .code,
    ).toBe('forbidden');
    expect(
      (
        await fails(
          'attachments.upload',
          {
            subject: { kind: 'claim', id: 'P2' },
            name: 'x.pdf',
            chunk: PDF.toString('base64'),
            done: true,
          },
          director,
        )
      ).code,
    ).toBe('forbidden');
    expect(
      (await fails('attachments.get', { subject: { kind: 'claim', id: 'P2' }, hash }, commission))
        .code,
    ).toBe('forbidden');
  });

  it('rejecting a claim the placement rested on removes it and frees the seat; the note and files go into the event', async () => {
    const before = (await f.app.store!.streams('S2')).find((s) => s.language === 'ky')!;
    const r = await must(
      'privileges.review',
      { applicationId: 'P2', decision: 'rejected', note: 'No certificate from the school' },
      officer,
    );
    expect(r.placementRemoved).toBe(true);
    expect(r.application).toMatchObject({
      status: 'refused',
      reason: 'privilege_rejected',
      privilege: 'rejected',
    });
    expect(r.stream!.occupied).toBe(before.occupied - 1);
    const [event] = (await f.app.store!.reads.events({ type: 'privilege.reviewed' })).slice(-1);
    const body = JSON.parse(event.body);
    expect(body.actor).toEqual({ role: 'district', id: 'officer' });
    expect(body.data).toMatchObject({
      applicationId: 'P2',
      decision: 'rejected',
      note: 'No certificate from the school',
    });
    expect(body.data.attachments).toHaveLength(1);
    // decided: out of the queue, and a second review is the engine's refusal
    expect(
      (await must('privileges.queue', {}, officer)).claims.map((c) => c.applicationId),
    ).not.toContain('P2');
    const again = await fails(
      'privileges.review',
      { applicationId: 'P2', decision: 'approved' },
      officer,
    );
    expect(again).toMatchObject({ code: 'refused', reason: 'no_pending_privilege' });
  });

  it("rejecting a catchment child's claim keeps its place; approving changes nothing else", async () => {
    const r = await must(
      'privileges.review',
      { applicationId: 'P1', decision: 'rejected', note: 'Not a military family' },
      director,
    );
    expect(r.placementRemoved).toBe(false);
    expect(r.application).toMatchObject({ status: 'registered', privilege: 'rejected' });
    const a = await must(
      'privileges.review',
      { applicationId: 'P3', decision: 'approved' },
      director,
    );
    expect(a.application).toMatchObject({
      status: 'registered',
      privilege: 'approved',
      schoolId: 'S1',
    });
    expect((await must('privileges.queue', {}, director)).claims).toEqual([]);
  });

  it('commission: open a case with a reason and notes; bad input names the field', async () => {
    const bad = await fails(
      'commission.open',
      { fullName: 'Asanov Bakyt', reasonKind: 'no_pin', birthDate: '12.05.2019' },
      commission,
    );
    expect(bad.code).toBe('invalid_request');
    expect(bad.message).toContain('birthDate');
    const other = await fails(
      'commission.open',
      { fullName: 'Asanov Bakyt', reasonKind: 'other' },
      commission,
    );
    expect(other.message).toContain('reasonText');
    const r = await must(
      'commission.open',
      {
        fullName: 'Asanova Aigerim',
        birthDate: '2018-11-02',
        reasonKind: 'age_out_of_range',
        reasonText: 'Born two months early for the range',
        notes: 'Mother brought a medical opinion',
      },
      commission,
    );
    expect(r.case).toMatchObject({
      status: 'open',
      fullName: 'Asanova Aigerim',
      birthDate: '2018-11-02',
      reasonKind: 'age_out_of_range',
      reason: 'Born two months early for the range',
      notes: 'Mother brought a medical opinion',
      openedBy: 'commission',
    });
    const list = await must('commission.cases', {}, officer);
    expect(list.cases.map((c) => c.caseId)).toEqual(expect.arrayContaining(['C1', r.case.caseId]));
  });

  it('placing into a full stream needs a justification; with one, the stream goes into overflow', async () => {
    const c = (
      await must(
        'commission.open',
        { fullName: 'Toktogulov Emir', reasonKind: 'no_documents' },
        commission,
      )
    ).case;
    const att = await upload({ kind: 'case', id: c.caseId }, 'statement.pdf', PDF, commission);
    expect(att.ok).toBe(true);
    const missing = await fails(
      'commission.decide',
      { caseId: c.caseId, decision: 'place', schoolId: 'S2', language: 'ky' },
      commission,
    );
    expect(missing.code).toBe('invalid_request');
    expect(missing.message).toContain('justification');
    const r = await must(
      'commission.decide',
      {
        caseId: c.caseId,
        decision: 'place',
        schoolId: 'S2',
        language: 'ky',
        justification: 'Only school within walking distance',
      },
      commission,
    );
    expect(r.case).toMatchObject({
      status: 'placed',
      schoolId: 'S2',
      language: 'ky',
      beyondQuota: true,
      justification: 'Only school within walking distance',
      decidedBy: 'commission',
      decidedByName: 'Commission Member',
    });
    expect(r.stream).toMatchObject({ quota: 1, occupied: 2, overflow: 1 });
    const app = (await f.app.store!.engine()).applications.get(c.caseId)!;
    expect(app).toMatchObject({ status: 'documents_received', basis: 'commission' });
    // closed: no more files, no second decision
    expect(
      (
        await fails(
          'attachments.upload',
          {
            subject: { kind: 'case', id: c.caseId },
            name: 'x.pdf',
            chunk: PDF.toString('base64'),
            done: true,
          },
          commission,
        )
      ).reason,
    ).toBe('case_closed');
    expect(
      await fails(
        'commission.decide',
        { caseId: c.caseId, decision: 'decline', note: 'x' },
        officer,
      ),
    ).toMatchObject({ code: 'refused', reason: 'case_closed' });
  });

  it("a free seat needs no justification; declining needs a note; an unknown stream is the engine's refusal", async () => {
    const placed = await must(
      'commission.decide',
      { caseId: 'C1', decision: 'place', schoolId: 'S1', language: 'ru' },
      officer,
    );
    expect(placed.case).toMatchObject({
      status: 'placed',
      beyondQuota: false,
      justification: null,
    });
    const c = (
      await must('commission.open', { fullName: 'Sydykov Nurlan', reasonKind: 'no_pin' }, officer)
    ).case;
    expect(
      (
        await fails(
          'commission.decide',
          { caseId: c.caseId, decision: 'place', schoolId: 'S1', language: 'uz' },
          officer,
        )
      ).reason,
    ).toBe('language_not_offered');
    expect(
      (await fails('commission.decide', { caseId: c.caseId, decision: 'decline' }, officer))
        .message,
    ).toContain('note');
    const d = await must(
      'commission.decide',
      { caseId: c.caseId, decision: 'decline', note: 'Family moved to another district' },
      officer,
    );
    expect(d.case).toMatchObject({
      status: 'declined',
      decisionNote: 'Family moved to another district',
    });
  });

  it('a commission member is refused the registry and the officer-only channels', async () => {
    for (const [channel, request] of [
      ['privileges.queue', {}],
      ['privileges.review', { applicationId: 'P1', decision: 'approved' }],
      ['import.start', { fileId: 'x' }],
      ['store.rebuild', {}],
      ['clock.set', { at: '2026-08-02T10:00:00+06:00' }],
    ] as const) {
      expect((await fails(channel, request, commission)).code, channel).toBe('forbidden');
    }
    expect((await fails('commission.cases', {}, director)).code).toBe('forbidden');
  });
});
