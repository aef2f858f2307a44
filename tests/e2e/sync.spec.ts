// A real district desktop (the harness, its own fresh data folder) connected to a
// running central server (dist/server.cjs on its own PostgreSQL database) through
// a TCP proxy the test cuts: connect with a one-time code, make a change offline
// and see it "not yet confirmed", go online and see it confirmed, produce a
// conflict and see it listed with what, who and why - in ky, ru and en.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LOCALES, callApi, chooseLanguage, type Lang } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';
import { createTestDatabase, type TestDatabase } from '../server/pgTestDatabase';
import { spawnServer, type ServerProcess } from '../server/serverProcess';
import { TcpProxy } from '../sync/tcpProxy';
import { LABEL_DOMAINS } from '../../shared/labels';

test.describe.configure({ mode: 'serial' });

const repoRoot = path.resolve(__dirname, '../..');
const KABYL = path.join(repoRoot, 'bin/kabyl.cjs');
// The config takes the port and the next one (the real-district harness); the proxy takes port + 3.
const PROXY_PORT = Number(process.env.KABYL_E2E_PORT ?? 5611) + 3;
const officer = { username: 'officer', displayName: 'Айбек Осмонов', password: 'a-long-password' };

let db: TestDatabase;
let server: ServerProcess;
let proxy: TcpProxy;
let workDir: string;
let district: string;
/** a second device of the same district, pushing straight to the server (not through the proxy) */
let otherToken: string;

