// The demo district: built on first start from the generator into demo.sqlite,
// atomically (an interrupted build leaves nothing), marked DEMO, with one user per
// role, and never confused with a real district's store.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/log/events';
import { DEMO_USERS, ensureDemoStore } from '../../main/demo/demoStore';
import { demoLog } from '../../main/demo/demoLog';
import { KabylApp } from '../../main/app/kabylApp';
import { createStoreFactory } from '../../main/app/storeAdapter';
import { Sessions } from '../../main/auth/session';
import { openStore } from '../../main/store';
import { importWorkerFile } from '../ipc/importWorker';
import { sampleLog } from '../ipc/districtFixture';

describe('the demo district', () => {
  let dataDir: string;
  let app: KabylApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-demo-'));
    app = await KabylApp.start(
      {
        dataDir,
        shell: 'harness',
        version: 'test',
        stores: createStoreFactory({ importWorkerFile: await importWorkerFile() }),
      },
      'demo',
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is built into demo.sqlite on first start, with no temp files left', async () => {
    const names = await readdir(dataDir);
    expect(names).toContain('demo.sqlite');
    expect(names.filter((n) => n.includes('building'))).toEqual([]);
    expect(names).not.toContain('district.sqlite');
  });

  it('is marked DEMO and shows a Bishkek district partway through stage 2', async () => {
    const sessions = new Sessions();
    const s = sessions.get('t');
    const info = await app.dispatch('session.get', {}, s);
    expect(info).toMatchObject({ ok: true, value: { store: { kind: 'demo' } } });
    expect(
      info.ok && (info.value as { store: { districtName: string } }).store.districtName,
    ).toMatch(/Октябр/);
    expect(
      (await app.dispatch('auth.signIn', { username: 'officer', password: 'kabyl-officer' }, s)).ok,
    ).toBe(true);
    const d = await app.dispatch('dashboard.get', {}, s);
    if (!d.ok) throw new Error(d.error.message);
    const dash = d.value as {
      phase: string;
      asOf: string;
      totals: { applications: number; schools: number; streams: number };
      counts: Record<string, number>;
    };
    expect(dash.phase).toBe('stage2');
    expect(dash.asOf.startsWith('2026-07')).toBe(true);
    expect(dash.totals.schools).toBeGreaterThanOrEqual(20);
    expect(dash.totals.applications).toBeGreaterThan(4000);
    expect(dash.totals.applications).toBeLessThan(8000);
    expect(dash.counts.registered).toBeGreaterThan(3000);
    const streams = await app.dispatch('schools.list', {}, s);
    const languages = new Set(
      (streams.ok
        ? (streams.value as { schools: { streams: { language: string }[] }[] }).schools
        : []
      ).flatMap((x) => x.streams.map((t) => t.language)),
    );
    expect([...languages].sort()).toEqual(expect.arrayContaining(['ky', 'ru']));
  });

  it('counts only the schools that take part in the campaign: free seats agree with the transfer picker (issue 13)', async () => {
    const s = new Sessions().get('seats');
    expect(
      (await app.dispatch('auth.signIn', { username: 'officer', password: 'kabyl-officer' }, s)).ok,
    ).toBe(true);
    const call = async <T>(
      channel: 'dashboard.get' | 'schools.list' | 'applications.streams',
    ): Promise<T> => {
      const r = await app.dispatch(channel, {}, s);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as T;
    };
    type Seats = { quota: number; occupied: number; free: number };
    const dash = await call<{
      totals: { schools: number; streams: number; seats: number; free: number; occupied: number };
    }>('dashboard.get');
    const { schools } = await call<{
      schools: { kind: string; inScope: boolean; streams: Seats[] }[];
    }>('schools.list');
    const { streams: picker } = await call<{ streams: Seats[] }>('applications.streams');
    // The demo has private and special schools with seats of their own: the case the defect was about.
    const outside = schools.filter((x) => !x.inScope);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.flatMap((x) => x.streams).reduce((n, x) => n + x.quota, 0)).toBeGreaterThan(0);
    for (const x of schools) expect(x.inScope).toBe(x.kind === 'state' || x.kind === 'municipal');
    const sum = (k: keyof Seats) => picker.reduce((n, x) => n + x[k], 0);
    expect(dash.totals.free).toBe(sum('free'));
    expect(dash.totals.seats).toBe(sum('quota'));
    expect(dash.totals.occupied).toBe(sum('occupied'));
    expect(dash.totals.streams).toBe(picker.length);
    expect(dash.totals.schools).toBe(schools.length - outside.length);
  });

  it('has the README demo users, the director on the first school', async () => {
    const sessions = new Sessions();
    for (const u of DEMO_USERS) {
      const r = await app.dispatch(
        'auth.signIn',
        { username: u.username, password: u.password },
        sessions.get(u.username),
      );
      expect(r, u.username).toMatchObject({ ok: true, value: { user: { role: u.role } } });
    }
    const director = sessions.get('director').user!;
    const events = [...demoLog().events];
    const first = events.find(
      (e): e is Extract<LogEvent, { type: 'school.registered' }> =>
        e.type === 'school.registered' && ['state', 'municipal'].includes(e.data.kind),
    );
    expect(director.schoolId).toBe(first?.data.schoolId);
    expect(director.schoolName).toBe(first?.data.name);
  });

  it('is not rebuilt when it exists', async () => {
    const again = await ensureDemoStore(dataDir, () => {
      throw new Error('must not be called');
    });
    expect(again).toBe(path.join(dataDir, 'demo.sqlite'));
  });
});

describe('building the demo', () => {
  it('leaves nothing behind when interrupted midway, and the next start builds it whole', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-demo-broken-'));
    try {
      const log = sampleLog();
      function* failing(): Generator<LogEvent> {
        yield* log.events.slice(0, 5);
        throw new Error('power cut');
      }
      await expect(
        ensureDemoStore(dataDir, () => ({
          events: failing(),
          districtName: 'X',
          until: '2026-07-01T00:00:00+06:00',
        })),
      ).rejects.toThrow('power cut');
      expect(await readdir(dataDir)).toEqual([]);
      // A temp file from a killed process is cleaned up by the next build.
      await writeFile(path.join(dataDir, 'demo.sqlite.building-99999-dead'), 'half a demo');
      const file = await ensureDemoStore(dataDir, () => ({
        events: log.events,
        districtName: 'Small demo',
        until: '2026-07-01T00:00:00+06:00',
      }));
      expect(await readdir(dataDir)).toEqual(['demo.sqlite']);
      const store = await openStore({ file });
      try {
        expect(await store.settings.get('store.kind')).toBe('demo');
        expect(await store.eventCount()).toBe(log.events.length);
        expect((await store.users.list()).map((u) => u.username).sort()).toEqual([
          'commission',
          'director',
          'officer',
        ]);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a demo file is never opened as a real district, nor a real one as the demo', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-demo-mix-'));
    try {
      const demo = await ensureDemoStore(dataDir, () => ({
        events: sampleLog().events,
        districtName: 'Small demo',
        until: '2026-07-01T00:00:00+06:00',
      }));
      const factory = createStoreFactory();
      await expect(factory.open('real', demo)).rejects.toThrow(/marked demo/);
      const real = path.join(dataDir, 'district.sqlite');
      await (await factory.open('real', real)).close();
      await expect(factory.open('demo', real)).rejects.toThrow(/marked real/);
      expect(existsSync(real)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
