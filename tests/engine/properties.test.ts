// Property tests of the engine over random small campaigns (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { ACTIVE_STATUSES, streamKey } from '../../shared/engine/model';
import { replayJson, replayOutput, replayText } from '../../shared/engine/replay';
import { decodeEssentials, encodeEssentials, essentials } from '../../shared/engine/essentials';
import type { LogEvent } from '../../shared/log/events';
import { ALL_DOCUMENTS, CALENDAR, T, pin } from '../support/logBuilder';

const SCHOOLS = [
  { id: 'S1', kind: 'state', catchment: ['R.D.A'] },
  { id: 'S2', kind: 'municipal', catchment: ['R.D.B', 'R.D.A.7'] },
  { id: 'S3', kind: 'private', catchment: ['R.D.C'] },
];
const LANGS = ['ky', 'ru'];
const ADDRESSES = ['R.D.A.1', 'R.D.A.7.2', 'R.D.B.3', 'R.D.C.1', 'R.D.Z.9'];
const PRIVILEGES = [undefined, undefined, 'military', 'teacher', 'kairylman', 'veteran'];
const start = Date.parse(T.before);
const end = Date.parse(T.deadline) + 86_400_000;

const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('submit' as const), app: fc.nat(11), child: fc.nat(7), school: fc.nat(2), lang: fc.nat(1), address: fc.nat(4), privilege: fc.nat(5), badPin: fc.nat(15) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), app: fc.nat(11) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), app: fc.nat(11), school: fc.nat(3), lang: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('review' as const), app: fc.nat(11), approve: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('documents' as const), app: fc.nat(11), complete: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('order' as const), school: fc.nat(2), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('case' as const), c: fc.nat(3), child: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), c: fc.nat(4), place: fc.boolean(), school: fc.nat(2), lang: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quota' as const), school: fc.nat(2), lang: fc.nat(1), seats: fc.nat(3) }) },
);

/** A random campaign: fixed set-up, then actions at random non-decreasing times across the whole calendar. */
const campaignLog = fc
  .record({
    quotas: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
    steps: fc.array(fc.tuple(action, fc.integer({ min: start, max: end })), { maxLength: 60 }),
    maxWithdrawals: fc.option(fc.nat(2), { nil: undefined }),
  })
  .map(({ quotas, steps, maxWithdrawals }) => buildLog(quotas, steps, maxWithdrawals));

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function buildLog(quotas: number[], steps: [Action, number][], maxWithdrawals?: number): LogEvent[] {
  const events: LogEvent[] = [];
  let n = 0;
  const push = (type: string, at: number, data: Record<string, unknown>) =>
    events.push({ id: `e${++n}`, type, at: new Date(at).toISOString(), data } as LogEvent);
  push('campaign.opened', start, { ...CALENDAR, ...(maxWithdrawals === undefined ? {} : { maxWithdrawals }) });
  SCHOOLS.forEach((s, i) => {
    push('school.registered', start, { schoolId: s.id, name: s.id, kind: s.kind, districtId: 'D' });
    push('catchment.set', start, { schoolId: s.id, addresses: s.catchment });
    push('quota.set', start, { schoolId: s.id, language: 'ky', seats: quotas[i * 2] });
    if (i !== 1) push('quota.set', start, { schoolId: s.id, language: 'ru', seats: quotas[i * 2 + 1] });
  });
  const sorted = [...steps].sort((a, b) => a[1] - b[1]);
  for (const [a, at] of sorted) {
    switch (a.kind) {
      case 'submit':
        push('application.submitted', at, {
          applicationId: `A${a.app}`,
          child: { pin: a.badPin === 0 ? '123' : a.badPin === 1 ? pin(a.child, '01012015') : pin(a.child), lastName: 'L', firstName: 'F', citizenship: 'KG' },
          guardian: { pin: '11203198500021', email: 'g@example.kg', phone: '+996700000001' },
          schoolId: SCHOOLS[a.school].id,
          language: LANGS[a.lang],
          registeredAddress: ADDRESSES[a.address],
          ...(PRIVILEGES[a.privilege] ? { privilege: { category: PRIVILEGES[a.privilege] } } : {}),
        });
        break;
      case 'withdraw':
        push('application.withdrawn', at, { applicationId: `A${a.app}` });
        break;
      case 'transfer':
        push('application.transfer_requested', at, { applicationId: `A${a.app}`, toSchoolId: ['S1', 'S2', 'S3', 'S9'][a.school], ...(a.lang < 2 ? { toLanguage: LANGS[a.lang] } : {}) });
        break;
      case 'review':
        push('privilege.reviewed', at, { applicationId: `A${a.app}`, decision: a.approve ? 'approved' : 'rejected' });
        break;
      case 'documents':
        push('documents.received', at, { applicationId: `A${a.app}`, items: a.complete === 0 ? ALL_DOCUMENTS.slice(1) : ALL_DOCUMENTS });
        break;
      case 'order':
        push('order.issued', at, { schoolId: SCHOOLS[a.school].id, orderNumber: String(a.n) });
        break;
      case 'case':
        push('commission.case_opened', at, { caseId: `C${a.c}`, child: { fullName: 'X', ...(a.child < 8 ? { pin: pin(a.child) } : {}) }, reason: 'r' });
        break;
      case 'decide':
        push('commission.decided', at, a.place ? { caseId: `C${a.c}`, decision: 'place', schoolId: SCHOOLS[a.school].id, language: LANGS[a.lang] } : { caseId: `C${a.c}`, decision: 'decline' });
        break;
      case 'quota':
        push('quota.set', at, { schoolId: SCHOOLS[a.school].id, language: LANGS[a.lang], seats: a.seats });
        break;
    }
  }
  return events;
}