function kabyl(args: string[]): string {
  return execFileSync(process.execPath, [KABYL, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function enrolmentCode(name: string): string {
  const out = kabyl([
    'server',
    'enrol',
    '--district',
    district,
    '--name',
    name,
    '--database',
    db.url,
  ]);
  return /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(out)![0];
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-e2e-sync-'));
  db = await createTestDatabase();
  // A campaign whose calendar holds today: the desktop stamps its decisions with
  // its own clock, and the rules (stages, the documents deadline) follow it.
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms + 6 * 3600_000).toISOString().slice(0, 23) + '+06:00';
  const now = Date.now();
  const campaign = {
    year: new Date(now).getUTCFullYear(),
    stage1Start: iso(now - 30 * day),
    stage2Start: iso(now - 10 * day),
    stage2End: iso(now + 30 * day),
    documentsStart: iso(now - 5 * day),
    documentsEnd: iso(now + 40 * day),
    birthDateFrom: '2019-09-01',
    birthDateTo: '2020-08-31',
    maxWithdrawals: 3,
    privilegeCategories: ['military'],
  };
  const file = path.join(workDir, 'campaign.json');
  writeFileSync(file, JSON.stringify(campaign));
  district = 'BISH.LEN';
  kabyl([
    'server',
    'campaign',
    '--campaign',
    file,
    '--at',
    iso(now - 40 * day),
    '--district',
    `${district}=Ленинский`,
    '--database',
    db.url,
  ]);
  server = await spawnServer({ DATABASE_URL: db.url });
  proxy = await TcpProxy.forUrl(server.url).start(PROXY_PORT);
  const code = enrolmentCode('other-desk');
  const r = await fetch(`${server.url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  otherToken = ((await r.json()) as { token: string }).token;
  // The district's school and its children, decided by the other desktop.
  const events: object[] = [
    event('school.registered', {
      schoolId: 'LEN-001',
      name: '№ 2 орто мектеби',
      kind: 'municipal',
      districtId: district,
      locality: 'urban',
    }),
    event('quota.set', { schoolId: 'LEN-001', language: 'ky', seats: 25 }),
  ];
  for (let i = 1; i <= 9; i++) {
    events.push(
      event('application.submitted', {
        applicationId: `APP-LEN-${i}`,
        child: {
          pin: `2150320200000${i}`,
          lastName: 'Асанов',
          firstName: `Бакыт ${i}`,
          citizenship: 'KG',
        },
        guardian: {
          pin: `20101199000000${i}`.slice(0, 14),
          email: 'g@example.kg',
          phone: '+996555000000',
        },
        schoolId: 'LEN-001',
        language: 'ky',
        registeredAddress: 'Бишкек, Ленин к., 1',
      }),
    );
  }
  const pushed = await pushOther(events);
  expect(
    pushed.every((o) => o.status === 'accepted'),
    JSON.stringify(pushed),
  ).toBe(true);
});

let serial = 0;
function event(type: string, data: object): object {
  return {
    id: `other-${process.pid}-${++serial}`,
    type,
    at: new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 23) + '+06:00',
    actor: { role: 'district', id: 'other-officer' },
    data,
  };
}

async function pushOther(events: object[]): Promise<{ status: string; reason?: string }[]> {
  const r = await fetch(`${server.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${otherToken}` },
    body: JSON.stringify({ events }),
  });
  const body = (await r.json()) as { outcomes: { status: string; reason?: string }[] };
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body.outcomes;
}

test.afterAll(async () => {
  await proxy?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await db?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

/** A registered application of the district that nobody has touched in this run yet. */
async function registeredApplication(page: Page, skip: Set<string>): Promise<string> {
  const r = await callApi<{ rows: { id: string; status: string }[] }>(page, 'applications.list', {
    status: ['registered'],
    limit: 200,
  });
  expect(r.ok).toBe(true);
  const id = r.value!.rows.map((x) => x.id).find((x) => !skip.has(x))!;
  skip.add(id);
  return id;
}

async function pushWithdrawal(applicationId: string): Promise<void> {
  const [outcome] = await pushOther([event('application.withdrawn', { applicationId })]);
  expect(outcome.status).toBe('accepted');
}

const syncState = (page: Page) => page.getByTestId('sync-status');

for (const lang of ['ky', 'ru', 'en'] as Lang[]) {
  test(`connect, pending offline, confirmed online, a conflict listed (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const words = (
      LOCALES[lang] as unknown as { sync: { notConfirmed: string; badge: Record<string, string> } }
    ).sync;
    const touched = new Set<string>();
    let harness: PrivateHarness | null = null;
    try {
      harness = await startPrivateHarness({}, ['--store', 'real']);
      await page.goto(harness.url);
      await expect(page.getByTestId('setup-page')).toBeVisible({ timeout: 60_000 });
      await chooseLanguage(page, lang);
      await page.locator('#setup-district').fill(district);
      await page.locator('#setup-name').fill(officer.displayName);
      await page.locator('#setup-username').fill(officer.username);
      await page.locator('#setup-password').fill(officer.password);
      await page.locator('form.setup-option button[type=submit]').click();
      await page.locator('#username').fill(officer.username);
      await page.locator('#password').fill(officer.password);
      await page.locator('form.signin-card button[type=submit]').click();

      // Connect through the proxy with a one-time code.
      await expect(syncState(page)).toHaveAttribute('data-state', 'disconnected');
      await page.locator('nav [data-nav="sync"]').click();
      await page.locator('#sync-url').fill(proxy.url);
      await page.locator('#sync-code').fill(enrolmentCode(`desk-${lang}`));
      await page.getByTestId('sync-connect').locator('button[type=submit]').click();
      await expect(syncState(page)).toHaveAttribute('data-state', 'synced', { timeout: 60_000 });
      await expect(syncState(page)).toHaveText(words.badge.synced);
      await expect(page.getByTestId('sync-server')).toHaveText(proxy.url);

      // Offline: the line is cut, an officer records a withdrawal on a parent's written request.
      proxy.cut();
      const child = await registeredApplication(page, touched);
      const w = await callApi<{ eventId: string }>(page, 'applications.withdraw', {
        applicationId: child,
        reference: `WR-${lang}-1`,
      });
      expect(JSON.stringify(w)).toContain(`"ok":true`);
      await expect(syncState(page)).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
      await expect(syncState(page)).toHaveAttribute('data-pending', '1');
      const row = page.getByTestId('sync-pending').locator(`tr[data-event="${w.value!.eventId}"]`);
      await expect(row).toContainText(words.notConfirmed);
      await expect(row).toContainText(child);
      // The registry marks the child's row too.
      await page.locator('nav [data-nav="applications"]').click();
      await expect(page.getByTestId('not-confirmed')).toHaveCount(1);
      await expect(page.getByTestId('not-confirmed')).toHaveText(words.notConfirmed);
      await page.locator('nav [data-nav="sync"]').click();

      // Online again: the loop pushes it and the pull confirms it.
      proxy.restore();
      await expect(syncState(page)).toHaveAttribute('data-state', 'synced', { timeout: 60_000 });
      await expect(page.getByTestId('sync-pending-empty')).toBeVisible();

      // A conflict: offline, this desktop marks a withdrawal for a child whose withdrawal
      // reached the server from another desktop first.
      proxy.cut();
      const second = await registeredApplication(page, touched);
      const mine = await callApi<{ eventId: string }>(page, 'applications.withdraw', {
        applicationId: second,
        reference: `WR-${lang}-2`,
      });
      expect(mine).toMatchObject({ ok: true });
      await pushWithdrawal(second);
      await expect(syncState(page)).toHaveAttribute('data-pending', '1', { timeout: 30_000 });
      proxy.restore();
      await expect(syncState(page)).toHaveAttribute('data-state', 'conflicts', { timeout: 60_000 });
      const conflict = page
        .getByTestId('sync-conflicts')
        .locator(`tr[data-event="${mine.value!.eventId}"]`);
      const label = (domain: 'reason' | 'eventType' | 'role', code: string) =>
        (LABEL_DOMAINS[domain] as Record<string, Record<Lang, string>>)[code][lang];
      await expect(conflict).toContainText(label('eventType', 'application.withdrawn'));
      await expect(conflict).toContainText(second);
      await expect(conflict).toContainText(label('role', 'district'));
      await expect(conflict.getByTestId('conflict-why')).toHaveText(label('reason', 'not_active'));
      await expect(page.getByTestId('sync-pending-empty')).toBeVisible();
      // Marked as seen, it stays listed; the shell is back to "synced".
      await conflict.locator('button').click();
      await expect(conflict).toHaveAttribute('data-seen', 'yes');
      await expect(syncState(page)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
    } finally {
      proxy.restore();
      await harness?.close();
    }
  });
}
