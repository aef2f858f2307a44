// What a district holds (docs/sync.md): for every district D of a generated
// campaign, with cross-district moves added on top (a child transferred into
// D from elsewhere, one of D's children transferred out, a child withdrawn in
// one district who then applies in D), `kabyl replay` of the replica D pulls
// over HTTP gives exactly the server's outcomes for D's schools, streams and
// applications, and the replica holds no PIN, name, address or guardian
// contact of a child who never applied in D.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import { REQUIRED_DOCUMENTS } from '../../shared/log/events';
import type { PullResponse } from '../../shared/sync/contract';
import { createEnrolmentCode } from '../../server/auth/devices';
import { exportLog } from '../../server/admin/exportLog';
import { importLog } from '../../server/admin/importLog';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type RunningServer, startServer } from '../../server/server';
import { http } from './fixtures';
import { type TestDatabase, createTestDatabase } from './pgTestDatabase';

const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');
type Line = {
  seq?: number;
  id: string;
  type: string;
  at: string;
  actor?: { role: string; id: string };
  data: Record<string, any>;
};
type Replay = {
  applications: Record<string, { schoolId: string } & Record<string, unknown>>;
  streams: Record<string, unknown>;
};

let db: TestDatabase;
let server: RunningServer;
let now = parseInstant('2026-07-15T10:00:00+06:00');
let dir: string;
let generated: Line[];
const tokens = new Map<string, string>();
const cursors = new Map<string, string>();