const text = (events: LogEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');
const runs = { numRuns: 300 };

describe('engine properties', () => {
  it('stage-2, privilege and transfer placements never take a seat beyond the quota', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const engine = new Engine();
        for (const e of events) {
          const before = engine.applications.get((e.data as { applicationId?: string }).applicationId ?? '')?.schoolId;
          const outcome = engine.ingest(e);
          if (outcome.kind !== 'applied' || outcome.refused !== null) continue;
          if (e.type === 'application.submitted') {
            const app = engine.applications.get(e.data.applicationId)!;
            if (app.basis === 'open' || app.basis === 'privilege') {
              const s = engine.streams.get(streamKey(app.schoolId, app.language))!;
              expect(s.occupied).toBeLessThanOrEqual(s.quota);
            }
          }
          if (e.type === 'application.transfer_requested') {
            const app = engine.applications.get(e.data.applicationId)!;
            const s = engine.streams.get(streamKey(app.schoolId, app.language))!;
            expect(s.occupied).toBeLessThanOrEqual(s.quota);
            expect(before).toBeDefined();
          }
        }
      }),
      runs,
    );
  });

  it('seats are conserved: occupied equals the active applications of each stream, one per child', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const engine = new Engine();
        for (const e of events) engine.ingest(e);
        const count = new Map<string, number>();
        const pins = new Set<string>();
        for (const a of engine.applications.values()) {
          if (!ACTIVE_STATUSES.has(a.status)) continue;
          const k = streamKey(a.schoolId, a.language);
          count.set(k, (count.get(k) ?? 0) + 1);
          if (a.pin !== null) {
            expect(pins.has(a.pin)).toBe(false);
            pins.add(a.pin);
          }
        }
        for (const s of engine.streams.values()) expect(s.occupied).toBe(count.get(s.key) ?? 0);
      }),
      runs,
    );
  });

  it('replaying the whole log equals applying it event by event onto restored state', () => {
    fc.assert(
      fc.property(campaignLog, fc.nat(), (events, cutSeed) => {
        const whole = replayText(text(events));
        const cut = cutSeed % (events.length + 1);
        const first = new Engine();
        for (const e of events.slice(0, cut)) first.ingest(e);
        // A restored snapshot stands for the app restarting between two events.
        const resumed = Engine.restore(JSON.parse(JSON.stringify(first.snapshot())));
        for (const e of events.slice(cut)) resumed.ingest(e);
        expect(replayOutput(resumed)).toEqual(whole);
      }),
      runs,
    );
  });

  it('projections kept up to date from change sets equal a full replay', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const engine = new Engine({ trackChanges: true });
        const apps = new Map<string, unknown>();
        const streams = new Map<string, unknown>();
        for (const e of events) {
          engine.ingest(e);
          const changes = engine.takeChanges();
          for (const id of changes.applications) apps.set(id, { ...engine.applications.get(id)! });
          for (const key of changes.streams) streams.set(key, { ...engine.streams.get(key)! });
        }
        expect(Object.fromEntries(apps)).toEqual(Object.fromEntries([...engine.applications].map(([k, v]) => [k, { ...v }])));
        expect(Object.fromEntries(streams)).toEqual(Object.fromEntries([...engine.streams].map(([k, v]) => [k, { ...v }])));
      }),
      runs,
    );
  });

  it('replaying the log twice, or with duplicated events anywhere after their first, gives the same result', () => {
    fc.assert(
      fc.property(campaignLog, fc.array(fc.tuple(fc.nat(), fc.nat())), (events, dups) => {
        const once = replayText(text(events));
        const twice = replayText(text([...events, ...events]));
        expect({ ...twice, stats: undefined }).toEqual({ ...once, stats: undefined });
        expect(twice.stats).toEqual({ events: once.stats.events, duplicates: events.length });
        const withDups = [...events];
        for (const [a, b] of dups) {
          const original = events[a % events.length];
          const firstAt = withDups.findIndex((e) => e.id === original.id);
          const pos = firstAt + 1 + (b % (withDups.length - firstAt));
          withDups.splice(pos, 0, { ...original });
        }
        const mixed = replayText(text(withDups));
        expect(mixed.applications).toEqual(once.applications);
        expect(mixed.streams).toEqual(once.streams);
        expect(mixed.rejections).toEqual(once.rejections);
        expect(mixed.stats.duplicates).toBe(dups.length);
      }),
      runs,
    );
  });

  it('after the documents deadline no application is still registered', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const out = replayText(text(events), new Date(end + 1000).toISOString());
        for (const a of Object.values(out.applications)) expect(a.status).not.toBe('registered');
      }),
      runs,
    );
  });
});

