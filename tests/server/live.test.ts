// The live pull over SSE, the actor of every pushed event, revocation end to
// end (the `kabyl server revoke` command against a running server), and the
// rate limits on enrolment and failed token checks. Real PostgreSQL, real HTTP.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import type { PullResponse } from '../../shared/sync/contract';
import { createEnrolmentCode } from '../../server/auth/devices';
import { buildApp } from '../../server/http/app';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type RunningServer, startServer } from '../../server/server';
import { generatedLog, http, pin, push } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');
let db: TestDatabase;
let server: RunningServer;
let districtA: string, districtB: string, schoolA: string, langA: string;

interface Message {
  event: string;
  id?: string;
  data: string;
}

/** An SSE connection read with fetch: messages in order, as the server framed them. */
function openStream(url: string, token: string, headers: Record<string, string> = {}) {
  const aborted = new AbortController();
  const queue: Message[] = [];
  const waiters: ((m: Message | null) => void)[] = [];
  let ended = false;
  const deliver = (m: Message | null): void => {
    const w = waiters.shift();
    if (w) w(m);
    else if (m) queue.push(m);
  };
  const done = (async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: aborted.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const m: Message = { event: 'message', data: '' };
          let comment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            comment = false;
            const [field, ...rest] = line.split(': ');
            const value = rest.join(': ');
            if (field === 'event') m.event = value;
            else if (field === 'id') m.id = value;
            else if (field === 'data') m.data += value;
          }
          if (!comment) deliver(m);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    while (waiters.length > 0) deliver(null);
  })();
  return {
    async next(timeoutMs = 10_000): Promise<Message | null> {
      if (queue.length > 0) return queue.shift()!;
      if (ended) return null;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no SSE message in time')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    },
    /** pages until one that is not followed by more */
    async catchUp(): Promise<PullResponse[]> {
      const pages: PullResponse[] = [];
      for (;;) {
        const m = await this.next();
        expect(m?.event).toBe('page');
        const page = JSON.parse(m!.data) as PullResponse;
        expect(m!.id).toBe(page.cursor);
        pages.push(page);
        if (!page.more) return pages;
      }
    },
    close(): Promise<void> {
      aborted.abort();
      return done;
    },
    done,
  };
}

async function enrol(district: string): Promise<{ token: string; deviceId: string }> {
  const code = await createEnrolmentCode(server.db, district, `desk-${district}`);
  const r = await http<{ token: string; deviceId: string }>(`${server.url}/v1/enrol`, { body: { code } });
  expect(r.status).toBe(200);
  return r.body;
}

const submission = (id: string, serial: number, user = 'officer-1') => ({
  id,
  type: 'application.submitted',
  at: '2026-07-15T09:00:00+06:00',
  actor: { role: 'district', id: user },
  data: {
    applicationId: id.replace('ev-', 'APP-'),
    child: { pin: pin(serial), lastName: 'Асанов', firstName: 'Бакыт', citizenship: 'KG' },
    guardian: { pin: pin(serial, '01011990'), email: 'g@example.kg', phone: '+996555000000' },
    schoolId: schoolA,
    language: langA,
    registeredAddress: 'X-1',
  },
});

