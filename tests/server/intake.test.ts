// Opening-day acceptance on real PostgreSQL over real HTTP (issue 11):
// receipts from the group commit, Idempotency-Key retries (same receipt),
// concurrent duplicates (409), a key reused for another payload (422), ten
// devices of one family (one application), acceptance order, a restart, and
// admission control (429 with Retry-After) without any load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { SignedParentTokens } from '../../server/intake/parentAuth';
import { type RunningServer, type StartOptions, startServer } from '../../server/server';
import { generatedLog, pin } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

const NOW = parseInstant('2026-07-15T10:00:00+06:00');
const tokens = new SignedParentTokens('intake-test-secret-0123456789');
let db: TestDatabase;
let server: RunningServer;
let school: string, language: string;
/** while set, every batch waits this long inside its open transaction */
let holdCommitMs = 0;

const tokenOf = (parentId: string, children?: string[]) =>
  tokens.issue({ parentId, children }, Date.now() + 3600_000);

const application = (serial: number, over: Record<string, unknown> = {}) => ({
  child: { pin: pin(serial), lastName: 'Асанов', firstName: 'Бакыт', citizenship: 'KG' },
  guardian: { pin: pin(serial, '01011990'), email: 'g@example.kg', phone: '+996555000000' },
  schoolId: school,
  language,
  registeredAddress: 'X-1',
  ...over,
});

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

async function submit(token: string | null, key: string | null, body: unknown): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(`${server.url}/v1/intake/applications`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, any>,
  };
}

const logLines = async (): Promise<Record<string, any>[]> =>
  (await server.db.query<{ line: string }>('SELECT line FROM events ORDER BY seq')).map((r) =>
    JSON.parse(r.line),
  );

