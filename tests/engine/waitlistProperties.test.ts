// R16 properties over random campaigns (fast-check): the queue invariants the
// issue names, checked after every event, with waitlists on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { ACTIVE_STATUSES, streamKey } from '../../shared/engine/model';
import { replayJson } from '../../shared/engine/replay';
import type { QueueEntry } from '../../shared/engine/waitlist';
import type { LogEvent } from '../../shared/log/events';
import { LogBuilder, T, pin } from '../support/logBuilder';
import { campaignLogOf } from './randomCampaign';

const runs = { numRuns: 300 };
const stage2Start = Date.parse(T.stage2);
const stage2End = Date.parse(T.stage2End);
/** Mostly stage 2, where queues live, with a little of stage 1 before and the deadline after. */
const waitlistLog = campaignLogOf({
  waitlist: true,
  from: stage2Start - 86_400_000,
  to: stage2End + 86_400_000,
  minSteps: 30,
  maxSteps: 80,
  apps: 23,
  children: 15,
  churn: 3,
});
const anyLog = campaignLogOf({ waitlist: true });

const appIdOf = (e: LogEvent) => (e.data as { applicationId?: string }).applicationId;

describe('R16 properties', () => {
  it('no stream rests with a free seat and a non-empty queue; outside stage 2 there are no queues', () => {
    fc.assert(
      fc.property(waitlistLog, (events) => {
        const engine = new Engine();
        for (const e of events) {
          engine.ingest(e);
          const inStage2 = engine.clock >= stage2Start && engine.clock < stage2End;
          for (const s of engine.streams.values()) {
            const queued = engine.waitlistSize(s.key);
            if (engine.freeSeats(s) > 0) expect(queued).toBe(0);
            if (!inStage2) expect(queued).toBe(0);
          }
        }
      }),
      runs,
    );
  });

  it('queue order is join order, and a seat always goes to the earliest in that queue', () => {
    let runsWithPlacements = 0;
    fc.assert(
      fc.property(waitlistLog, (events) => {
        const engine = new Engine();
        // What an observer outside the engine sees: when each entry appeared.
        const joined = new Map<string, { entry: QueueEntry; n: number }>();
        let joins = 0;
        let placements = 0;
        for (const e of events) {
          engine.ingest(e);
          const left: { id: string; key: string; n: number }[] = [];
          for (const [id, j] of joined) {
            if (engine.waitlistEntry(id) !== j.entry) {
              joined.delete(id);
              left.push({ id, key: j.entry.streamKey, n: j.n });
            }
          }
          for (const app of engine.applications.values()) {
            const entry = engine.waitlistEntry(app.id);
            if (!entry || joined.get(app.id)?.entry === entry) continue;
            // Only the event's own application can join a queue.
            expect(app.id).toBe(appIdOf(e));
            joined.set(app.id, { entry, n: ++joins });
          }
          for (const s of engine.streams.values()) {
            const order = engine.waitlist(s.key).map((q) => joined.get(q.applicationId)!.n);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          for (const l of left) {
            const app = engine.applications.get(l.id)!;
            const placedThere =
              app.status === 'registered' && streamKey(app.schoolId, app.language) === l.key;
            if (!placedThere || app.id === appIdOf(e)) continue;
            // Placed from the queue: nobody who joined it earlier is still waiting.
            for (const q of engine.waitlist(l.key))
              expect(joined.get(q.applicationId)!.n).toBeGreaterThan(l.n);
            placements++;
          }
        }
        if (placements > 0) runsWithPlacements++;
      }),
      runs,
    );
    // The random campaigns must actually exercise queues, not pass vacuously.
    expect(runsWithPlacements).toBeGreaterThan(runs.numRuns / 10);
  });

  it('seats are conserved: waiting holds no seat, a standing request keeps one, one active application per child', () => {
    fc.assert(
      fc.property(waitlistLog, (events) => {
        const engine = new Engine();
        for (const e of events) {
          engine.ingest(e);
          const count = new Map<string, number>();
          const pins = new Set<string>();
          for (const a of engine.applications.values()) {
            const entry = engine.waitlistEntry(a.id);
            const key = streamKey(a.schoolId, a.language);
            if (a.status === 'waitlisted') {
              expect(entry).toMatchObject({ kind: 'wait', streamKey: key });
            } else if (entry) {
              expect(a.status).toBe('registered');
              expect(entry.kind).toBe('transfer');
              expect(entry.streamKey).not.toBe(key);
            }
            if (ACTIVE_STATUSES.has(a.status)) count.set(key, (count.get(key) ?? 0) + 1);
            if (a.pin !== null && (ACTIVE_STATUSES.has(a.status) || a.status === 'waitlisted')) {
              expect(pins.has(a.pin)).toBe(false);
              pins.add(a.pin);
            }
          }
          for (const s of engine.streams.values()) expect(s.occupied).toBe(count.get(s.key) ?? 0);
        }
      }),
      runs,
    );
  });

  it('a cascade ends: one event places at most the entries that were queued, plus its own', () => {
    fc.assert(
      fc.property(waitlistLog, (events) => {
        const engine = new Engine();
        for (const e of events) {
          const queued = [...engine.streams.keys()].reduce((n, k) => n + engine.waitlistSize(k), 0);
          const stateBefore = new Map(
            [...engine.applications].map(([id, a]) => [
              id,
              `${a.status} ${a.schoolId}/${a.language}`,
            ]),
          );
          engine.ingest(e);
          // Placed from a queue: a waiting child now registered, or a registered child in another stream.
          let moved = 0;
          for (const [id, a] of engine.applications) {
            const was = stateBefore.get(id);
            const now = `${a.status} ${a.schoolId}/${a.language}`;
            if (was === undefined || was === now || id === appIdOf(e) || a.status !== 'registered')
              continue;
            if (was.startsWith('waitlisted ') || was.startsWith('registered ')) moved++;
          }
          if (engine.clock < stage2End) expect(moved).toBeLessThanOrEqual(queued);
        }
      }),
      runs,
    );
  });

  it('a ring of standing requests, freed anywhere, moves each child at most once and ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.nat(),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (n, freed, order) => {
          const log = new LogBuilder({ waitlist: true });
          for (let i = 0; i < n; i++) log.school(`R${i}`, { quotas: { ky: 1 } });
          log.at(T.stage2);
          for (let i = 0; i < n; i++) log.submit(`K${i}`, { pin: pin(i + 1), school: `R${i}` });
          // Requests join in a random order, each towards the next school round the ring.
          const who = [...Array(n).keys()].sort((a, b) => order[a] - order[b] || a - b);
          for (const i of who) log.transfer(`K${i}`, `R${(i + 1) % n}`);
          log.quota(`R${freed % n}`, 'ky', 2);
          const out = log.replay();
          for (let i = 0; i < n; i++)
            expect(out.applications[`K${i}`]).toMatchObject({
              schoolId: `R${(i + 1) % n}`,
              waitlist: null,
            });
          const occupied = Object.values(out.streams).reduce((sum, s) => sum + s.occupied, 0);
          expect(occupied).toBe(n);
        },
      ),
      runs,
    );
  });

  it('with the option on, a campaign in which nobody ever queued replays exactly as with it off', () => {
    fc.assert(
      fc.property(anyLog, (events) => {
        const on = new Engine({ details: false });
        for (const e of events) on.ingest(e);
        if (on.snapshot().waitlists!.joinSeq > 0) return;
        const opened = events[0] as LogEvent & { data: Record<string, unknown> };
        const offEvents = [
          { ...opened, data: { ...opened.data, waitlist: false } } as LogEvent,
          ...events.slice(1),
        ];
        const absent = [
          { ...opened, data: { ...opened.data, waitlist: undefined } } as LogEvent,
          ...events.slice(1),
        ];
        const off = new Engine({ details: false });
        const none = new Engine({ details: false });
        for (const e of offEvents) off.ingest(e);
        for (const e of absent) none.ingest(e);
        expect(replayJson(off)).toBe(replayJson(on));
        expect(replayJson(none)).toBe(replayJson(on));
      }),
      runs,
    );
  });

  it('with the option off nothing ever queues or waits', () => {
    fc.assert(
      fc.property(
        campaignLogOf({ waitlist: false, from: stage2Start, to: stage2End }),
        (events) => {
          const engine = new Engine();
          for (const e of events) engine.ingest(e);
          expect(engine.snapshot().waitlists!.joinSeq).toBe(0);
          for (const a of engine.applications.values()) expect(a.status).not.toBe('waitlisted');
        },
      ),
      runs,
    );
  });
});