beforeAll(async () => {
  db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, generatedLog({ children: 200 }));
  await setup.close();
  const now = parseInstant('2026-07-15T10:00:00+06:00');
  server = await startServer({ database: { url: db.url }, clock: () => now, streamKeepAliveMs: 300 });
  const e = server.sequencer.state;
  [districtA, districtB] = [...new Set([...e.schools.values()].map((s) => s.districtId))].sort();
  const stream = [...e.streams.values()].find(
    (s) => e.schools.get(s.schoolId)!.districtId === districtA && ['state', 'municipal'].includes(e.schools.get(s.schoolId)!.kind),
  )!;
  [schoolA, langA] = [stream.schoolId, stream.language];
  await server.sequencer.push(
    [{ id: 'seats', type: 'quota.set', at: '2026-07-15T10:00:00+06:00', actor: { role: 'district', id: 'centre' },
      data: { schoolId: schoolA, language: langA, seats: stream.occupied + 50 } }],
    { kind: 'admin' },
  );
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('SSE pull', () => {
  it("streams the district's view, then each of its commits as it happens", async () => {
    const { token } = await enrol(districtA);
    const { token: tokenB } = await enrol(districtB);
    const plain = (await http<PullResponse>(`${server.url}/v1/pull?limit=5000`, { token })).body;
    const s = openStream(`${server.url}/v1/pull/stream?limit=40`, token);
    try {
      const pages = await s.catchUp();
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.flatMap((p) => p.events.map((e) => e.seq))).toEqual(plain.events.map((e) => e.seq));
      // Another district's commit sends nothing; this district's arrives at once.
      await push(server.url, tokenB, [{ ...submission('ev-b-only', 900), data: { ...submission('ev-b-only', 900).data,
        schoolId: [...server.sequencer.state.schools.values()].find((x) => x.districtId === districtB)!.id } }]);
      const r = await push(server.url, token, [submission('ev-sse-1', 1)]);
      const m = await s.next();
      const page = JSON.parse(m!.data) as PullResponse;
      expect(page.events.map((e) => e.id)).toEqual(['ev-sse-1']);
      expect(page.events[0].seq).toBe((r.body.outcomes[0] as { seq: number }).seq);
      expect(page.reset).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('resumes from Last-Event-ID; a bad or stale cursor restarts from the beginning, flagged', async () => {
    const { token } = await enrol(districtA);
    const all = (await http<PullResponse>(`${server.url}/v1/pull?limit=5000`, { token })).body;
    const s = openStream(`${server.url}/v1/pull/stream`, token, { 'last-event-id': all.cursor });
    try {
      const [first] = await s.catchUp();
      expect(first.reset).toBe(false);
      expect(first.events).toEqual([]);
      await push(server.url, token, [submission('ev-sse-2', 2)]);
      const next = JSON.parse((await s.next())!.data) as PullResponse;
      expect(next.events.map((e) => e.id)).toEqual(['ev-sse-2']);
    } finally {
      await s.close();
    }
    for (const cursor of ['garbage', all.cursor.replace(/\/v\d+\./, '/v99.'), `${all.cursor}0`]) {
      const bad = openStream(`${server.url}/v1/pull/stream?limit=5000&cursor=${encodeURIComponent(cursor)}`, token);
      try {
        const [page] = await bad.catchUp();
        expect(page.reset, cursor).toBe(true);
        expect(page.events[0].type).toBe('campaign.opened');
        expect(page.events.length).toBe(all.events.length + 1);
      } finally {
        await bad.close();
      }
    }
  });
});

describe('actors', () => {
  it('every pushed event names its user and its device', async () => {
    const one = await enrol(districtA);
    const two = await enrol(districtA);
    await push(server.url, one.token, [submission('ev-act-1', 31, 'officer-a')]);
    await push(server.url, two.token, [submission('ev-act-2', 32, 'director-b')]);
    const rows = await server.db.query<{ event_id: string; line: string; device_id: string }>(
      `SELECT event_id, line, device_id FROM events WHERE event_id IN ('ev-act-1', 'ev-act-2') ORDER BY seq`,
    );
    expect(rows.map((r) => [r.device_id, JSON.parse(r.line).actor])).toEqual([
      [one.deviceId, { role: 'district', id: 'officer-a', device: one.deviceId }],
      [two.deviceId, { role: 'district', id: 'director-b', device: two.deviceId }],
    ]);
    const noActor: Record<string, unknown> = { ...submission('ev-act-3', 33) };
    delete noActor.actor;
    const r = await push(server.url, one.token, [noActor]);
    expect(r.status).toBe(400);
  });
});

describe('revocation, end to end', () => {
  it('`kabyl server revoke` stops push, pull and an open stream at once', async () => {
    const { token, deviceId } = await enrol(districtA);
    expect((await push(server.url, token, [submission('ev-rv-1', 41)])).status).toBe(200);
    const s = openStream(`${server.url}/v1/pull/stream?limit=5000`, token);
    await s.catchUp();
    const cli = spawnSync(process.execPath, [BIN, 'server', '--database', db.url, 'revoke', deviceId], {
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    const m = await s.next();
    expect(m?.event).toBe('error');
    expect(JSON.parse(m!.data)).toMatchObject({ error: 'unauthenticated' });
    await s.done;
    expect((await push(server.url, token, [submission('ev-rv-2', 42)])).status).toBe(401);
    expect((await http(`${server.url}/v1/pull`, { token })).status).toBe(401);
    const again = spawnSync(process.execPath, [BIN, 'server', '--database', db.url, 'revoke', deviceId], {
      encoding: 'utf8',
    });
    expect(again.status).not.toBe(0);
  });
});

describe('rate limits', () => {
  it('enrolment attempts and failed token checks are limited per address, with Retry-After', async () => {
    // The server's own limiter has counted the tests above: a fresh app over the same
    // sequencer and database, with small limits, starts from zero.
    const app = buildApp({
      db: server.db,
      sequencer: server.sequencer,
      rateLimits: { enrol: { max: 3, windowMs: 60_000 }, failedToken: { max: 5, windowMs: 60_000 } },
    });
    try {
      const enrolWith = (code: string) => app.inject({ method: 'POST', url: '/v1/enrol', payload: { code } });
      for (let i = 0; i < 3; i++) expect((await enrolWith('AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(401);
      const good = await createEnrolmentCode(server.db, districtA, 'late');
      const blocked = await enrolWith(good);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ error: 'rate_limited' });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const { token } = await enrol(districtA); // through the real server: its own limiter
      const pull = (t: string) =>
        app.inject({ method: 'GET', url: '/v1/pull?limit=1', headers: { authorization: `Bearer ${t}` } });
      expect((await pull(token)).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await pull(`kbt_wrong${i}`)).statusCode).toBe(401);
      const after = await pull('kbt_wrong');
      expect(after.statusCode).toBe(429);
      expect(after.json().message).toMatch(/too many failed token checks/);
    } finally {
      await app.close();
    }
  });
});
