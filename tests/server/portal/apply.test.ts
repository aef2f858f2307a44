// The parent's journey on the server: add a child by PIN (the registry
// simulator), upload a privilege document, apply in stage 1 with the claim,
// see it registered, the district approves it over /v1/push and the parent
// sees it and gets the mail; apply in stage 2 to a full school and see the
// refusal; idempotency, isolation between parents, bad input by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../../shared/log/instant';
import {
  type ApplicationView,
  type Cabinet,
  MAX_DOCUMENT_BYTES,
  type Receipt,
  type SchoolsPage,
} from '../../../shared/portal/contract';
import {
  type Client,
  type Harness,
  districtToken,
  freshChildren,
  pushAsDistrict,
  registeredParent,
  startHarness,
  until,
} from './harness';

let h: Harness;
let kids: { pin: string; guardianPin: string; address: string }[];
let parent: Client;
let other: Client;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

beforeAll(async () => {
  h = await startHarness({ until: '2026-04-20T00:00:00+06:00', now: '2026-04-20T10:00:00+06:00' });
  kids = freshChildren(h, 4);
  parent = await registeredParent(h, { pin: kids[0].guardianPin, email: 'aigul@example.kg' });
  other = await registeredParent(h, { pin: kids[1].guardianPin, email: 'other@example.kg', language: 'ky' });
}, 90_000);
afterAll(async () => h?.close());

describe('children by PIN', () => {
  it('adds a child from the registry: names, birth date and address the parent never typed', async () => {
    const r = await parent.call('POST', '/children', { pin: kids[0].pin });
    expect(r.status).toBe(201);
    const person = h.registry.all().find((p) => p.pin === kids[0].pin)!;
    expect(r.body).toMatchObject({
      pin: kids[0].pin,
      lastName: person.lastName,
      birthDate: person.birthDate,
      registry: 'confirmed',
      eligible: true,
    });
    expect(r.body.address).toMatch(/street/);
    expect((await parent.call('POST', '/children', { pin: kids[0].pin })).body.error).toBe('child_already_added');
  });

  it('refuses a 13-digit PIN by field, a child of someone else, and a child outside the age range', async () => {
    const bad = await parent.call('POST', '/children', { pin: '2150520190001' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'pin', code: 'invalid_pin' })]);
    const notMine = await parent.call('POST', '/children', { pin: kids[1].pin });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error).toBe('not_guardian');
    const old = await parent.call('POST', '/children', { pin: '21501201500011' });
    expect(old.status).toBe(422);
    expect(old.body.error).toBe('age_out_of_range');
    expect(await h.server.db.query('SELECT pin FROM portal_children WHERE account_id = $1', [
      (await parent.call('GET', '/session')).body.account.accountId,
    ])).toHaveLength(1);
  });
});

describe('uploads', () => {
  it('sniffs the bytes: a JPEG is stored outside the web root, an .exe renamed .pdf and 20 MB are refused', async () => {
    const ok = await parent.call('POST', '/documents', undefined, { raw: JPEG, contentType: 'application/pdf' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ type: 'image/jpeg', size: JPEG.length });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]);
    const bad = await parent.call('POST', '/documents', undefined, { raw: exe, contentType: 'application/pdf' });
    expect(bad.status).toBe(415);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'file', code: 'file_type' })]);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024)]);
    const tooBig = await parent.call('POST', '/documents', undefined, { raw: big, contentType: 'application/pdf' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.fields).toEqual([expect.objectContaining({ field: 'file', code: 'file_too_large' })]);
    expect(MAX_DOCUMENT_BYTES).toBeLessThan(big.length);
    const docs = await h.server.db.query('SELECT 1 FROM portal_documents');
    expect(docs).toHaveLength(1); // nothing half-written for the refused ones
  });
});

