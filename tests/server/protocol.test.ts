// The /v1 protocol on real PostgreSQL over real HTTP: enrolment, push
// (idempotent, per-event outcomes, district scope), pull (paged, cursors,
// long-poll), request validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import { encodeCursor } from '../../shared/sync/cursor';
import type { PullResponse } from '../../shared/sync/contract';
import { createEnrolmentCode, revokeDevice } from '../../server/auth/devices';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type RunningServer, startServer } from '../../server/server';
import { generatedLog, http, pin, push } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

const NOW = parseInstant('2026-07-15T10:00:00+06:00');
let db: TestDatabase;
let server: RunningServer;
let base: string;
let tokenA: string, tokenB: string, deviceA: string;
let districtA: string, districtB: string;
let schoolA: string, schoolB: string, langA: string;

async function enrolDevice(district: string): Promise<{ token: string; deviceId: string }> {
  const code = await createEnrolmentCode(server.db, district, `desk-${district}`);
  const r = await http<{ token: string; deviceId: string; districtId: string }>(
    `${base}/v1/enrol`,
    {
      body: { code: code.toLowerCase().replace(/-/g, ' ') },
    },
  );
  expect(r.status).toBe(200);
  expect(r.body.districtId).toBe(district);
  return r.body;
}

const count = async (table: string): Promise<number> =>
  (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

const submission = (
  id: string,
  school: string,
  language: string,
  serial: number,
  at = '2026-07-15T09:00:00+06:00',
) => ({
  id,
  type: 'application.submitted',
  at,
  actor: { role: 'district', id: 'officer-1' },
  data: {
    applicationId: id.replace('ev-', 'APP-'),
    child: { pin: pin(serial), lastName: 'Асанов', firstName: 'Бакыт', citizenship: 'KG' },
    guardian: { pin: pin(serial, '01011990'), email: 'g@example.kg', phone: '+996555000000' },
    schoolId: school,
    language,
    registeredAddress: 'X-1',
  },
});

beforeAll(async () => {
  db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, generatedLog());
  await setup.close();
  server = await startServer({ database: { url: db.url }, clock: () => NOW });
  base = server.url;
  const engine = server.sequencer.state;
  const districts = [...new Set([...engine.schools.values()].map((s) => s.districtId))].sort();
  [districtA, districtB] = districts;
  const streamOf = (d: string) =>
    [...engine.streams.values()].find(
      (s) =>
        engine.schools.get(s.schoolId)!.districtId === d &&
        ['state', 'municipal'].includes(engine.schools.get(s.schoolId)!.kind),
    )!;
  const [a, b] = [streamOf(districtA), streamOf(districtB)];
  [schoolA, langA, schoolB] = [a.schoolId, a.language, b.schoolId];
  ({ token: tokenA, deviceId: deviceA } = await enrolDevice(districtA));
  ({ token: tokenB } = await enrolDevice(districtB));
  // Each district opens seats in its stream, as its officer would: a device may set its own quotas.
  for (const [token, s] of [
    [tokenA, a],
    [tokenB, b],
  ] as const) {
    const r = await push(base, token, [
      {
        id: `quota-${s.key}`,
        type: 'quota.set',
        at: '2026-07-15T08:00:00+06:00',
        actor: { role: 'district', id: 'officer' },
        data: { schoolId: s.schoolId, language: s.language, seats: s.occupied + 30 },
      },
    ]);
    expect(r.body.outcomes[0].status).toBe('accepted');
  }
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('enrolment', () => {
  it('a code works once; a wrong code is refused', async () => {
    const code = await createEnrolmentCode(server.db, districtA, 'spare');
    expect((await http(`${base}/v1/enrol`, { body: { code } })).status).toBe(200);
    const again = await http<{ error: string; message: string }>(`${base}/v1/enrol`, {
      body: { code },
    });
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/unknown, already used or expired/);
    expect((await http(`${base}/v1/enrol`, { body: { code: 'AAAA-BBBB-CCCC-DDDD' } })).status).toBe(
      401,
    );
  });

  it('tokens are stored hashed, never in clear', async () => {
    const rows = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
    expect(rows.some((r) => r.token_hash === tokenA)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('push', () => {
  it('accepts an event with the next seq, stamps server time and the device, keeps the client time', async () => {
    const head = server.sequencer.headSeq;
    const r = await push(base, tokenA, [
      submission('ev-a1', schoolA, langA, 1, '2026-07-15T09:59:00+06:00'),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.outcomes).toEqual([{ id: 'ev-a1', status: 'accepted', seq: head + 1 }]);
    expect(r.body.head).toBe(head + 1);
    const [row] = await server.db.query<{ line: string; district_id: string; device_id: string }>(
      `SELECT line, district_id, device_id FROM events WHERE event_id = 'ev-a1'`,
    );
    const stored = JSON.parse(row.line);
    expect(stored.seq).toBe(head + 1);
    expect(stored.at).toBe('2026-07-15T10:00:00.000+06:00');
    expect(stored.clientAt).toBe('2026-07-15T09:59:00+06:00');
    expect(stored.actor).toEqual({ role: 'district', id: 'officer-1', device: deviceA });
    expect(row.district_id).toBe(districtA);
    expect(row.device_id).toBe(deviceA);
  });

  it('writes seq, clientAt and actor.device itself, whatever the client sent in them', async () => {
    const e = { ...submission('ev-forged', schoolA, langA, 30), seq: 1, clientAt: 'forged' };
    (e.actor as Record<string, string>).device = 'someone-else';
    const r = await push(base, tokenA, [e]);
    const seq = (r.body.outcomes[0] as { seq: number }).seq;
    const [row] = await server.db.query<{ line: string }>(
      `SELECT line FROM events WHERE event_id = 'ev-forged'`,
    );
    const stored = JSON.parse(row.line);
    expect([stored.seq, stored.clientAt, stored.actor.device]).toEqual([
      seq,
      '2026-07-15T09:00:00+06:00',
      deviceA,
    ]);
  });

  it('a repeated push returns the same outcomes and writes nothing', async () => {
    const events = [submission('ev-a2', schoolA, langA, 2), submission('ev-a3', schoolA, langA, 2)];
    const first = await push(base, tokenA, events);
    // The same child twice: the second is refused by the rules, not recorded in the log.
    expect(first.body.outcomes[0].status).toBe('accepted');
    expect(first.body.outcomes[1]).toEqual({
      id: 'ev-a3',
      status: 'refused',
      reason: 'duplicate_application',
    });
    const before = [await count('events'), await count('refusals'), server.sequencer.headSeq];
    const again = await push(base, tokenA, events);
    expect(again.body.outcomes).toEqual(first.body.outcomes);
    expect([await count('events'), await count('refusals'), server.sequencer.headSeq]).toEqual(
      before,
    );
  });

  it("refuses, as a whole, a push that touches another district's school, and records nothing", async () => {
    const before = [await count('events'), await count('refusals')];
    const r = await push(base, tokenA, [
      submission('ev-a4', schoolA, langA, 4),
      submission('ev-a5', schoolB, 'ky', 5),
    ]);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'forbidden_district', index: 1, eventId: 'ev-a5' });
    expect((r.body as unknown as { message: string }).message).toContain(`district ${districtB}`);
    expect([await count('events'), await count('refusals')]).toEqual(before);
  });

  it("refuses an event about another district's application", async () => {
    const r = await push(base, tokenB, [
      {
        id: 'ev-b1',
        type: 'application.withdrawn',
        at: '2026-07-15T09:00:00+06:00',
        actor: { role: 'district', id: 'officer-b' },
        data: { applicationId: 'APP-a1' },
      },
    ]);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'forbidden_district', eventId: 'ev-b1' });
  });

  it('refuses campaign-level events from a district device', async () => {
    const r = await push(base, tokenA, [
      {
        id: 'ev-c',
        type: 'campaign.opened',
        at: '2026-07-15T09:00:00+06:00',
        actor: { role: 'district', id: 'o' },
        data: {
          year: 2026,
          stage1Start: '2026-04-11T09:00:00+06:00',
          stage2Start: '2026-06-27T09:00:00+06:00',
          stage2End: '2026-09-11T00:00:00+06:00',
          documentsStart: '2026-08-01T00:00:00+06:00',
          documentsEnd: '2026-09-15T00:00:00+06:00',
          birthDateFrom: '2019-09-01',
          birthDateTo: '2020-08-31',
        },
      },
    ]);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'forbidden_event' });
  });

  it('names the field of a malformed event and records nothing', async () => {
    const bad = submission('ev-bad', schoolA, langA, 9);
    (bad.data as Record<string, unknown>).child = { pin: 12 };
    const r = await push(base, tokenA, [submission('ev-ok', schoolA, langA, 8), bad]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'malformed_event', index: 1 });
    expect((r.body as unknown as { message: string }).message).toMatch(
      /events\[1\]: data\.child\.pin/,
    );
    expect(await count(`events WHERE event_id = 'ev-ok'`)).toBe(0);
  });

  it('requires an actor of a device role', async () => {
    const e = submission('ev-p', schoolA, langA, 10);
    const r = await push(base, tokenA, [{ ...e, actor: { role: 'system', id: 'x' } }]);
    expect(r.status).toBe(400);
    expect((r.body as unknown as { message: string }).message).toMatch(/events\[0\]\.actor\.role/);
  });

  it('refuses a line over 1 MiB and a body over the limit', async () => {
    const e = submission('ev-big', schoolA, langA, 11);
    const big = await push(base, tokenA, [{ ...e, note: 'x'.repeat(1_048_576) }]);
    expect(big.status).toBe(400);
    expect((big.body as unknown as { message: string }).message).toMatch(/1 MiB/);
    const huge = await http<{ error: string }>(`${base}/v1/push`, {
      token: tokenA,
      raw: JSON.stringify({ events: [{ ...e, note: 'x'.repeat(17 * 1024 * 1024) }] }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('payload_too_large');
  });

  it('refuses a missing, unknown or revoked token', async () => {
    expect((await push(base, '', [submission('ev-t', schoolA, langA, 12)])).status).toBe(401);
    expect((await push(base, 'kbt_nope', [submission('ev-t', schoolA, langA, 12)])).status).toBe(
      401,
    );
    const { token, deviceId } = await enrolDevice(districtA);
    expect((await push(base, token, [submission('ev-t', schoolA, langA, 12)])).status).toBe(200);
    expect(await revokeDevice(server.db, deviceId)).toBe(true);
    const r = await push(base, token, [submission('ev-t2', schoolA, langA, 13)]);
    expect(r.status).toBe(401);
    expect((r.body as unknown as { message: string }).message).toMatch(/revoked/);
  });
});

/** Every page of a device's view from the beginning: the events and the final cursor. */
async function pullAll(
  token: string,
  limit = 97,
): Promise<{ events: PullResponse['events']; cursor: string }> {
  const events: PullResponse['events'] = [];
  let cursor: string | undefined;
  for (;;) {
    const q = cursor ? `?limit=${limit}&cursor=${encodeURIComponent(cursor)}` : `?limit=${limit}`;
    const r = await http<PullResponse>(`${base}/v1/pull${q}`, { token });
    expect(r.status).toBe(200);
    expect(r.body.reset).toBe(false);
    events.push(...r.body.events);
    cursor = r.body.cursor;
    if (!r.body.more) return { events, cursor };
  }
}

describe('pull', () => {
  it("pages through the district's view in seq order: its own events and the campaign, nothing else", async () => {
    const { events } = await pullAll(tokenA);
    // Its own, the campaign, and outside events about applications linked to it (an imported
    // case, filed under no district, that its commission placed in one of its schools).
    const rows = await server.db.query<{ seq: number }>(
      `SELECT seq FROM events WHERE district_id = $1 OR type = 'campaign.opened' OR subject = ANY($2::text[])
       ORDER BY seq`,
      [districtA, server.sequencer.links.subjects(districtA)],
    );
    expect(events.map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
    expect(
      events.some((e) => e.type === 'school.registered' && e.data.districtId === districtB),
    ).toBe(false);
  });

  it('restarts from the beginning on a malformed, foreign, other-district or future cursor', async () => {
    const head = server.sequencer.headSeq;
    const { cursor: cursorA } = await pullAll(tokenA, 5000);
    const first = (await pullAll(tokenB)).events.slice(0, 5).map((e) => e.seq);
    const own = (await pullAll(tokenB, 5000)).cursor;
    const future = own.replace(/\.\d+$/, `.${head + 50}`);
    for (const cursor of [
      'garbage',
      encodeCursor({ logId: 'other-log', seq: 3 }),
      cursorA,
      future,
    ]) {
      const r = await http<PullResponse>(
        `${base}/v1/pull?limit=5&cursor=${encodeURIComponent(cursor)}`,
        { token: tokenB },
      );
      expect(r.body.reset, cursor).toBe(true);
      expect(r.body.events.map((e) => e.seq)).toEqual(first);
    }
  });

  it("long-polls: an empty pull at the head answers as soon as the district's push commits", async () => {
    const { cursor } = await pullAll(tokenA, 5000);
    const started = Date.now();
    const waiting = http<PullResponse>(
      `${base}/v1/pull?wait=20&cursor=${encodeURIComponent(cursor)}`,
      { token: tokenA },
    );
    await new Promise((r) => setTimeout(r, 300));
    const pushed = await push(base, tokenA, [submission('ev-live', schoolA, langA, 20)]);
    const r = await waiting;
    expect(r.body.events.map((e) => e.id)).toEqual(['ev-live']);
    expect(r.body.events[0].seq).toBe((pushed.body.outcomes[0] as { seq: number }).seq);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a long-poll is not woken by another district's commit", async () => {
    const { cursor } = await pullAll(tokenB, 5000);
    const waiting = http<PullResponse>(
      `${base}/v1/pull?wait=2&cursor=${encodeURIComponent(cursor)}`,
      { token: tokenB },
    );
    await new Promise((r) => setTimeout(r, 200));
    await push(base, tokenA, [submission('ev-live-2', schoolA, langA, 21)]);
    const r = await waiting;
    expect(r.body.events).toEqual([]);
    expect(r.body.head).toBe(server.sequencer.headSeq);
    // The cursor moved past the other district's event: the next pull does not read it again.
    expect(r.body.cursor.endsWith(`.${server.sequencer.headSeq}`)).toBe(true);
  });

  it('validates the query', async () => {
    const r = await http<{ error: string; message: string }>(`${base}/v1/pull?limit=0`, {
      token: tokenA,
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^limit/);
  });
});

describe('health', () => {
  it('answers with the head seq', async () => {
    const r = await http<{ status: string; head: number }>(`${base}/v1/health`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', head: server.sequencer.headSeq });
  });
});
