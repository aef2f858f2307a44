// The measurements of `npm run bench:server` (tests/bench/server.mjs bundles
// and runs this file): the sequencer's throughput on real PostgreSQL with
// durable commits, and the push round trip of 50 concurrent desktops over HTTP.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { LogEvent } from '../../shared/log/events';
import { parseEventLine } from '../../shared/log/parseLine';
import { createEnrolmentCode } from '../../server/auth/devices';
import { upsertDistricts } from '../../server/admin/districts';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { Sequencer } from '../../server/sequencer/sequencer';
import { startServer } from '../../server/server';

const ADMIN_URL = process.env.KABYL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = process.env.KABYL_ROOT!;

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `kabyl_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Decisions per second: the republic log judged, appended and projected, in group commits. */
async function sequencerThroughput(logFile: string) {
  const events: LogEvent[] = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => parseEventLine(l));
  return withDatabase(async (url) => {
    const db = await openDatabase({ url });
    await migrate(db);
    const settings = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')`,
    );
    for (const s of settings) {
      if (s.setting !== 'on')
        throw new Error(`${s.name} is ${s.setting}: the figure would not be of durable commits`);
    }
    const districts = new Set(
      events
        .filter((e) => e.type === 'school.registered')
        .map((e) => (e.data as { districtId: string }).districtId),
    );
    await upsertDistricts(
      db,
      [...districts].map((id) => ({ id, name: id })),
    );
    const sequencer = await Sequencer.start(db, { maxBatch: 2000 });
    const chunks: LogEvent[][] = [];
    for (let i = 0; i < events.length; i += 2000) chunks.push(events.slice(i, i + 2000));
    const t = performance.now();
    // Everything queued at once, as under load: the sequencer commits as fast as it can judge and fsync.
    await Promise.all(chunks.map((c) => sequencer.push(c, { kind: 'admin', keepTime: true })));
    const seconds = (performance.now() - t) / 1000;
    const head = sequencer.headSeq;
    await sequencer.close();
    await db.close();
    if (head !== events.length) throw new Error(`head ${head} after ${events.length} events`);
    const sync = await firstSync(url);
    return { perSecond: events.length / seconds, events: events.length, seconds, sync };
  });
}

/**
 * A fresh district's first sync on a server holding the whole log: enrol with
 * a code, then pull the district's view to the head over HTTP (pages of
 * 5,000, each parsed), for the district with the most events. The server is
 * started first (its restart is not part of the figure).
 */