function kabyl(args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

async function admin(events: Omit<Line, 'at'>[]): Promise<void> {
  const at = new Date(now).toISOString();
  const r = await server.sequencer.push(
    events.map((e) => ({ actor: { role: 'parent', id: 'portal' }, ...e, at })),
    { kind: 'admin' },
  );
  for (const o of r.outcomes) expect(o, JSON.stringify(o)).toMatchObject({ status: 'accepted' });
}

async function pullView(token: string, cursor?: string): Promise<{ pages: PullResponse[]; cursor: string }> {
  const pages: PullResponse[] = [];
  for (;;) {
    const q = `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await http<PullResponse>(`${server.url}/v1/pull${q}`, { token });
    expect(r.status).toBe(200);
    pages.push(r.body);
    cursor = r.body.cursor;
    if (!r.body.more) return { pages, cursor };
  }
}

const districtsOf = (lines: Line[]) =>
  [...new Set(lines.filter((l) => l.type === 'school.registered').map((l) => l.data.districtId as string))].sort();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-views-'));
  db = await createTestDatabase();
  const text = kabyl(['generate', '--districts', '3', '--schools', '4', '--children', '500', '--seed', '11',
    '--waitlist', '--until', '2026-07-10T00:00:00+06:00']);
  const lines = text.split('\n').filter((l) => l !== '');
  generated = lines.map((l) => JSON.parse(l));
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, lines);
  await setup.close();
  server = await startServer({ database: { url: db.url }, clock: () => now });
  for (const d of districtsOf(generated)) {
    const code = await createEnrolmentCode(server.db, d, `desk-${d}`);
    const r = await http<{ token: string }>(`${server.url}/v1/enrol`, { body: { code } });
    tokens.set(d, r.body.token);
    // Every district is synced before the cross-district moves happen.
    cursors.set(d, (await pullView(r.body.token)).cursor);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('district views', () => {
  let fromE: string, toD: string, outOfD: string, sameChild: string, withdrawnInE: string;
  let districtD: string, districtE: string;

  it('cross-district moves are recorded on top of the generated campaign', async () => {
    const engine = server.sequencer.state;
    [districtD, districtE] = districtsOf(generated);
    const inScope = (d: string) =>
      [...engine.schools.values()].filter((s) => s.districtId === d && ['state', 'municipal'].includes(s.kind));
    const registered = (d: string) =>
      [...engine.applications.values()].filter(
        (a) => a.status === 'registered' && a.privilege !== 'pending' && engine.schools.get(a.schoolId)!.districtId === d,
      );
    const submissions = new Map(generated.filter((l) => l.type === 'application.submitted').map((l) => [l.data.applicationId, l]));
    const streamIn = (d: string, language: string) =>
      inScope(d).map((s) => engine.stream(s.id, language)).find((s) => s !== undefined)!;
    const [a, b] = registered(districtE).filter((x) => x.language === 'ky');
    const c = registered(districtD).find((x) => x.language === 'ky')!;
    const dStream = streamIn(districtD, 'ky');
    const eStream = inScope(districtE).map((s) => engine.stream(s.id, 'ky')!).find((s) => s && s.schoolId !== c.schoolId)!;
    fromE = a.id;
    withdrawnInE = b.id;
    outOfD = c.id;
    sameChild = 'APP-X-SAME';
    toD = dStream.schoolId;
    // Seats first, so the moves are placements, not standing requests.
    await admin([
      { id: 'x-q1', type: 'quota.set', actor: { role: 'district', id: 'centre' },
        data: { schoolId: dStream.schoolId, language: 'ky', seats: dStream.occupied + 5 } },
      { id: 'x-q2', type: 'quota.set', actor: { role: 'district', id: 'centre' },
        data: { schoolId: eStream.schoolId, language: 'ky', seats: eStream.occupied + 5 } },
    ]);
    now += 60_000;
    // A child of E moves into D; a child of D moves to E.
    await admin([{ id: 'x-t1', type: 'application.transfer_requested', data: { applicationId: a.id, toSchoolId: toD } }]);
    await admin([{ id: 'x-t2', type: 'application.transfer_requested',
      data: { applicationId: c.id, toSchoolId: eStream.schoolId } }]);
    // A child of E is withdrawn there and applies in D.
    const original = submissions.get(b.id)!;
    await admin([{ id: 'x-w1', type: 'application.withdrawn', data: { applicationId: b.id } }]);
    await admin([{ id: 'x-s1', type: 'application.submitted',
      data: { ...original.data, applicationId: sameChild, schoolId: toD, language: 'ky' } }]);
    expect(engine.applications.get(a.id)!.schoolId).toBe(toD);
    expect(engine.applications.get(sameChild)!.status).toBe('registered');
    // The documents window: the transferred child's papers and an order at its new school.
    now = parseInstant('2026-08-05T10:00:00+06:00');
    await admin([{ id: 'x-d1', type: 'documents.received', actor: { role: 'director', id: 'dir' },
      data: { applicationId: a.id, items: [...REQUIRED_DOCUMENTS] } }]);
    await admin([{ id: 'x-o1', type: 'order.issued', actor: { role: 'director', id: 'dir' },
      data: { schoolId: toD, orderNumber: 'X-1' } }]);
    // Past the documents deadline: the sweep (R11) fires in every replica's replay too.
    now = parseInstant('2026-09-16T10:00:00+06:00');
    await admin([{ id: 'x-q3', type: 'quota.set', actor: { role: 'district', id: 'centre' },
      data: { schoolId: dStream.schoolId, language: 'ky', seats: dStream.quota } }]);
    expect(engine.applications.get(a.id)!.status).toBe('enrolled');
  });

  it('a district whose view grew behind its cursor gets a reset; one that did not, continues', async () => {
    const d = await pullView(tokens.get(districtD)!, cursors.get(districtD));
    expect(d.pages[0].reset).toBe(true);
    const third = districtsOf(generated)[2];
    const t = await pullView(tokens.get(third)!, cursors.get(third));
    expect(t.pages[0].reset).toBe(false);
  });

  it("every district's replica replays to the server's outcomes for its schools, streams and applications", async () => {
    let full = '';
    await exportLog(server.db, (chunk) => {
      full += chunk;
    });
    const fullLines: Line[] = full.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    const lastAt = fullLines[fullLines.length - 1].at;
    writeFileSync(path.join(dir, 'full.jsonl'), full);
    // Replicas replay as of the server's last event, so timers due by then have fired in both.
    const server_: Replay = JSON.parse(kabyl(['replay', path.join(dir, 'full.jsonl'), '--at', lastAt]));
    const schoolDistrict = new Map(
      fullLines.filter((l) => l.type === 'school.registered').map((l) => [l.data.schoolId, l.data.districtId]),
    );
    const filedAt = new Map(
      fullLines.filter((l) => l.type === 'application.submitted').map((l) => [l.data.applicationId, l.data.schoolId]),
    );
    for (const d of districtsOf(generated)) {
      const { pages } = await pullView(tokens.get(d)!);
      const lines = pages.flatMap((p) => p.events) as unknown as Line[];
      const file = path.join(dir, `${d}.jsonl`);
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const replica: Replay = JSON.parse(kabyl(['replay', file, '--at', lastAt]));
      const mine = (school: string | undefined) => school !== undefined && schoolDistrict.get(school) === d;
      const apps = Object.keys(server_.applications).filter(
        (id) => mine(server_.applications[id].schoolId) || mine(filedAt.get(id)),
      );
      expect(apps.length).toBeGreaterThan(0);
      for (const id of apps) expect(replica.applications[id], `${d}: application ${id}`).toEqual(server_.applications[id]);
      const streams = Object.keys(server_.streams).filter((k) => mine(k.split('/')[0]));
      expect(streams.length).toBeGreaterThan(0);
      for (const k of streams) expect(replica.streams[k], `${d}: stream ${k}`).toEqual(server_.streams[k]);
      // Its view is more than its own events only where a link put something there.
      const outside = lines.filter((l) => l.type === 'application.submitted' && !mine(l.data.schoolId));
      if (d === districtD) {
        // Every E application of the child who moved in and of the child who then applied in D.
        const pinOf = (id: string) => fullLines.find((l) => l.data.applicationId === id)!.data.child.pin;
        const children = new Set([pinOf(fromE), pinOf(withdrawnInE)]);
        const sameChildApps = fullLines
          .filter((l) => l.type === 'application.submitted' && children.has(l.data.child.pin))
          .map((l) => l.data.applicationId)
          .filter((id) => id !== sameChild);
        expect(sameChildApps).toContain(withdrawnInE);
        expect(outside.map((l) => l.data.applicationId).sort()).toEqual(sameChildApps.sort());
      }
      for (const l of outside) expect(l.data.guardian).toEqual({ pin: '', email: '', phone: '' });
      scanForStrangers(d, lines, fullLines, schoolDistrict);
    }
    // The moves really crossed: D holds E's child, E holds D's child.
    expect(filedAt.get(fromE) && schoolDistrict.get(filedAt.get(fromE)!)).toBe(districtE);
    expect(server_.applications[outOfD].schoolId).not.toBe(filedAt.get(outOfD));
    expect(schoolDistrict.get(filedAt.get(sameChild)!)).toBe(districtD);
  }, 120_000);
});

/**
 * The replica holds nothing personal of a child who never applied in `d`: no
 * child PIN, full name or address, and no guardian PIN, e-mail or phone.
 * A child applied in d when one of the child's applications (by PIN) was ever
 * at one of d's schools: filed, transferred or placed there.
 */
function scanForStrangers(d: string, replica: Line[], full: Line[], schoolDistrict: Map<string, string>): void {
  const pinOfApp = new Map<string, string>();
  const inD = new Set<string>();
  for (const l of full) {
    if (l.type === 'application.submitted') pinOfApp.set(l.data.applicationId, l.data.child.pin);
    if (l.type === 'commission.case_opened' && l.data.child.pin) pinOfApp.set(l.data.caseId, l.data.child.pin);
    const school =
      l.type === 'application.submitted' ? l.data.schoolId
        : l.type === 'application.transfer_requested' ? l.data.toSchoolId
          : l.type === 'commission.decided' ? l.data.schoolId : undefined;
    const id = l.data.applicationId ?? l.data.caseId;
    if (school && schoolDistrict.get(school) === d && pinOfApp.has(id)) inD.add(pinOfApp.get(id)!);
  }
  const catchments = new Set(full.filter((l) => l.type === 'catchment.set').flatMap((l) => l.data.addresses as string[]));
  // What d's own children share with a stranger (a name, a house, a guardian) is theirs too.
  const mineNames = new Set<string>();
  const mineAddresses = new Set<string>();
  for (const l of full) {
    if (l.type === 'application.submitted' && inD.has(l.data.child.pin)) {
      mineNames.add(`${l.data.child.lastName}","firstName":"${l.data.child.firstName}`);
      mineAddresses.add(l.data.registeredAddress);
      if (l.data.actualAddress) mineAddresses.add(l.data.actualAddress);
      const g = l.data.guardian;
      for (const v of [g.pin, g.email, g.phone, g.telegram, g.email2]) if (v) mineAddresses.add(v);
    }
  }
  const text = replica.map((l) => JSON.stringify(l)).join('\n');
  let strangers = 0;
  for (const l of full) {
    if (l.type !== 'application.submitted' || inD.has(l.data.child.pin)) continue;
    strangers++;
    const c = l.data.child, g = l.data.guardian;
    const personal = [c.pin, ...[g.pin, g.email, g.phone].filter((v) => !mineAddresses.has(v))];
    const name = `${c.lastName}","firstName":"${c.firstName}`;
    if (!mineNames.has(name)) personal.push(name);
    for (const address of [l.data.registeredAddress, l.data.actualAddress]) {
      if (address && !catchments.has(address) && !mineAddresses.has(address)) personal.push(address);
    }
    for (const p of personal) {
      if (p === '') continue;
      // Quoted: a house number must not match as the prefix of its neighbour's.
      expect(text.includes(p.includes('"') ? p : `"${p}"`), `${d}'s replica holds ${p} of application ${l.data.applicationId}`).toBe(false);
    }
  }
  expect(strangers).toBeGreaterThan(0);
}