describe('stage 1: apply with a privilege claim', () => {
  let applicationId = '';
  let schoolId = '';

  it('lists the catchment schools, applies elsewhere on a claim, and is registered with the claim pending', async () => {
    const schools = await parent.call<SchoolsPage>('GET', `/schools?childPin=${kids[0].pin}`);
    expect(schools.status).toBe(200);
    expect(schools.body.stage).toBe(1);
    expect(schools.body.schools.length).toBeGreaterThan(0);
    expect(schools.body.schools.every((s) => s.catchment)).toBe(true);
    // A school outside the catchment with a free seat: the claim is what lets the child in (R5).
    const engine = h.server.sequencer.state;
    const home = new Set(schools.body.schools.map((s) => s.schoolId));
    const stream = [...engine.streams.values()].find(
      (s) => !home.has(s.schoolId) && s.quota > s.occupied && ['state', 'municipal'].includes(engine.schools.get(s.schoolId)!.kind),
    )!;
    schoolId = stream.schoolId;
    const doc = await parent.call('POST', '/documents', undefined, { raw: JPEG, contentType: 'image/jpeg' });
    const choice = {
      schoolId,
      language: stream.language,
      privilege: { category: 'military', documentId: doc.body.documentId },
    };
    const r = await parent.call<Receipt>('POST', '/applications', { childPin: kids[0].pin, choice }, {
      headers: { 'idempotency-key': 'device-1-attempt-0001' },
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'registered', reason: null, position: 1 });
    applicationId = r.body.applicationId;

    const v = await parent.call<ApplicationView>('GET', `/applications/${applicationId}`);
    expect(v.body).toMatchObject({ status: 'registered', basis: 'privilege', privilege: 'pending', canWithdraw: true });
    // The log event names the parent's account, carries the registry's address and the document.
    const [row] = await h.server.db.query<{ line: string }>('SELECT line FROM events WHERE event_id = $1', [
      `portal-${applicationId}`,
    ]);
    const event = JSON.parse(row.line);
    const accountId = (await parent.call('GET', '/session')).body.account.accountId;
    expect(event.actor).toEqual({ role: 'parent', id: accountId });
    expect(event.data.registeredAddress).toBe(kids[0].address);
    expect(event.data.privilege).toEqual({ category: 'military', documentId: doc.body.documentId });
    await h.mail.waitFor('aigul@example.kg', /registered/);

    // Retries: the same key gives the same receipt; the same key with another body 422;
    // another device's key for the same child gives the first application.
    const again = await parent.call('POST', '/applications', { childPin: kids[0].pin, choice }, {
      headers: { 'idempotency-key': 'device-1-attempt-0001' },
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(r.body);
    const other1 = await parent.call('POST', '/applications', {
      childPin: kids[0].pin,
      choice: { ...choice, privilege: undefined },
    }, { headers: { 'idempotency-key': 'device-1-attempt-0001' } });
    expect(other1.status).toBe(422);
    expect(other1.body.error).toBe('idempotency_mismatch');
    const device2 = await parent.call('POST', '/applications', { childPin: kids[0].pin, choice }, {
      headers: { 'idempotency-key': 'device-2-attempt-0001' },
    });
    expect(device2.body.applicationId).toBe(applicationId);
    const events = await h.server.db.query("SELECT 1 FROM events WHERE line LIKE '%' || $1 || '%'", [kids[0].pin]);
    expect(events).toHaveLength(1);
  });

  it('shows a parent only their own children and applications', async () => {
    expect((await other.call('GET', `/applications/${applicationId}`)).status).toBe(404);
    expect((await other.call('GET', `/schools?childPin=${kids[0].pin}`)).status).toBe(404);
    expect((await other.call('POST', `/applications/${applicationId}/withdraw`)).status).toBe(404);
    const cab = await other.call<Cabinet>('GET', '/cabinet');
    expect(cab.body.children).toEqual([]);
  });

  it('the district approves the claim over /v1/push; the parent sees it live and gets the mail', async () => {
    const district = h.server.sequencer.state.schools.get(schoolId)!.districtId;
    const token = await districtToken(h, district);
    // Live status: an event stream, read until the approval arrives.
    const sse = await fetch(`${h.api}/applications/${applicationId}/events`, {
      headers: { cookie: `kabyl_portal_session=${parent.cookie}` },
    });
    expect(sse.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = sse.body!.getReader();
    const pushed = await pushAsDistrict(h, token, [
      {
        id: 'review-1',
        type: 'privilege.reviewed',
        at: '2026-04-20T10:00:00+06:00',
        actor: { role: 'district', id: 'officer-1' },
        data: { applicationId, decision: 'approved' },
      },
    ]);
    expect(pushed.outcomes[0].status).toBe('accepted');
    let text = '';
    while (!text.includes('"privilege":"approved"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('event: application');
    expect(text).toContain('"privilege":"approved"');
    await h.mail.waitFor('aigul@example.kg', /Privilege approved/);
    const cab = await parent.call<Cabinet>('GET', '/cabinet');
    expect(cab.body.children[0].applications[0]).toMatchObject({ applicationId, privilege: 'approved' });
  });
});

describe('stage 2: a full school is refused in words', () => {
  it('takes the application and answers refused no_free_seats; the parent gets the mail', async () => {
    h.clock.now = parseInstant('2026-07-01T10:00:00+06:00');
    expect((await other.call('POST', '/children', { pin: kids[1].pin })).status).toBe(201);
    const engine = h.server.sequencer.state;
    const stream = [...engine.streams.values()].find(
      (s) => ['state', 'municipal'].includes(engine.schools.get(s.schoolId)!.kind),
    )!;
    const token = await districtToken(h, engine.schools.get(stream.schoolId)!.districtId);
    const q = await pushAsDistrict(h, token, [
      {
        id: 'quota-full',
        type: 'quota.set',
        at: '2026-07-01T10:00:00+06:00',
        actor: { role: 'district', id: 'officer-1' },
        data: { schoolId: stream.schoolId, language: stream.language, seats: stream.occupied },
      },
    ]);
    expect(q.outcomes[0].status).toBe('accepted');
    const list = await other.call<SchoolsPage>('GET', `/schools?childPin=${kids[1].pin}`);
    expect(list.body.stage).toBe(2);
    const full = list.body.schools.find((s) => s.schoolId === stream.schoolId);
    expect(full?.streams.find((x) => x.language === stream.language)?.free ?? 0).toBe(0);
    const r = await other.call<Receipt>('POST', '/applications', {
      childPin: kids[1].pin,
      choice: { schoolId: stream.schoolId, language: stream.language },
    }, { headers: { 'idempotency-key': 'other-device-0001' } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'refused', reason: 'no_free_seats' });
    // Kyrgyz: the account's language.
    await h.mail.waitFor('other@example.kg', /четке кагылды/);
  });

  it('outside both windows says when it opens (or that it closed), and writes nothing', async () => {
    h.clock.now = parseInstant('2026-09-20T10:00:00+06:00');
    const r = await other.call('POST', '/applications', {
      childPin: kids[1].pin,
      choice: { schoolId: 'X', language: 'ky' },
    }, { headers: { 'idempotency-key': 'other-device-0002' } });
    expect(r.status).toBe(400); // the school does not exist: named by field first
    const c = await other.call('GET', '/campaign');
    expect(c.body.phase).toBe('closed');
    const s = await other.call('GET', `/schools?childPin=${kids[1].pin}`);
    expect(s.status).toBe(422);
    expect(s.body.error).toBe('outside_window');
  });
});

describe('withdrawal (R8)', () => {
  it('withdraws a registered application and mails it', async () => {
    h.clock.now = parseInstant('2026-07-02T10:00:00+06:00');
    const cab = await parent.call<Cabinet>('GET', '/cabinet');
    const id = cab.body.children[0].applications[0].applicationId;
    const w = await parent.call<ApplicationView>('POST', `/applications/${id}/withdraw`);
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    const again = await parent.call('POST', `/applications/${id}/withdraw`);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: 'rule_refused', reason: 'not_active' });
    await until('the withdrawal mail', async () =>
      h.mail.mails.find((m) => /withdrawn/.test(m.subject ?? '')) ?? null,
    );
  });
});