describe('the CLI document', () => {
  it("replaying the events' encoded essentials decides exactly what replaying the events does", () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const full = new Engine({ details: false });
        const lean = new Engine({ details: false });
        for (const e of events) {
          full.ingest(e);
          lean.ingest(decodeEssentials(encodeEssentials(e)));
        }
        expect(replayJson(lean)).toBe(replayJson(full));
      }),
      runs,
    );
  });

  it('essentials survive fields holding the separator, privilege claims and any item list', () => {
    const sub = { id: 'a\u0001b', type: 'application.submitted', at: '2026-04-11T09:00:00+06:00', data: { applicationId: 'A', child: { pin: '1', lastName: 'x', firstName: 'y', citizenship: 'KG' }, guardian: { pin: '2', email: 'e', phone: 'p' }, schoolId: 'S', language: 'ky', registeredAddress: 'R', privilege: { category: 'military' } } } as unknown as LogEvent;
    expect(decodeEssentials(encodeEssentials(sub))).toEqual(essentials(sub));
    const docs = { id: 'd', type: 'documents.received', at: '2026-08-01T00:00:00+06:00', data: { applicationId: 'A', items: ['passport', 'photos'] } } as unknown as LogEvent;
    expect(decodeEssentials(encodeEssentials(docs))).toEqual(essentials(docs));
    const plain = { ...sub, id: 'p', data: { ...(sub.data as object), privilege: undefined } } as unknown as LogEvent;
    expect((decodeEssentials(encodeEssentials(plain)).data as { privilege?: unknown }).privilege).toBeUndefined();
  });

  it('an engine without display details decides exactly the same', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const full = new Engine();
        const lean = new Engine({ details: false });
        for (const e of events) {
          full.ingest(e);
          lean.ingest(e);
        }
        expect(replayOutput(lean)).toEqual(replayOutput(full));
      }),
      runs,
    );
  });

  it('replayJson writes exactly JSON.stringify(replayOutput)', () => {
    fc.assert(
      fc.property(campaignLog, fc.boolean(), (events, late) => {
        const engine = new Engine();
        for (const e of events) engine.ingest(e);
        if (late) engine.advanceTo('2026-12-01T00:00:00+06:00');
        expect(replayJson(engine)).toBe(JSON.stringify(replayOutput(engine)));
      }),
      runs,
    );
  });
});
