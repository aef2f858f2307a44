// Property tests of the engine over random small campaigns (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { ACTIVE_STATUSES, streamKey } from '../../shared/engine/model';
import { replayJson, replayOutput, replayText } from '../../shared/engine/replay';
import { decodeEssentials, encodeEssentials, essentials } from '../../shared/engine/essentials';
import type { LogEvent } from '../../shared/log/events';
import { campaignLog, end } from './randomCampaign';

const text = (events: LogEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');
const runs = { numRuns: 300 };

describe('engine properties', () => {
  it('stage-2, privilege and transfer placements never take a seat beyond the quota', () => {
    fc.assert(
      fc.property(campaignLog, (events) => {
        const engine = new Engine();
        for (const e of events) {
          const before = engine.applications.get(
            (e.data as { applicationId?: string }).applicationId ?? '',
          )?.schoolId;
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
            // A standing request (R16) is accepted but moves nobody yet.
            if (app.schoolId === before && engine.waitlistEntry(app.id)) continue;
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
        // Queue places (R16), kept per stream: a changed queue is read again whole.
        const queues = new Map<string, string[]>();
        for (const e of events) {
          engine.ingest(e);
          const changes = engine.takeChanges();
          for (const id of changes.applications) apps.set(id, { ...engine.applications.get(id)! });
          for (const key of changes.streams) streams.set(key, { ...engine.streams.get(key)! });
          for (const key of changes.waitlists)
            queues.set(
              key,
              engine.waitlist(key).map((q) => q.applicationId),
            );
        }
        const places = new Map<string, number>();
        for (const ids of queues.values()) ids.forEach((id, i) => places.set(id, i + 1));
        expect(places).toEqual(engine.waitlistPositions());
        expect(Object.fromEntries(apps)).toEqual(
          Object.fromEntries([...engine.applications].map(([k, v]) => [k, { ...v }])),
        );
        expect(Object.fromEntries(streams)).toEqual(
          Object.fromEntries([...engine.streams].map(([k, v]) => [k, { ...v }])),
        );
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
    const sub = {
      id: 'a\u0001b',
      type: 'application.submitted',
      at: '2026-04-11T09:00:00+06:00',
      data: {
        applicationId: 'A',
        child: { pin: '1', lastName: 'x', firstName: 'y', citizenship: 'KG' },
        guardian: { pin: '2', email: 'e', phone: 'p' },
        schoolId: 'S',
        language: 'ky',
        registeredAddress: 'R',
        privilege: { category: 'military' },
      },
    } as unknown as LogEvent;
    expect(decodeEssentials(encodeEssentials(sub))).toEqual(essentials(sub));
    const docs = {
      id: 'd',
      type: 'documents.received',
      at: '2026-08-01T00:00:00+06:00',
      data: { applicationId: 'A', items: ['passport', 'photos'] },
    } as unknown as LogEvent;
    expect(decodeEssentials(encodeEssentials(docs))).toEqual(essentials(docs));
    const plain = {
      ...sub,
      id: 'p',
      data: { ...(sub.data as object), privilege: undefined },
    } as unknown as LogEvent;
    expect(
      (decodeEssentials(encodeEssentials(plain)).data as { privilege?: unknown }).privilege,
    ).toBeUndefined();
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
