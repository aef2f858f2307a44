// The single writer of the authoritative log. Pushes queue up in arrival
// order; the sequencer takes everything queued, judges each event with the
// engine, gives each accepted one the next seq itself (gapless: never a
// database sequence, ARCHITECTURE.md), and commits the batch in one
// transaction (group commit). A push is answered only after its batch
// committed. If a commit fails, memory is rebuilt from what the database
// holds, so the engine never runs ahead of the log.
import type { Engine } from '../../shared/engine/engine';
import { type LogEvent, validateEvent } from '../../shared/log/events';
import { SchemaError } from '../../shared/log/check';
import { LogError } from '../../shared/log/parseLine';
import { MAX_LINE_BYTES, type EventOutcome, type PushResponse } from '../../shared/sync/contract';
import type { Database, Writer } from '../db/database';
import { CAMPAIGN_SCOPE, type ScopeView, checkDeviceScope, scopeOf } from '../log/scope';
import {
  type EventRow,
  type Homes,
  type RefusalRow,
  insertEvents,
  insertRefusals,
  writeProjections,
} from '../log/rows';
import { DistrictLinks, subjectOf } from '../log/links';
import { type Clock, formatInstant, systemClock } from './clock';
import { PushError } from './errors';
import { type StoredOutcome, loadLog } from './loadLog';
import { feedObservers } from './observers';
import { writeSnapshot } from './snapshots';

/** Who sends a push: an enrolled device of one district, or the centre's own admin commands. */
export type Caller =
  | { kind: 'device'; deviceId: string; districtId: string }
  /**
   * A parent's submission through the intake (docs/opening-day.md): always
   * appended, even when the rules refuse it, so the log records who asked when.
   */
  | { kind: 'parent'; parentId: string }
  | {
      kind: 'admin';
      /** keep each event's own `at` (importing an existing log) instead of stamping the server's */
      keepTime?: boolean;
    };

export interface SequencerOptions {
  clock?: Clock;
  /** the most events one transaction carries; a bigger queue is committed in several */
  maxBatch?: number;
  /**
   * Write a snapshot of the state once this many events were appended since the
   * last one (and on a clean close); 0 never writes one. Default 500,000: writing one
   * holds the sequencer for the copy and serialisation (about a second on a republic log,
   * under load), so the periodic one only bounds the replay after a crash.
   */
  snapshotEvery?: number;
  /** test hook: runs inside the batch's open transaction, after its rows were written */
  inTransaction?: (rows: readonly EventRow[]) => Promise<void> | void;
  /** told of every event in the log: all of it at each (re)load, then each batch after its commit */
  observers?: LogObserver[];
}

/** Something that follows the log in seq order (the intake's keys, the public hash chain). */
export interface LogObserver {
  /** the log is about to be read again from seq 1 */
  reset(): void;
  event(event: LogEvent, seq: number): void;
}

interface Job {
  enqueuedAt: number;
  events: LogEvent[];
  caller: Caller;
  resolve(r: PushResponse): void;
  reject(e: Error): void;
}

/** Room for what stamping adds to a line (seq, server `at`, `clientAt`, device id). */
const STAMP_ROOM = 512;

export class Sequencer {
  private engine!: Engine;
  private outcomes!: Map<string, StoredOutcome>;
  private homes!: Homes;
  /** what each district receives from outside its scope (server/log/links.ts) */
  links!: DistrictLinks;
  private snapshotSeq = 0;
  /** the last seq given out, and the last one committed (what readers may see) */
  private head = 0;
  private committedHead = 0;
  logId = '';
  private readonly queue: Job[] = [];
  private draining = false;
  /** events waiting in the queue, for admission control */
  private queuedEvents = 0;
  private inBatchSince = 0;
  private closed = false;
  private readonly listeners = new Set<(head: number) => void>();
  private readonly clock: Clock;
  private readonly maxBatch: number;