async function firstSync(url: string) {
  const server = await startServer({ database: { url }, sequencer: { snapshotEvery: 0 } });
  try {
    const [top] = await server.db.query<{ district_id: string; n: number }>(
      `SELECT district_id, count(*)::int AS n FROM events WHERE district_id <> '*'
       GROUP BY district_id ORDER BY n DESC LIMIT 1`,
    );
    const code = await createEnrolmentCode(server.db, top.district_id, 'bench-first-sync');
    const t = performance.now();
    const enrolled = await fetch(`${server.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    let cursor = '';
    let events = 0,
      pages = 0;
    for (;;) {
      const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await fetch(`${server.url}/v1/pull?limit=5000${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await res.json()) as { events: unknown[]; cursor: string; more: boolean };
      events += page.events.length;
      pages++;
      cursor = page.cursor;
      if (!page.more) break;
    }
    const seconds = (performance.now() - t) / 1000;
    return { district: top.district_id, districtEvents: top.n, events, pages, seconds };
  } finally {
    await server.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** 50 desktops, each pushing one event at a time as fast as answers come: round-trip latencies. */
async function pushRoundTrip(smallLog: string, clients: number, perClient: number) {
  return withDatabase(async (url) => {
    const db = await openDatabase({ url });
    await migrate(db);
    await importLog(db, readFileSync(smallLog, 'utf8').split('\n'));
    // Streams of in-scope schools: ones where the engine has placed a child already.
    const streams = await db.query<{ district_id: string; school_id: string; language: string }>(
      `SELECT DISTINCT district_id, school_id, language FROM applications WHERE basis IS NOT NULL ORDER BY 1, 2, 3`,
    );
    const codes: { code: string; stream: (typeof streams)[number] }[] = [];
    for (let c = 0; c < clients; c++) {
      const stream = streams[(c * 7) % streams.length];
      codes.push({ code: await createEnrolmentCode(db, stream.district_id, `bench-${c}`), stream });
    }
    await db.close();
    const child = spawn(process.execPath, [path.join(root, 'dist/server.cjs')], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        KABYL_SERVER_CLOCK_START: '2026-07-15T10:00:00+06:00',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = out.match(/listening on (http:\/\/\S+)/);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const post = async (p: string, body: unknown, token?: string) => {
        const res = await fetch(base + p, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
        return res.json() as Promise<{ token: string; outcomes: { status: string }[] }>;
      };
      const devices = [];
      for (const { code, stream } of codes) {
        const { token } = await post('/v1/enrol', { code });
        // Open seats so the measured pushes are accepted decisions, not refusals.
        await post(
          '/v1/push',
          {
            events: [
              {
                id: `q-${token.slice(-8)}`,
                type: 'quota.set',
                at: '2026-07-15T09:00:00+06:00',
                actor: { role: 'district', id: 'bench' },
                data: { schoolId: stream.school_id, language: stream.language, seats: 100_000 },
              },
            ],
          },
          token,
        );
        devices.push({ token, stream });
      }
      const latencies: number[] = [];
      let accepted = 0;
      const t = performance.now();
      await Promise.all(
        devices.map(async ({ token, stream }, c) => {
          for (let i = 0; i < perClient; i++) {
            const serial = String(c * perClient + i).padStart(5, '0');
            const event = {
              id: `b-${c}-${i}`,
              type: 'application.submitted',
              at: '2026-07-15T09:00:00+06:00',
              actor: { role: 'district', id: `officer-${c}` },
              data: {
                applicationId: `B-${c}-${i}`,
                child: {
                  pin: `215032020${serial}`,
                  lastName: 'Б',
                  firstName: 'Н',
                  citizenship: 'KG',
                },
                guardian: { pin: '20101199000001', email: 'b@x.kg', phone: '+996' },
                schoolId: stream.school_id,
                language: stream.language,
                registeredAddress: 'B',
              },
            };
            const s = performance.now();
            const r = await post('/v1/push', { events: [event] }, token);
            latencies.push(performance.now() - s);
            if (r.outcomes[0].status === 'accepted') accepted++;
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1],
        requests: latencies.length,
        accepted,
        perSecond: latencies.length / seconds,
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  });
}

function reportSync(sync: Awaited<ReturnType<typeof firstSync>>, log: string): void {
  console.log(
    `first sync of a fresh district (${sync.district}, ${log}): enrol + ${sync.pages} pulls of its ` +
      `${sync.events} events (${sync.districtEvents} of its own) in ${sync.seconds.toFixed(2)} s (target <= 2 s)`,
  );
}

async function main(): Promise<void> {
  const [republic, small] = [process.env.KABYL_BENCH_LOG!, process.env.KABYL_BENCH_SMALL_LOG!];
  if (process.env.KABYL_BENCH_ONLY === 'first-sync') {
    // The first-sync figure alone, on the small log (minutes less than the republic import).
    const sync = await withDatabase(async (url) => {
      const db = await openDatabase({ url });
      await migrate(db);
      await importLog(db, readFileSync(small, 'utf8').split('\n'));
      await db.close();
      return firstSync(url);
    });
    reportSync(sync, 'the small log');
    if (sync.seconds > 2) process.exitCode = 1;
    return;
  }
  const th = await sequencerThroughput(republic);
  console.log(
    `sequencer: ${th.events} events judged, appended and projected in ${th.seconds.toFixed(1)} s = ` +
      `${Math.round(th.perSecond)} decisions/s (target >= 20000; durable commits, batches of 2000)`,
  );
  reportSync(th.sync, 'the republic log');
  const rt = await pushRoundTrip(small, 50, Number(process.env.KABYL_BENCH_PUSHES ?? 100));
  console.log(
    `push round trip, 50 concurrent desktops, 1 event a push: ${rt.requests} pushes (${rt.accepted} accepted), ` +
      `p50 ${rt.p50.toFixed(1)} ms, p99 ${rt.p99.toFixed(1)} ms, max ${rt.max.toFixed(1)} ms, ${Math.round(rt.perSecond)} pushes/s ` +
      `(target p99 <= 100 ms)`,
  );
  const missed = [
    th.perSecond < 20_000 && 'sequencer throughput',
    rt.p99 > 100 && 'push p99',
    th.sync.seconds > 2 && 'first sync',
  ].filter(Boolean);
  if (missed.length > 0) {
    console.log(`MISSED: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
