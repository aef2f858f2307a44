// The read side the services call, on a real store built from a log.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import {
  openStore,
  resolveDataDir,
  storeFile,
  type Store,
  UserExistsError,
} from '../../main/store';
import { campaignLog } from './fixtures/campaignLog';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const lines = campaignLog({ schools: 6, children: 500 });
const replay = replayText(lines.join('\n'));

beforeAll(async () => {
  tmp = tempDir();
  writeFileSync(tmp.file('log.jsonl'), lines.join('\n'));
  store = await openStore({ file: tmp.file('district.sqlite') });
  await store.importFile(tmp.file('log.jsonl'));
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

const apps = Object.entries(replay.applications);

describe('dashboard queries', () => {
  it('campaign, head and counts per status, district-wide and per school', async () => {
    const c = await store.campaign();
    expect(c).toMatchObject({
      year: 2026,
      stage1Start: '2026-04-11T09:00:00+06:00',
      maxWithdrawals: 2,
      lastAt: replay.asOf,
      deadlinePassed: true,
    });
    expect(c!.privilegeCategories).toEqual(['military', 'kairylman', 'teacher']);
    expect(await store.eventCount()).toBe(lines.length);
    expect((await store.head()).at).toBe(replay.asOf);
    const expected: Record<string, number> = {};
    for (const [, a] of apps) expected[a.status] = (expected[a.status] ?? 0) + 1;
    expect(await store.statusCounts()).toEqual(expected);
    const forS1: Record<string, number> = {};
    for (const [, a] of apps)
      if (a.schoolId === 'S0001') forS1[a.status] = (forS1[a.status] ?? 0) + 1;
    expect(await store.statusCounts('S0001')).toEqual(forS1);
  });

  it('streams with their school and free/overflow, schools with catchments', async () => {
    const streams = await store.streams();
    expect(streams).toHaveLength(Object.keys(replay.streams).length);
    for (const s of streams) {
      expect({
        quota: s.quota,
        occupied: s.occupied,
        free: s.free,
        overflow: s.overflow,
        waitlist: s.waitlist,
      }).toEqual(replay.streams[s.key]);
      expect(s.schoolName).toMatch(/^Школа №/);
    }
    expect((await store.streams('S0002')).map((s) => s.key)).toEqual(['S0002/ky', 'S0002/ru']);
    const [school] = await store.schools('S0003');
    expect(school).toEqual({
      id: 'S0003',
      name: 'Школа №3',
      kind: 'state',
      districtId: 'D1',
      locality: 'urban',
      classSizeNorm: null,
      catchment: ['01.003'],
    });
    expect(await store.openCases()).toBe(
      Object.values(replay.cases).filter((c) => c.status === 'open').length,
    );
  });
});

describe('the applications registry', () => {
  it('filters, sorts and pages', async () => {
    const enrolledS1 = apps
      .filter(([, a]) => a.status === 'enrolled' && a.schoolId === 'S0001')
      .map(([id]) => id)
      .sort();
    const page1 = await store.applications({
      status: 'enrolled',
      schoolId: 'S0001',
      sort: 'id',
      limit: 5,
    });
    expect(page1.total).toBe(enrolledS1.length);
    expect(page1.rows.map((r) => r.id)).toEqual(enrolledS1.slice(0, 5));
    const page2 = await store.applications({
      status: 'enrolled',
      schoolId: 'S0001',
      sort: 'id',
      offset: 5,
      limit: 5,
    });
    expect(page2.rows.map((r) => r.id)).toEqual(enrolledS1.slice(5, 10));
    const desc = await store.applications({ sort: 'id', direction: 'desc', limit: 1 });
    expect(desc.rows[0].id).toBe(
      apps
        .map(([id]) => id)
        .sort()
        .at(-1),
    );
    const multi = await store.applications({ status: ['withdrawn', 'no_documents'], limit: 1000 });
    expect(multi.total).toBe(
      apps.filter(([, a]) => a.status === 'withdrawn' || a.status === 'no_documents').length,
    );
    const s2 = await store.applications({ stage: 2, basis: 'open', language: 'ru', limit: 1000 });
    expect(s2.total).toBe(
      apps.filter(([, a]) => a.stage === 2 && a.basis === 'open' && a.language === 'ru').length,
    );
    const commission = await store.applications({ stage: null, limit: 1000 });
    expect(commission.rows.every((r) => r.basis === 'commission' && r.caseId === r.id)).toBe(true);
    const pending = await store.applications({ privilege: 'rejected', limit: 1000 });
    expect(pending.total).toBe(apps.filter(([, a]) => a.privilege === 'rejected').length);
  });

  it('sorts by submission time as instants, then by id', async () => {
    const { rows } = await store.applications({ sort: 'submittedAt', limit: 1000 });
    const times = rows.map((r) => Date.parse(r.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('searches by PIN prefix and by any part of the name in any case', async () => {
    const [, sample] = (await store.applications({ status: 'enrolled', limit: 1 })).rows
      .map((r) => r)
      .entries()
      .next().value!;
    const byPin = await store.applications({ search: sample.pin!.slice(0, 9) });
    expect(byPin.rows.every((r) => r.pin!.startsWith(sample.pin!.slice(0, 9)))).toBe(true);
    expect(byPin.rows.map((r) => r.id)).toContain(sample.id);
    const lastName = sample.childName.split(' ')[0];
    const byName = await store.applications({ search: lastName.toUpperCase(), limit: 1000 });
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.rows.every((r) => r.childName.includes(lastName))).toBe(true);
    expect((await store.applications({ search: '100%_' })).total).toBe(0);
    await expect(store.applications({ sort: 'nope' as never })).rejects.toThrow(/sort/);
  });

  it('shows one application with its whole history, its admission order included', async () => {
    const enrolled = (
      await store.applications({ status: 'enrolled', basis: 'catchment', limit: 1 })
    ).rows[0];
    const detail = await store.application(enrolled.id);
    expect(detail!.application).toEqual(enrolled);
    const types = detail!.events.map((e) => e.type);
    expect(types[0]).toBe('application.submitted');
    expect(types).toContain('documents.received');
    expect(types.at(-1)).toBe('order.issued');
    expect(JSON.parse(detail!.events.at(-1)!.body).data.orderNumber).toBe(enrolled.orderNumber);
    const seqs = detail!.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await store.application('nope')).toBeNull();
    const placed = (await store.applications({ basis: 'commission', limit: 1 })).rows[0];
    const caseHistory = await store.application(placed.id);
    expect(caseHistory!.events.map((e) => e.type).slice(0, 2)).toEqual([
      'commission.case_opened',
      'commission.decided',
    ]);
  });

  it('cases, orders with their children, rejections and the raw log', async () => {
    expect((await store.cases()).length).toBe(Object.keys(replay.cases).length);
    expect((await store.cases('declined')).every((c) => c.status === 'declined')).toBe(true);
    const orders = await store.orders('S0001');
    const refusedIds = new Set(replay.rejections.map((r) => r.eventId));
    const issued = lines
      .map((l) => JSON.parse(l))
      .filter(
        (e) => e.type === 'order.issued' && e.data.schoolId === 'S0001' && !refusedIds.has(e.id),
      );
    expect(orders.map((o) => o.orderNumber)).toEqual(issued.map((e) => e.data.orderNumber));
    expect(orders.length).toBeGreaterThan(0);
    const inOrders = new Set(orders.flatMap((o) => o.applicationIds));
    expect(inOrders).toEqual(
      new Set(
        apps.filter(([, a]) => a.schoolId === 'S0001' && a.status === 'enrolled').map(([id]) => id),
      ),
    );
    expect((await store.rejections(0, 100000)).map((r) => r.eventId)).toEqual(
      replay.rejections.map((r) => r.eventId),
    );
    const quotaEvents = await store.events({
      type: 'quota.set',
      actorRole: 'district',
      limit: 5000,
    });
    expect(quotaEvents.length).toBe(lines.filter((l) => l.includes('"quota.set"')).length);
    const page = await store.events({ afterSeq: 10, limit: 3 });
    expect(page.map((e) => e.seq)).toEqual([11, 12, 13]);
  });

  it('the instants of the accepted events of one type, in log order, refused ones left out', async () => {
    const refusedIds = new Set(replay.rejections.map((r) => r.eventId));
    const events = lines.map((l) => JSON.parse(l) as { id: string; type: string; at: string });
    const accepted = events
      .filter((e) => e.type === 'documents.received' && !refusedIds.has(e.id))
      .map((e) => e.at);
    expect(accepted.length).toBeGreaterThan(0);
    expect(await store.acceptedEventTimes('documents.received')).toEqual(accepted);
    expect(await store.acceptedEventTimes('no.such.type')).toEqual([]);
  });
});

describe('users and settings', () => {
  it('creates, finds and lists users; one role each; usernames unique', async () => {
    const officer = await store.users.create({
      username: 'officer',
      displayName: 'Асель',
      role: 'district',
      schoolId: null,
      passwordHash: 'scrypt$x',
    });
    expect(officer).toMatchObject({
      id: expect.any(Number),
      username: 'officer',
      role: 'district',
      schoolId: null,
    });
    await store.users.create({
      username: 'dir1',
      displayName: 'Директор',
      role: 'director',
      schoolId: 'S0001',
      passwordHash: 'h',
    });
    await expect(
      store.users.create({
        username: 'officer',
        displayName: 'x',
        role: 'district',
        schoolId: null,
        passwordHash: 'h',
      }),
    ).rejects.toBeInstanceOf(UserExistsError);
    await expect(
      store.users.create({
        username: 'd2',
        displayName: 'x',
        role: 'director',
        schoolId: null,
        passwordHash: 'h',
      }),
    ).rejects.toThrow(/schoolId/);
    await expect(
      store.users.create({
        username: 'r',
        displayName: 'x',
        role: 'root' as never,
        schoolId: null,
        passwordHash: 'h',
      }),
    ).rejects.toThrow(/role/);
    expect((await store.users.findByUsername('dir1'))!.schoolId).toBe('S0001');
    expect(await store.users.findByUsername('ghost')).toBeNull();
    expect((await store.users.list()).map((u) => u.username)).toEqual(['officer', 'dir1']);
    await store.users.setPasswordHash(officer.id, 'scrypt$y');
    expect((await store.users.findById(officer.id))!.passwordHash).toBe('scrypt$y');
  });

  it('gets and sets settings, overwriting', async () => {
    expect(await store.settings.get('ui.language')).toBeNull();
    await store.settings.set('ui.language', 'ky');
    await store.settings.set('ui.language', 'ru');
    await store.settings.set('district.name', 'Ленинский район');
    expect(await store.settings.get('ui.language')).toBe('ru');
    expect(await store.settings.all()).toEqual({
      'ui.language': 'ru',
      'district.name': 'Ленинский район',
    });
  });

  it('lists settings by key prefix, read as text: _ and % are no wildcards', async () => {
    await store.settings.set('attachments:claim:A_1', '[1]');
    await store.settings.set('attachments:claim:A%2', '[2]');
    await store.settings.set('attachments:case:C1', '[3]');
    await store.settings.set('attachmentsXclaimXA1', '[4]');
    expect(await store.settings.withPrefix('attachments:claim:')).toEqual({
      'attachments:claim:A_1': '[1]',
      'attachments:claim:A%2': '[2]',
    });
    expect(await store.settings.withPrefix('attachments:claim:A_')).toEqual({
      'attachments:claim:A_1': '[1]',
    });
    expect(await store.settings.withPrefix('none:')).toEqual({});
  });
});

describe('the data folder', () => {
  it('prefers KABYL_DATA_DIR, then Electron userData, then the OS app-data folder', () => {
    expect(resolveDataDir('/e/userData', { env: { KABYL_DATA_DIR: '/tmp/kd' } })).toBe(
      path.resolve('/tmp/kd'),
    );
    expect(resolveDataDir('/e/userData', { env: {} })).toBe('/e/userData');
    expect(
      resolveDataDir(undefined, {
        env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
        platform: 'win32',
        home: 'C:\\Users\\a',
      }),
    ).toBe('C:\\Users\\a\\AppData\\Roaming\\Kabyl');
    expect(resolveDataDir(undefined, { env: {}, platform: 'linux', home: '/home/a' })).toBe(
      '/home/a/.config/Kabyl',
    );
    expect(
      resolveDataDir(undefined, {
        env: { XDG_CONFIG_HOME: '/x' },
        platform: 'linux',
        home: '/home/a',
      }),
    ).toBe('/x/Kabyl');
    expect(resolveDataDir(undefined, { env: {}, platform: 'darwin', home: '/Users/a' })).toBe(
      '/Users/a/Library/Application Support/Kabyl',
    );
    expect(
      resolveDataDir(undefined, { env: { KABYL_DATA_DIR: '  ' }, platform: 'linux', home: '/h' }),
    ).toBe('/h/.config/Kabyl');
  });

  it('keeps the real district and the demo in separate files', () => {
    expect(storeFile('real', '/d')).toBe(path.join('/d', 'district.sqlite'));
    expect(storeFile('demo', '/d')).toBe(path.join('/d', 'demo.sqlite'));
  });
});