  private constructor(
    private readonly writer: Writer,
    private readonly options: SequencerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxBatch = options.maxBatch ?? 2000;
  }

  static async start(db: Database, options: SequencerOptions = {}): Promise<Sequencer> {
    const writer = await db.openWriter();
    const s = new Sequencer(writer, options);
    try {
      await s.reload();
    } catch (e) {
      await writer.release();
      throw e;
    }
    return s;
  }

  get headSeq(): number {
    return this.committedHead;
  }

  /** The engine as of the committed head (read it only between batches: the HTTP handlers run then). */
  get state(): Engine {
    return this.engine;
  }

  /**
   * The backlog admission control reads: events not yet committed, and how long
   * the oldest of them has waited (ms).
   */
  backlog(now = Date.now()): { events: number; oldestMs: number } {
    const oldest = this.queue.length > 0 ? this.queue[0].enqueuedAt : this.inBatchSince;
    return { events: this.queuedEvents, oldestMs: oldest > 0 ? now - oldest : 0 };
  }

  /** Calls `fn` with the new head after every commit; returns the unsubscribe. */
  onCommit(fn: (head: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Validates the events, queues them and resolves once their batch committed.
   * A malformed or forbidden event turns the whole push away (PushError) and
   * nothing of it is recorded.
   */
  push(raw: readonly unknown[], caller: Caller): Promise<PushResponse> {
    if (this.closed)
      return Promise.reject(new PushError('unavailable', 'the server is shutting down'));
    let events: LogEvent[];
    try {
      events = raw.map((e, i) => validatePushed(e, i));
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ enqueuedAt: Date.now(), events, caller, resolve, reject });
      this.queuedEvents += events.length;
      void this.drain();
    });
  }

  /** Stops taking pushes, lets the queued ones commit, and releases the writer connection. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    try {
      if (this.snapshotEvery() > 0 && this.committedHead > this.snapshotSeq) {
        await this.takeSnapshot();
      }
    } finally {
      await this.writer.release();
    }
  }

  /** Writes a snapshot of the committed state now (between batches). */
  async takeSnapshot(): Promise<void> {
    const seq = this.committedHead;
    await writeSnapshot(this.writer, seq, this.engine, this.links);
    this.snapshotSeq = seq;
  }

  private snapshotEvery(): number {
    return this.options.snapshotEvery ?? 500_000;
  }

  private async reload(): Promise<void> {
    const state = await loadLog(this.writer);
    // Observers follow the whole log, even where a snapshot spared the engine its start
    // (docs/opening-day.md: what this costs a restart).
    await feedObservers(this.writer, this.options.observers ?? [], state.head);
    this.engine = state.engine;
    this.outcomes = state.outcomes;
    this.homes = state.homes;
    this.links = state.links;
    this.snapshotSeq = state.snapshotSeq;
    this.head = this.committedHead = state.head;
    this.logId = state.logId;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const jobs: Job[] = [];
        let size = 0;
        while (
          this.queue.length > 0 &&
          (jobs.length === 0 || size + this.queue[0].events.length <= this.maxBatch)
        ) {
          const job = this.queue.shift()!;
          jobs.push(job);
          size += job.events.length;
        }
        this.inBatchSince = jobs[0].enqueuedAt;
        try {
          await this.runBatch(jobs);
        } finally {
          this.queuedEvents -= size;
          this.inBatchSince = 0;
        }
        const every = this.snapshotEvery();
        if (every > 0 && this.committedHead - this.snapshotSeq >= every) {
          // A failed snapshot costs only a longer restart: the log stays the reference.
          await this.takeSnapshot().catch(() => undefined);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(jobs: Job[]): Promise<void> {
    const rows: EventRow[] = [];
    const refusals: RefusalRow[] = [];
    const answers: (EventOutcome[] | Error)[] = [];
    let failure: unknown = null;
    try {
      for (const job of jobs) answers.push(this.judge(job, rows, refusals));
      if (rows.length > 0 || refusals.length > 0) {
        const changes = this.engine.takeChanges();
        await this.writer.transaction(async (tx) => {
          await insertEvents(tx, rows);
          await insertRefusals(tx, refusals);
          await writeProjections(tx, this.engine, changes, this.head, this.homes);
          await this.options.inTransaction?.(rows);
        });
      }
    } catch (e) {
      failure = e;
    }
    if (failure !== null) {
      // Memory may be ahead of the database: rebuild it from what committed. Desktops
      // re-push their pending events, and idempotency gives each its true outcome.
      const error =
        failure instanceof PushError
          ? failure
          : new PushError(
              'unavailable',
              `the log could not be written: ${(failure as Error).message}`,
            );
      for (const job of jobs) job.reject(error);
      await this.reloadAfterFailure();
      return;
    }
    this.committedHead = this.head;
    for (const o of this.options.observers ?? []) for (const r of rows) o.event(r.event!, r.seq);
    for (const fn of this.listeners) fn(this.committedHead);
    jobs.forEach((job, i) => {
      const a = answers[i];
      if (a instanceof Error) job.reject(a);
      else job.resolve({ outcomes: a, head: this.committedHead });
    });
  }

  private async reloadAfterFailure(): Promise<void> {
    for (;;) {
      try {
        await this.reload();
        return;
      } catch {
        // The database is away (restarting, network): try again shortly; pushes wait in the queue.
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Judges one push into the batch; a forbidden push is returned as its error and changes nothing. */
  private judge(job: Job, rows: EventRow[], refusals: RefusalRow[]): EventOutcome[] | Error {
    const { caller, events } = job;
    if (caller.kind === 'device') {
      const refused = this.checkScope(events, caller.districtId);
      if (refused) return refused;
    }
    return events.map((event) => this.judgeEvent(event, caller, rows, refusals));
  }

  private checkScope(events: LogEvent[], district: string): PushError | null {
    // Earlier events of the same push may create what later ones name.
    const schools = new Map<string, string>(),
      apps = new Map<string, string>(),
      cases = new Map<string, string>();
    const e = this.engine;
    const view: ScopeView = {
      schoolDistrict: (id) => e.schools.get(id)?.districtId ?? schools.get(id),
      applicationSchool: (id) => e.applications.get(id)?.schoolId ?? apps.get(id),
      caseDistrict: (id) => this.homes.cases.get(id) ?? cases.get(id),
    };
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (this.outcomes.has(ev.id)) continue; // a repeat: answered from its stored outcome
      const refusal = checkDeviceScope(ev, view, district);
      if (refusal)
        return new PushError(refusal.code, `events[${i}] (${ev.id}): ${refusal.message}`, i, ev.id);
      if (ev.type === 'school.registered' && !e.schools.has(ev.data.schoolId))
        schools.set(ev.data.schoolId, district);
      if (ev.type === 'application.submitted') apps.set(ev.data.applicationId, ev.data.schoolId);
      if (ev.type === 'commission.case_opened') cases.set(ev.data.caseId, district);
    }
    return null;
  }

  private judgeEvent(
    event: LogEvent,
    caller: Caller,
    rows: EventRow[],
    refusals: RefusalRow[],
  ): EventOutcome {
    const known = this.outcomes.get(event.id);
    if (known !== undefined) return toOutcome(event.id, known);
    const engine = this.engine;
    const device = caller.kind === 'device' ? caller : null;
    let stored: LogEvent;
    if (caller.kind === 'admin' && caller.keepTime) {
      stored = event;
    } else {
      const now = Math.max(this.clock(), engine.clock);
      // `seq`, `clientAt` and `actor.device` are the server's to write, whatever a client sent.
      const { at: clientAt, seq: _seq, clientAt: _clientAt, ...rest } = event;
      // The acceptance time is the server's; a parent's request carries no clock of its own.
      const own = caller.kind === 'parent' ? {} : { clientAt };
      stored = {
        ...rest,
        at: formatInstant(now),
        ...own,
        actor: device && event.actor ? { ...event.actor, device: device.deviceId } : event.actor,
      } as LogEvent;
    }
    const view: ScopeView = {
      schoolDistrict: (id) => engine.schools.get(id)?.districtId,
      applicationSchool: (id) => engine.applications.get(id)?.schoolId,
      caseDistrict: (id) => this.homes.cases.get(id),
    };
    const district =
      scopeOf(stored, view, device?.districtId ?? null) ?? device?.districtId ?? CAMPAIGN_SCOPE;
    // A parent's submission is recorded whatever the rules say (docs/opening-day.md).
    if (!(caller.kind === 'admin' && caller.keepTime) && caller.kind !== 'parent') {
      const reason = this.refusalOf(stored);
      if (reason !== null) {
        this.outcomes.set(event.id, { reason });
        refusals.push({
          districtId: district,
          eventId: event.id,
          deviceId: device?.deviceId ?? null,
          reason,
          judgedAt: stored.at,
          line: JSON.stringify(stored),
        });
        return { id: event.id, status: 'refused', reason };
      }
    }
    try {
      engine.ingest(stored);
    } catch (e) {
      if (e instanceof LogError) {
        throw new PushError('malformed_event', `${event.id}: ${e.message}`, undefined, event.id);
      }
      throw e;
    }
    const seq = ++this.head;
    if (stored.type === 'commission.case_opened' && !this.homes.cases.has(stored.data.caseId)) {
      this.homes.cases.set(stored.data.caseId, district);
    }
    this.links.observe(stored, engine, district);
    this.outcomes.set(event.id, { seq });
    const line = { seq, ...withoutSeq(stored) } as unknown as LogEvent;
    rows.push({
      event: line,
      districtId: district,
      seq,
      eventId: event.id,
      type: stored.type,
      at: stored.at,
      deviceId: device?.deviceId ?? null,
      subject: subjectOf(stored),
      line: JSON.stringify(line),
    });
    return { id: event.id, status: 'accepted', seq };
  }

  /**
   * The engine's refusal of an event at its stamped time, judged before it is
   * applied: a refused push writes nothing to the log (the desktop shows it as
   * a conflict). The clock moves first, so timers due by then (the documents
   * deadline) have fired, exactly as a replay of the log would fire them.
   */
  private refusalOf(event: LogEvent): string | null {
    const engine = this.engine;
    if (engine.campaign === null) return event.type === 'campaign.opened' ? null : 'no_campaign';
    if (event.type === 'campaign.opened') return null; // the engine says why: a second campaign is malformed
    engine.advanceTo(event.at);
    return engine.evaluate(event);
  }
}

/** An event without a `seq` of its own (an imported export carries the old server's). */
function withoutSeq(event: LogEvent): Omit<LogEvent, 'seq'> {
  if (!('seq' in event)) return event;
  const { seq: _seq, ...rest } = event;
  return rest;
}

function toOutcome(id: string, o: StoredOutcome): EventOutcome {
  return 'seq' in o
    ? { id, status: 'accepted', seq: o.seq }
    : { id, status: 'refused', reason: o.reason };
}

function validatePushed(value: unknown, index: number): LogEvent {
  let event: LogEvent;
  try {
    event = validateEvent(value);
  } catch (e) {
    if (e instanceof SchemaError) {
      const id = (value as { id?: unknown })?.id;
      const eventId = typeof id === 'string' ? id : undefined;
      throw new PushError('malformed_event', `events[${index}]: ${e.describe()}`, index, eventId);
    }
    throw e;
  }
  if (Buffer.byteLength(JSON.stringify(value)) + STAMP_ROOM > MAX_LINE_BYTES) {
    throw new PushError(
      'malformed_event',
      `events[${index}] (${event.id}): longer than a log line may be (1 MiB, FORMATS.md)`,
      index,
      event.id,
    );
  }
  return event;
}