const start = (extra: Partial<StartOptions> = {}) =>
  startServer({
    database: { url: db.url },
    clock: () => NOW,
    parentAuth: tokens,
    sequencer: {
      inTransaction: async () => {
        if (holdCommitMs > 0) await new Promise((r) => setTimeout(r, holdCommitMs));
      },
    },
    ...extra,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, generatedLog());
  await setup.close();
  server = await start();
  const engine = server.sequencer.state;
  const stream = [...engine.streams.values()].find((s) =>
    ['state', 'municipal'].includes(engine.schools.get(s.schoolId)!.kind),
  )!;
  [school, language] = [stream.schoolId, stream.language];
  // Room for every test below: 40 free seats.
  const r = await server.sequencer.push(
    [
      {
        id: 'intake-test-quota',
        type: 'quota.set',
        at: '2026-07-15T09:00:00+06:00',
        actor: { role: 'district', id: 'officer' },
        data: { schoolId: school, language, seats: stream.occupied + 40 },
      },
    ],
    { kind: 'admin' },
  );
  expect(r.outcomes[0].status).toBe('accepted');
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('acceptance', () => {
  it('answers 202 with a receipt only once the event is committed, and the decision', async () => {
    const head = server.sequencer.headSeq;
    const a = await submit(tokenOf('parent-1'), 'key-0001-aaaa', application(1));
    expect(a.status).toBe(202);
    const { receipt, decision } = a.body;
    expect(receipt.seq).toBe(head + 1);
    expect(receipt.acceptedAt).toBe('2026-07-15T10:00:00.000+06:00');
    expect(receipt.applicationId).toMatch(/^W[0-9A-F]{20}$/);
    expect(decision).toMatchObject({
      status: 'registered',
      stage: 2,
      basis: 'open',
      schoolId: school,
    });
    const stored = (await logLines()).filter(
      (l) => l.data?.applicationId === receipt.applicationId,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      seq: receipt.seq,
      at: receipt.acceptedAt,
      type: 'application.submitted',
      actor: { role: 'parent', id: 'parent-1' },
      intake: { key: 'key-0001-aaaa' },
    });
    expect(stored[0].clientAt).toBeUndefined();
    const polled = await fetch(`${server.url}/v1/intake/applications/${receipt.applicationId}`, {
      headers: { authorization: `Bearer ${tokenOf('parent-1')}` },
    });
    expect(polled.status).toBe(200);
    expect(((await polled.json()) as any).decision.status).toBe('registered');
    const other = await fetch(`${server.url}/v1/intake/applications/${receipt.applicationId}`, {
      headers: { authorization: `Bearer ${tokenOf('parent-2')}` },
    });
    expect(other.status).toBe(404);
  });

  it('a retry with the same key and payload gets the same receipt and writes nothing', async () => {
    const first = await submit(tokenOf('parent-3'), 'key-0003-aaaa', application(3));
    const head = server.sequencer.headSeq;
    const again = await submit(tokenOf('parent-3'), 'key-0003-aaaa', application(3));
    expect(again.status).toBe(202);
    expect(again.body.receipt).toEqual(first.body.receipt);
    expect(again.body.replayed).toBe(true);
    expect(server.sequencer.headSeq).toBe(head);
  });

  it('the same key with another payload is 422 and writes nothing', async () => {
    await submit(tokenOf('parent-4'), 'key-0004-aaaa', application(4));
    const head = server.sequencer.headSeq;
    const other = await submit(
      tokenOf('parent-4'),
      'key-0004-aaaa',
      application(4, { registeredAddress: 'X-2' }),
    );
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('key_reused');
    expect(server.sequencer.headSeq).toBe(head);
  });

  it('a duplicate sent while the first is still being committed gets 409', async () => {
    holdCommitMs = 400;
    try {
      const first = submit(tokenOf('parent-5'), 'key-0005-aaaa', application(5));
      await new Promise((r) => setTimeout(r, 100));
      const dup = await submit(tokenOf('parent-5'), 'key-0005-aaaa', application(5));
      expect(dup.status).toBe(409);
      expect(dup.body.error).toBe('in_progress');
      expect((await first).status).toBe(202);
    } finally {
      holdCommitMs = 0;
    }
    const retry = await submit(tokenOf('parent-5'), 'key-0005-aaaa', application(5));
    expect(retry.status).toBe(202);
  });

  it('the same child from ten devices at once ends as one application', async () => {
    const body = application(6);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submit(tokenOf('parent-6'), `device-${i}-key-6`, body)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const receipts = new Set(answers.map((a) => JSON.stringify(a.body.receipt)));
    expect(receipts.size).toBe(1);
    expect(answers.filter((a) => a.body.collapsed).length).toBe(9);
    const forChild = (await logLines()).filter((l) => l.data?.child?.pin === pin(6));
    expect(forChild).toHaveLength(1);
    // A second parent account of the same child with the same choice: still one application.
    const other = await submit(tokenOf('parent-6b'), 'other-parent-key-6', body);
    expect(other.status).toBe(202);
    expect(other.body.receipt).toEqual(answers[0].body.receipt);
  });

  it('decides in acceptance order: of two for the last seat, the first is placed', async () => {
    const s =
      server.sequencer.state.streams.get(`${school}/${language}`) ??
      [...server.sequencer.state.streams.values()].find(
        (x) => x.schoolId === school && x.language === language,
      )!;
    const r = await server.sequencer.push(
      [
        {
          id: 'intake-test-last-seat',
          type: 'quota.set',
          at: '2026-07-15T09:00:00+06:00',
          actor: { role: 'district', id: 'officer' },
          data: { schoolId: school, language, seats: s.occupied + 1 },
        },
      ],
      { kind: 'admin' },
    );
    expect(r.outcomes[0].status).toBe('accepted');
    holdCommitMs = 200;
    let answers: Answer[];
    try {
      const blocker = submit(
        tokenOf('parent-7'),
        'key-0007-aaaa',
        application(7, { schoolId: 'NO-SUCH' }),
      );
      await new Promise((res) => setTimeout(res, 50));
      const first = submit(tokenOf('parent-8'), 'key-0008-aaaa', application(8));
      await new Promise((res) => setTimeout(res, 20));
      const second = submit(tokenOf('parent-9'), 'key-0009-aaaa', application(9));
      answers = await Promise.all([blocker, first, second]);
    } finally {
      holdCommitMs = 0;
    }
    const [blocked, first, second] = answers;
    expect(blocked.body.decision).toMatchObject({ status: 'refused', reason: 'school_not_found' });
    expect(first.body.receipt.seq).toBeLessThan(second.body.receipt.seq);
    expect(first.body.decision.status).toBe('registered');
    expect(second.body.decision).toMatchObject({ status: 'refused', reason: 'no_free_seats' });
    // The refused submission is in the log too: it is the record that the parent asked, and when.
    const ids = (await logLines()).map((l) => l.data?.applicationId);
    expect(ids).toContain(second.body.receipt.applicationId);
  });

  it('turns away bad requests with the field named, and writes nothing', async () => {
    const head = server.sequencer.headSeq;
    expect((await submit(null, 'key-0010-aaaa', application(10))).status).toBe(401);
    expect((await submit('kbp_forged.sig', 'key-0010-aaaa', application(10))).status).toBe(401);
    const noKey = await submit(tokenOf('parent-10'), null, application(10));
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/Idempotency-Key/);
    const badPin = await submit(
      tokenOf('parent-10'),
      'key-0010-aaaa',
      application(10, {
        child: { pin: '123', lastName: 'A', firstName: 'B', citizenship: 'KG' },
      }),
    );
    expect(badPin.status).toBe(400);
    expect(badPin.body.message).toMatch(/child\.pin/);
    const notHers = await submit(tokenOf('parent-10', [pin(11)]), 'key-0010-aaaa', application(10));
    expect(notHers.status).toBe(403);
    expect(server.sequencer.headSeq).toBe(head);
  });

  it('after a restart a retry still gets its receipt, rebuilt from the log', async () => {
    const first = await submit(tokenOf('parent-12'), 'key-0012-aaaa', application(12));
    await server.close();
    server = await start();
    const again = await submit(tokenOf('parent-12'), 'key-0012-aaaa', application(12));
    expect(again.status).toBe(202);
    expect(again.body.receipt).toEqual(first.body.receipt);
    const mismatch = await submit(
      tokenOf('parent-12'),
      'key-0012-aaaa',
      application(12, { language: 'xx' }),
    );
    expect(mismatch.status).toBe(422);
  });
});

describe('admission control', () => {
  it('answers 429 with Retry-After past the backlog bound, then lets requests in', async () => {
    await server.close();
    server = await start({ admission: { maxBacklog: 2, maxWaitMs: 60_000 } });
    holdCommitMs = 500;
    let answers: Answer[];
    try {
      const a = submit(tokenOf('parent-20'), 'key-0020-aaaa', application(20));
      await new Promise((r) => setTimeout(r, 100));
      const b = submit(tokenOf('parent-21'), 'key-0021-aaaa', application(21));
      await new Promise((r) => setTimeout(r, 50));
      const c = await submit(tokenOf('parent-22'), 'key-0022-aaaa', application(22));
      // A retry of an accepted key is answered even now: it costs the queue nothing.
      answers = [...(await Promise.all([a, b])), c];
    } finally {
      holdCommitMs = 0;
    }
    const [a, b, c] = answers;
    expect([a.status, b.status, c.status]).toEqual([202, 202, 429]);
    expect(Number(c.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(c.body.error).toBe('busy');
    const after = await submit(tokenOf('parent-22'), 'key-0022-aaaa', application(22));
    expect(after.status).toBe(202);
  });

  it('turns away by waiting time too: a slow commit makes the oldest request too old', async () => {
    await server.close();
    server = await start({ admission: { maxBacklog: 1000, maxWaitMs: 150 } });
    holdCommitMs = 600;
    try {
      const a = submit(tokenOf('parent-30'), 'key-0030-aaaa', application(30));
      await new Promise((r) => setTimeout(r, 300));
      const b = await submit(tokenOf('parent-31'), 'key-0031-aaaa', application(31));
      expect(b.status).toBe(429);
      expect(b.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await a).status).toBe(202);
    } finally {
      holdCommitMs = 0;
    }
  });
});
