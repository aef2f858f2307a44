// The seat-allocation engine: a deterministic fold over the campaign log
// (RULES.md, FORMATS.md). One Engine holds one campaign's state and applies
// one event at a time; replaying a whole log is only that, repeated.
//
// Every operation costs O(1) amortised or O(what it changes): indexes keep
// the active application per child, the `registered` set the deadline sweeps,
// and each school's documents-received set that an admission order enrols,
// so nothing ever scans the republic.
import { type EventOf, IN_SCOPE_KINDS, type LogEvent, REQUIRED_DOCUMENTS } from '../log/events';
import { parseDateKey, parseInstant } from '../log/instant';
import { LogError } from '../log/parseLine';
import { Catchment } from './catchment';
import {
  ACTIVE_STATUSES,
  type Application,
  type Basis,
  type Campaign,
  type Case,
  type Order,
  type Rejection,
  type School,
  type Stage,
  type Stream,
  streamKey,
} from './model';
import { pinBirthKey } from './pin';
import type { Reason } from './reasons';
import { HeadIndex, type QueueEntry, StreamQueue } from './waitlist';

export type Outcome = { kind: 'duplicate' } | { kind: 'applied'; refused: Reason | null };

/** What an ingest touched, for stores that keep projections up to date. */
export interface ChangeSet {
  applications: Set<string>;
  streams: Set<string>;
  cases: Set<string>;
  schools: Set<string>;
  orders: Order[];
  campaign: boolean;
  /** streams whose queue changed (R16): every position in them may have moved */
  waitlists: Set<string>;
}

export const emptyChanges = (): ChangeSet => ({
  applications: new Set(),
  streams: new Set(),
  cases: new Set(),
  schools: new Set(),
  orders: [],
  campaign: false,
  waitlists: new Set(),
});

export interface EngineOptions {
  /** Record what each event changes (for incremental projections). Off for plain replays. */
  trackChanges?: boolean;
  /**
   * Keep each application's display details (child's name, addresses, event
   * id, times). On by default; `kabyl replay` turns it off, since its output
   * has none of them and 200k copies of them are most of the heap it builds.
   */
  details?: boolean;
}

export class Engine {
  campaign: Campaign | null = null;
  readonly schools = new Map<string, School>();
  readonly streams = new Map<string, Stream>();
  readonly applications = new Map<string, Application>();
  readonly cases = new Map<string, Case>();
  readonly orders: Order[] = [];
  readonly rejections: Rejection[] = [];
  readonly stats = { events: 0, duplicates: 0 };

  /** The clock: epoch ms and the `at` of the last applied event (or --at), as written. */
  clock = -Infinity;
  lastAt: string | null = null;
  deadlinePassed = false;
  /** R16: the queues closed (or the campaign has none) */
  waitlistsClosed = false;

  private readonly seen = new Set<string>();
  private readonly activeByPin = new Map<string, Application>();
  private readonly withdrawalsByPin = new Map<string, number>();
  /** streams by school, then language: found without building a `school/language` key */
  private readonly streamIndex = new Map<string, Map<string, Stream>>();
  /** applications with status `registered`, the ones the documents deadline sweeps */
  private readonly registered = new Set<string>();
  /** per school, applications with documents received and not yet in an order */
  private readonly awaitingOrder = new Map<string, Set<string>>();
  /** R16: each stream's queue, the entry of each queued application, and the streams that can take someone now */
  private readonly queues = new Map<string, StreamQueue>();
  private readonly queued = new Map<string, QueueEntry>();
  private readonly heads = new HeadIndex();
  private joinSeq = 0;
  private changes: ChangeSet | null;
  private readonly details: boolean;

  constructor(options: EngineOptions = {}) {
    this.changes = options.trackChanges ? emptyChanges() : null;
    this.details = options.details ?? true;
  }

  /** Returns what changed since the last call and starts a new change set. */
  takeChanges(): ChangeSet {
    const c = this.changes ?? emptyChanges();
    if (this.changes) this.changes = emptyChanges();
    return c;
  }

  hasSeen(eventId: string): boolean {
    return this.seen.has(eventId);
  }

  /**
   * Applies one well-formed event. A refused action is an outcome; a log
   * that breaks the format's order (no campaign first, a second campaign,
   * time going backwards) throws a LogError and changes nothing.
   */
  ingest(event: LogEvent): Outcome {
    // One hash lookup instead of two (has, then add): the set's size tells whether the id was new.
    const seenBefore = this.seen.size;
    this.seen.add(event.id);
    if (this.seen.size === seenBefore) {
      this.stats.duplicates++;
      return { kind: 'duplicate' };
    }
    const at = parseInstant(event.at);
    const broken =
      this.campaign === null && event.type !== 'campaign.opened'
        ? `the first event must be campaign.opened, not ${event.type}`
        : this.campaign !== null && event.type === 'campaign.opened'
          ? 'a second campaign.opened: a log holds exactly one campaign'
          : at < this.clock
            ? `at ${event.at} is earlier than the previous event's ${this.lastAt}`
            : null;
    if (broken !== null) {
      // A log broken here changes nothing, not even the ids seen.
      this.seen.delete(event.id);
      throw new LogError(broken);
    }
    this.moveClock(at, event.at);
    this.stats.events++;
    const refused = this.apply(event, at);
    // R16: the event may have freed seats or queued someone; only streams it touched are candidates.
    if (this.heads.size > 0) this.fillFromQueues(event.at);
    // A refused submission is an application with status `refused`; only a reused id makes none.
    if (
      refused !== null &&
      (event.type !== 'application.submitted' || refused === 'duplicate_id')
    ) {
      this.rejections.push({ eventId: event.id, type: event.type, reason: refused });
    }
    return { kind: 'applied', refused };
  }

  /** Moves the clock to an instant with no event ("as of"), firing due timers. */
  advanceTo(instant: string): void {
    const at = parseInstant(instant);
    if (Number.isNaN(at))
      throw new LogError(`--at ${instant} is not an ISO-8601 instant with an offset`);
    if (at < this.clock)
      throw new LogError(`--at ${instant} is earlier than the last event's ${this.lastAt}`);
    this.moveClock(at, instant);
  }

  /**
   * The reason this event would be refused now, or null if it would be
   * accepted; changes nothing. For screens that warn before writing.
   */
  evaluate(event: LogEvent): Reason | null {
    const at = parseInstant(event.at);
    switch (event.type) {
      case 'application.submitted': {
        if (this.applications.has(event.data.applicationId)) return 'duplicate_id';
        const stage = this.stageAt(at);
        const r = this.judgeSubmission(event.data, stage);
        if (r === 'no_free_seats' && stage === 2 && this.waitlistOpen(at)) return null;
        return isBasis(r) ? null : r;
      }
      case 'application.withdrawn':
        return this.checkWithdrawal(event.data);
      case 'application.transfer_requested': {
        const r = this.checkTransfer(event.data, at).reason;
        return r === 'no_free_seats' && this.waitlistOpen(at) ? null : r;
      }
      case 'privilege.reviewed':
        return this.checkReview(event.data);
      case 'documents.received':
        return this.checkDocuments(event.data, at);
      case 'order.issued':
        return this.checkOrder(event.data, at);
      case 'commission.case_opened':
        return this.cases.has(event.data.caseId) ? 'duplicate_id' : null;
      case 'commission.decided':
        return this.checkDecision(event.data);
      case 'catchment.set':
      case 'quota.set':
        return this.schools.has(event.data.schoolId) ? null : 'school_not_found';
      case 'campaign.opened':
      case 'school.registered':
        return null;
    }
  }

  stageAt(at: number): Stage | null {
    const c = this.campaign!;
    if (at >= c.stage1Start && at < c.stage2Start) return 1;
    if (at >= c.stage2Start && at < c.stage2End) return 2;
    return null;
  }

  freeSeats(stream: Stream): number {
    return Math.max(0, stream.quota - stream.occupied);
  }

  activeApplicationOf(pin: string): Application | undefined {
    return this.activeByPin.get(pin);
  }

  withdrawalsOf(pin: string): number {
    return this.withdrawalsByPin.get(pin) ?? 0;
  }

  // ---------------------------------------------------------------- waitlists, read side (R16)

  /** Whether an action at `at` would queue rather than be refused for want of a seat. */
  waitlistOpen(at: number): boolean {
    const c = this.campaign;
    return (
      c !== null &&
      c.waitlist &&
      !this.waitlistsClosed &&
      at >= c.stage2Start &&
      at < waitlistCloseAt(c)
    );
  }

  /** The queue entry of an application (its own for `waitlisted`, a standing request's target otherwise). */
  waitlistEntry(applicationId: string): QueueEntry | undefined {
    return this.queued.get(applicationId);
  }

  /** A stream's queue in join order (position 1 first). */
  waitlist(key: string): QueueEntry[] {
    const q = this.queues.get(key);
    return q ? [...q.live()] : [];
  }

  waitlistSize(key: string): number {
    return this.queues.get(key)?.size ?? 0;
  }

  /** 1-based place of an application in the queue it is in, or null. Costs the length of that queue. */
  waitlistPosition(applicationId: string): number | null {
    const entry = this.queued.get(applicationId);
    if (!entry) return null;
    let n = 0;
    for (const e of this.queues.get(entry.streamKey)!.live()) {
      n++;
      if (e === entry) return n;
    }
    return null;
  }

  /** Every queued application's place, in one pass over the queues (for whole-campaign outputs). */
  waitlistPositions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const q of this.queues.values()) {
      let n = 0;
      for (const e of q.live()) out.set(e.applicationId, ++n);
    }
    return out;
  }

  // ---------------------------------------------------------------- clock

  private moveClock(at: number, written: string): void {
    this.clock = at;
    this.lastAt = written;
    // Timers in time order: the queues close at min(stage2End, documentsEnd), before R11 at documentsEnd.
    if (!this.waitlistsClosed && this.campaign !== null && at >= waitlistCloseAt(this.campaign)) {
      this.closeWaitlists(written);
    }
    if (!this.deadlinePassed && this.campaign !== null && at >= this.campaign.documentsEnd) {
      this.deadlinePassed = true;
      this.sweepNoDocuments(written);
    }
  }

  /** R11: at the documents deadline every `registered` application loses its seat. */
  private sweepNoDocuments(at: string): void {
    for (const id of this.registered) {
      const app = this.applications.get(id)!;
      this.vacate(app);
      app.status = 'no_documents';
      app.reason = 'no_documents';
      this.touch(app, at);
    }
    this.registered.clear();
  }

  /** R16: every waiting child is refused (`waitlist_closed`) and every standing request lapses. */
  private closeWaitlists(at: string): void {
    this.waitlistsClosed = true;
    for (const entry of this.queued.values()) {
      const app = this.applications.get(entry.applicationId)!;
      if (entry.kind === 'wait') {
        app.status = 'refused';
        app.reason = 'waitlist_closed';
        if (app.pin !== null && this.activeByPin.get(app.pin) === app)
          this.activeByPin.delete(app.pin);
        this.touch(app, at);
      }
      this.changes?.applications.add(app.id);
    }
    if (this.changes) {
      for (const key of this.queues.keys()) {
        this.changes.streams.add(key);
        this.changes.waitlists.add(key);
      }
    }
    this.queued.clear();
    this.queues.clear();
    this.heads.clear();
  }

  // ---------------------------------------------------------------- dispatch

  private apply(e: LogEvent, at: number): Reason | null {
    switch (e.type) {
      case 'campaign.opened':
        return this.openCampaign(e);
      case 'school.registered':
        return this.registerSchool(e);
      case 'catchment.set':
        return this.setCatchment(e);
      case 'quota.set':
        return this.setQuota(e);
      case 'application.submitted':
        return this.submit(e, at);
      case 'application.withdrawn':
        return this.withdraw(e);
      case 'application.transfer_requested':
        return this.transfer(e, at);
      case 'privilege.reviewed':
        return this.review(e);
      case 'documents.received':
        return this.receiveDocuments(e, at);
      case 'order.issued':
        return this.issueOrder(e, at);
      case 'commission.case_opened':
        return this.openCase(e);
      case 'commission.decided':
        return this.decide(e);
    }
  }

  // ---------------------------------------------------------------- set-up events

  private openCampaign(e: EventOf<'campaign.opened'>): null {
    const d = e.data;
    this.campaign = {
      year: d.year,
      stage1Start: parseInstant(d.stage1Start),
      stage2Start: parseInstant(d.stage2Start),
      stage2End: parseInstant(d.stage2End),
      documentsStart: parseInstant(d.documentsStart),
      documentsEnd: parseInstant(d.documentsEnd),
      birthFrom: parseDateKey(d.birthDateFrom),
      birthTo: parseDateKey(d.birthDateTo),
      maxWithdrawals: d.maxWithdrawals ?? null,
      privilegeCategories: new Set(d.privilegeCategories ?? ['military', 'kairylman', 'teacher']),
      waitlist: d.waitlist ?? false,
      raw: d as Record<string, unknown>,
    };
    if (this.changes) this.changes.campaign = true;
    // The clock may already be past the deadline (a log opened late); the rule still holds.
    if (this.clock >= this.campaign.documentsEnd) this.deadlinePassed = true;
    if (!this.campaign.waitlist || this.clock >= waitlistCloseAt(this.campaign))
      this.waitlistsClosed = true;
    return null;
  }

  private registerSchool(e: EventOf<'school.registered'>): null {
    const d = e.data;
    const existing = this.schools.get(d.schoolId);
    const locality = d.locality ?? null;
    const classSizeNorm = d.classSizeNorm ?? null;
    if (existing) {
      Object.assign(existing, {
        name: d.name,
        kind: d.kind,
        districtId: d.districtId,
        locality,
        classSizeNorm,
      });
    } else {
      this.schools.set(d.schoolId, {
        id: d.schoolId,
        name: d.name,
        kind: d.kind,
        districtId: d.districtId,
        catchment: new Catchment([]),
        locality,
        classSizeNorm,
      });
    }
    this.changes?.schools.add(d.schoolId);
    return null;
  }

  private setCatchment(e: EventOf<'catchment.set'>): Reason | null {
    const school = this.schools.get(e.data.schoolId);
    if (!school) return 'school_not_found';
    school.catchment = new Catchment([...e.data.addresses]);
    this.changes?.schools.add(school.id);
    return null;
  }

  private setQuota(e: EventOf<'quota.set'>): Reason | null {
    const d = e.data;
    if (!this.schools.has(d.schoolId)) return 'school_not_found';
    const key = streamKey(d.schoolId, d.language);
    const stream = this.streams.get(key);
    const classes = d.classes ?? null;
    if (stream) {
      stream.quota = d.seats;
      if (classes !== null) stream.classes = classes;
      // A raised quota may let the queue in.
      this.noteQueueHead(stream);
    } else {
      this.indexStream({
        key,
        schoolId: d.schoolId,
        language: d.language,
        quota: d.seats,
        occupied: 0,
        classes,
      });
    }
    this.changes?.streams.add(key);
    return null;
  }

  // ---------------------------------------------------------------- applications

  /** The checks of FORMATS.md in their order: a refusal, or the basis the child is placed on. */
  private judgeSubmission(
    d: EventOf<'application.submitted'>['data'],
    stage: Stage | null,
  ): Reason | Basis {
    const c = this.campaign!;
    if (stage === null) return 'outside_window';
    const birth = pinBirthKey(d.child.pin);
    if (birth < 0) return 'invalid_pin';
    if (birth < c.birthFrom || birth > c.birthTo) return 'age_out_of_range';
    const school = this.schools.get(d.schoolId);
    if (!school) return 'school_not_found';
    if (!IN_SCOPE_KINDS.has(school.kind)) return 'school_not_in_scope';
    const stream = this.stream(d.schoolId, d.language);
    if (!stream) return 'language_not_offered';
    if (this.activeByPin.has(d.child.pin)) return 'duplicate_application';
    if (d.privilege && !c.privilegeCategories.has(d.privilege.category))
      return 'privilege_not_recognized';
    if (stage === 1) {
      if (school.catchment.covers(d.registeredAddress)) return 'catchment';
      if (d.privilege) return this.freeSeats(stream) > 0 ? 'privilege' : 'no_free_seats';
      return 'not_in_catchment';
    }
    return this.freeSeats(stream) > 0 ? 'open' : 'no_free_seats';
  }

  private submit(e: EventOf<'application.submitted'>, at: number): Reason | null {
    const d = e.data;
    if (this.applications.has(d.applicationId)) return 'duplicate_id';
    const stage = this.stageAt(at);
    const verdict = this.judgeSubmission(d, stage);
    const placed = isBasis(verdict);
    // R16: in stage 2 a full stream queues the child instead of refusing it.
    const waits = verdict === 'no_free_seats' && stage === 2 && this.waitlistOpen(at);
    const child = d.child;
    const details = this.details;
    // A placed child's stream already holds these strings; sharing them keeps
    // 200k copies out of the heap.
    const stream = placed || waits ? this.stream(d.schoolId, d.language)! : null;
    const app: Application = {
      id: d.applicationId,
      eventId: details ? e.id : '',
      submittedAt: details ? e.at : '',
      updatedAt: details ? e.at : '',
      status: placed ? 'registered' : waits ? 'waitlisted' : 'refused',
      reason: placed || waits ? null : verdict,
      schoolId: stream ? stream.schoolId : d.schoolId,
      language: stream ? stream.language : d.language,
      stage,
      basis: placed ? verdict : null,
      // A recognised claim waits for review in stage 1 (R5); in stage 2 claims play no part.
      privilege: placed && stage === 1 && d.privilege ? 'pending' : 'none',
      privilegeCategory: d.privilege?.category ?? null,
      orderNumber: null,
      pin: child.pin,
      childName: !details
        ? ''
        : child.patronymic
          ? `${child.lastName} ${child.firstName} ${child.patronymic}`
          : `${child.lastName} ${child.firstName}`,
      registeredAddress: details ? d.registeredAddress : null,
      actualAddress: details ? (d.actualAddress ?? null) : null,
      caseId: null,
    };
    this.applications.set(app.id, app);
    this.changes?.applications.add(app.id);
    if (waits) {
      // Holds no seat, but is the child's one active application (R3).
      if (app.pin !== null) this.activeByPin.set(app.pin, app);
      this.enqueue(app, stream!, 'wait', e.at);
      return null;
    }
    if (!placed) return verdict;
    this.occupy(app);
    this.registered.add(app.id);
    return null;
  }

  private checkWithdrawal(d: EventOf<'application.withdrawn'>['data']): Reason | null {
    const app = this.applications.get(d.applicationId);
    if (!app) return 'application_not_found';
    // R16: a waiting child can leave the queue; that counts towards the limit like any withdrawal.
    const locked = app.status === 'waitlisted' ? null : lockReason(app);
    if (locked) return locked;
    const max = this.campaign!.maxWithdrawals;
    if (max !== null && app.pin !== null && this.withdrawalsOf(app.pin) >= max)
      return 'withdrawal_limit';
    return null;
  }

  private withdraw(e: EventOf<'application.withdrawn'>): Reason | null {
    const reason = this.checkWithdrawal(e.data);
    if (reason) return reason;
    const app = this.applications.get(e.data.applicationId)!;
    // A withdrawal also ends a standing request (R16).
    this.dequeue(app);
    if (app.status === 'waitlisted') {
      if (app.pin !== null && this.activeByPin.get(app.pin) === app)
        this.activeByPin.delete(app.pin);
      this.changes?.applications.add(app.id);
    } else {
      this.vacate(app);
      this.registered.delete(app.id);
    }
    app.status = 'withdrawn';
    this.touch(app, e.at);
    if (app.pin !== null) this.withdrawalsByPin.set(app.pin, this.withdrawalsOf(app.pin) + 1);
    return null;
  }

  private checkTransfer(
    d: EventOf<'application.transfer_requested'>['data'],
    at: number,
  ): { reason: Reason | null; target?: Stream } {
    const app = this.applications.get(d.applicationId);
    if (!app) return { reason: 'application_not_found' };
    if (this.stageAt(at) !== 2) return { reason: 'outside_window' };
    const locked = lockReason(app);
    if (locked) return { reason: locked };
    const school = this.schools.get(d.toSchoolId);
    if (!school) return { reason: 'school_not_found' };
    if (!IN_SCOPE_KINDS.has(school.kind)) return { reason: 'school_not_in_scope' };
    const language = d.toLanguage ?? app.language;
    const target = this.stream(d.toSchoolId, language);
    if (!target) return { reason: 'language_not_offered' };
    if (d.toSchoolId === app.schoolId && language === app.language)
      return { reason: 'same_school' };
    if (this.freeSeats(target) === 0) return { reason: 'no_free_seats', target };
    return { reason: null, target };
  }

  /** R7: atomic; on refusal the child keeps its place. R16: a full target makes a standing request. */
  private transfer(e: EventOf<'application.transfer_requested'>, at: number): Reason | null {
    const { reason, target } = this.checkTransfer(e.data, at);
    const app = this.applications.get(e.data.applicationId)!;
    if (reason === 'no_free_seats' && this.waitlistOpen(at)) {
      // The child keeps its seat; an earlier standing request is replaced and its place in line lost.
      this.dequeue(app);
      this.enqueue(app, target!, 'transfer', e.at);
      this.touch(app, e.at);
      return null;
    }
    if (reason) return reason;
    this.dequeue(app);
    this.moveTo(app, target!, e.at);
    return null;
  }

  /** A transfer's move: the old seat is freed, the new one taken, the placement now open (FORMATS.md). */
  private moveTo(app: Application, target: Stream, at: string): void {
    this.vacate(app);
    app.schoolId = target!.schoolId;
    app.language = target!.language;
    app.basis = 'open';
    if (app.privilege === 'pending') app.privilege = 'none';
    this.touch(app, at);
    this.occupy(app);
  }

  private checkReview(d: EventOf<'privilege.reviewed'>['data']): Reason | null {
    const app = this.applications.get(d.applicationId);
    if (!app) return 'application_not_found';
    if (app.privilege !== 'pending') return 'no_pending_privilege';
    if (app.status !== 'registered') return 'not_active';
    return null;
  }

  private review(e: EventOf<'privilege.reviewed'>): Reason | null {
    const reason = this.checkReview(e.data);
    if (reason) return reason;
    const app = this.applications.get(e.data.applicationId)!;
    this.touch(app, e.at);
    this.changes?.applications.add(app.id);
    if (e.data.decision === 'approved') {
      app.privilege = 'approved';
      return null;
    }
    app.privilege = 'rejected';
    // A placement that rested on the claim goes; a catchment child keeps its place (R5).
    if (app.basis === 'privilege') {
      this.dequeue(app);
      this.vacate(app);
      this.registered.delete(app.id);
      app.status = 'refused';
      app.reason = 'privilege_rejected';
      app.basis = null;
    }
    return null;
  }

  private checkDocuments(d: EventOf<'documents.received'>['data'], at: number): Reason | null {
    const app = this.applications.get(d.applicationId);
    if (!app) return 'application_not_found';
    const c = this.campaign!;
    if (at < c.documentsStart || at >= c.documentsEnd) return 'outside_window';
    if (app.status !== 'registered') return 'not_active';
    if (app.privilege === 'pending') return 'privilege_pending';
    for (const item of REQUIRED_DOCUMENTS)
      if (!d.items.includes(item)) return 'documents_incomplete';
    return null;
  }

  private receiveDocuments(e: EventOf<'documents.received'>, at: number): Reason | null {
    const reason = this.checkDocuments(e.data, at);
    if (reason) return reason;
    const app = this.applications.get(e.data.applicationId)!;
    // R10 locks the place: a standing request ends (R16).
    this.dequeue(app);
    this.registered.delete(app.id);
    app.status = 'documents_received';
    this.touch(app, e.at);
    this.awaitOrder(app);
    this.changes?.applications.add(app.id);
    return null;
  }

  // ---------------------------------------------------------------- orders

  private checkOrder(d: EventOf<'order.issued'>['data'], at: number): Reason | null {
    if (!this.schools.has(d.schoolId)) return 'school_not_found';
    if (at < this.campaign!.documentsStart) return 'outside_window';
    if ((this.awaitingOrder.get(d.schoolId)?.size ?? 0) === 0) return 'nothing_to_enroll';
    return null;
  }

  /** R13: enrols exactly the school's children whose documents came since its last order. */
  private issueOrder(e: EventOf<'order.issued'>, at: number): Reason | null {
    const reason = this.checkOrder(e.data, at);
    if (reason) return reason;
    const waiting = this.awaitingOrder.get(e.data.schoolId)!;
    const order: Order = {
      schoolId: e.data.schoolId,
      orderNumber: e.data.orderNumber,
      at: e.at,
      eventId: e.id,
      applicationIds: [...waiting],
    };
    for (const id of waiting) {
      const app = this.applications.get(id)!;
      app.status = 'enrolled';
      app.orderNumber = e.data.orderNumber;
      this.touch(app, e.at);
      this.changes?.applications.add(id);
    }
    waiting.clear();
    this.orders.push(order);
    this.changes?.orders.push(order);
    return null;
  }

  // ---------------------------------------------------------------- commission

  private openCase(e: EventOf<'commission.case_opened'>): Reason | null {
    const d = e.data;
    if (this.cases.has(d.caseId)) return 'duplicate_id';
    this.cases.set(d.caseId, {
      id: d.caseId,
      status: 'open',
      fullName: d.child.fullName,
      pin: d.child.pin ?? null,
      birthDate: d.child.birthDate ?? null,
      reason: d.reason,
      openedAt: e.at,
      decidedAt: null,
      schoolId: null,
      language: null,
      note: null,
    });
    this.changes?.cases.add(d.caseId);
    return null;
  }

  private checkDecision(d: EventOf<'commission.decided'>['data']): Reason | null {
    const kase = this.cases.get(d.caseId);
    if (!kase) return 'case_not_found';
    if (kase.status !== 'open') return 'case_closed';
    if (d.decision === 'decline') return null;
    const school = this.schools.get(d.schoolId!);
    if (!school) return 'school_not_found';
    if (!IN_SCOPE_KINDS.has(school.kind)) return 'school_not_in_scope';
    if (!this.stream(d.schoolId!, d.language!)) return 'language_not_offered';
    if (kase.pin !== null && this.activeByPin.has(kase.pin)) return 'duplicate_application';
    if (this.applications.has(d.caseId)) return 'duplicate_id';
    return null;
  }

  /** R12: the commission places beyond the quota if need be; the placement counts as documents received. */
  private decide(e: EventOf<'commission.decided'>): Reason | null {
    const d = e.data;
    const reason = this.checkDecision(d);
    if (reason) return reason;
    const kase = this.cases.get(d.caseId)!;
    kase.decidedAt = e.at;
    kase.note = d.note ?? null;
    this.changes?.cases.add(kase.id);
    if (d.decision === 'decline') {
      kase.status = 'declined';
      return null;
    }
    kase.status = 'placed';
    kase.schoolId = d.schoolId!;
    kase.language = d.language!;
    const app: Application = {
      id: d.caseId,
      eventId: e.id,
      submittedAt: e.at,
      updatedAt: e.at,
      status: 'documents_received',
      reason: null,
      schoolId: d.schoolId!,
      language: d.language!,
      stage: null,
      basis: 'commission',
      privilege: 'none',
      privilegeCategory: null,
      orderNumber: null,
      pin: kase.pin,
      childName: kase.fullName,
      registeredAddress: null,
      actualAddress: null,
      caseId: kase.id,
    };
    this.applications.set(app.id, app);
    this.occupy(app);
    this.awaitOrder(app);
    return null;
  }

  // ---------------------------------------------------------------- seats

  stream(schoolId: string, language: string): Stream | undefined {
    return this.streamIndex.get(schoolId)?.get(language);
  }

  private indexStream(stream: Stream): void {
    this.streams.set(stream.key, stream);
    let bySchool = this.streamIndex.get(stream.schoolId);
    if (!bySchool) this.streamIndex.set(stream.schoolId, (bySchool = new Map()));
    bySchool.set(stream.language, stream);
  }

  private touch(app: Application, at: string): void {
    if (this.details) app.updatedAt = at;
  }

  private occupy(app: Application): void {
    const stream = this.stream(app.schoolId, app.language)!;
    stream.occupied++;
    if (app.pin !== null) this.activeByPin.set(app.pin, app);
    if (this.changes) {
      this.changes.streams.add(stream.key);
      this.changes.applications.add(app.id);
    }
  }

  private vacate(app: Application): void {
    const stream = this.stream(app.schoolId, app.language)!;
    stream.occupied--;
    if (app.pin !== null && this.activeByPin.get(app.pin) === app) this.activeByPin.delete(app.pin);
    if (this.changes) {
      this.changes.streams.add(stream.key);
      this.changes.applications.add(app.id);
    }
    if (this.queued.size > 0) this.noteQueueHead(stream);
  }

  // ---------------------------------------------------------------- waitlists, write side (R16)

  private enqueue(app: Application, stream: Stream, kind: QueueEntry['kind'], at: string): void {
    const entry: QueueEntry = {
      seq: ++this.joinSeq,
      applicationId: app.id,
      kind,
      streamKey: stream.key,
      since: at,
      live: true,
    };
    let q = this.queues.get(stream.key);
    if (!q) this.queues.set(stream.key, (q = new StreamQueue()));
    q.push(entry);
    this.queued.set(app.id, entry);
    this.queueChanged(stream.key, app.id);
    this.noteQueueHead(stream);
  }

  /** Takes an application out of the queue it is in, if any. */
  private dequeue(app: Application): void {
    const entry = this.queued.get(app.id);
    if (!entry) return;
    this.queues.get(entry.streamKey)!.remove(entry);
    this.queued.delete(app.id);
    this.queueChanged(entry.streamKey, app.id);
  }

  private queueChanged(key: string, applicationId: string): void {
    if (!this.changes) return;
    this.changes.streams.add(key);
    this.changes.waitlists.add(key);
    this.changes.applications.add(applicationId);
  }

  /**
   * Keeps the head index whole: a stream that has a free seat and a queue is
   * in it under its current head's join order. Stale candidates are dropped
   * when popped, so pushing again after any change is always safe.
   */
  private noteQueueHead(stream: Stream): void {
    if (stream.occupied >= stream.quota) return;
    const head = this.queues.get(stream.key)?.first();
    if (head) this.heads.push(head.seq, stream.key);
  }

  /**
   * R16: while some stream has a free seat and a queue, the entry that joined
   * earliest across all streams takes a seat. A standing request's move frees
   * a seat in the old stream, which goes on to that queue: the cascade ends
   * because every step consumes an entry.
   */
  private fillFromQueues(at: string): void {
    for (let c = this.heads.pop(); c !== undefined; c = this.heads.pop()) {
      const stream = this.streams.get(c.key)!;
      if (stream.occupied >= stream.quota) continue;
      const queue = this.queues.get(c.key);
      const head = queue?.first();
      if (!head || head.seq !== c.seq) continue;
      const app = this.applications.get(head.applicationId)!;
      queue!.remove(head);
      this.queued.delete(app.id);
      this.queueChanged(c.key, app.id);
      if (head.kind === 'wait') {
        app.status = 'registered';
        app.basis = 'open';
        this.touch(app, at);
        this.occupy(app);
        this.registered.add(app.id);
      } else {
        this.moveTo(app, stream, at);
      }
      this.noteQueueHead(stream);
    }
  }

  private awaitOrder(app: Application): void {
    let set = this.awaitingOrder.get(app.schoolId);
    if (!set) this.awaitingOrder.set(app.schoolId, (set = new Set()));
    set.add(app.id);
  }

  // ---------------------------------------------------------------- snapshots

  /** Plain data from which `Engine.restore` rebuilds an identical engine. */
  snapshot(): EngineSnapshot {
    return {
      version: 1,
      campaign: this.campaign?.raw ?? null,
      clock: this.clock === -Infinity ? null : this.clock,
      lastAt: this.lastAt,
      deadlinePassed: this.deadlinePassed,
      seen: [...this.seen],
      schools: [...this.schools.values()].map((s) => ({
        ...s,
        catchment: [...s.catchment.addresses],
      })),
      streams: [...this.streams.values()].map((s) => ({ ...s })),
      applications: [...this.applications.values()].map((a) => ({ ...a })),
      cases: [...this.cases.values()].map((c) => ({ ...c })),
      orders: this.orders.map((o) => ({ ...o, applicationIds: [...o.applicationIds] })),
      rejections: this.rejections.map((r) => ({ ...r })),
      withdrawals: [...this.withdrawalsByPin],
      stats: { ...this.stats },
      waitlists: {
        closed: this.waitlistsClosed,
        joinSeq: this.joinSeq,
        entries: [...this.queued.values()].sort((a, b) => a.seq - b.seq).map((e) => ({ ...e })),
      },
    };
  }

  /**
   * `adopt`: the snapshot's records become the engine's own instead of being
   * copied (for a snapshot just decoded from a file, which nothing else holds:
   * on the republic store the copies cost as much as the decoding).
   */
  static restore(s: EngineSnapshot, options: EngineOptions = {}, adopt = false): Engine {
    // A snapshot carries whatever details its engine kept.
    const engine = new Engine(options);
    if (s.campaign) engine.openCampaign({ data: s.campaign } as EventOf<'campaign.opened'>);
    engine.clock = s.clock ?? -Infinity;
    engine.lastAt = s.lastAt;
    engine.deadlinePassed = s.deadlinePassed;
    for (const id of s.seen) engine.seen.add(id);
    for (const sc of s.schools)
      engine.schools.set(sc.id, { ...sc, catchment: new Catchment(sc.catchment) });
    for (const st of s.streams) engine.indexStream({ ...st });
    for (const a of s.applications) {
      const app = adopt ? a : { ...a };
      engine.applications.set(app.id, app);
      const active = ACTIVE_STATUSES.has(app.status) || app.status === 'waitlisted';
      if (app.pin !== null && active) engine.activeByPin.set(app.pin, app);
      if (app.status === 'registered') engine.registered.add(app.id);
      if (app.status === 'documents_received') engine.awaitOrder(app);
    }
    for (const c of s.cases) engine.cases.set(c.id, adopt ? c : { ...c });
    for (const o of s.orders) engine.orders.push({ ...o, applicationIds: [...o.applicationIds] });
    for (const r of s.rejections) engine.rejections.push({ ...r });
    for (const [pin, n] of s.withdrawals) engine.withdrawalsByPin.set(pin, n);
    Object.assign(engine.stats, s.stats);
    // Snapshots from before R16 have no waitlists: their campaigns had none.
    if (s.waitlists) {
      engine.waitlistsClosed = s.waitlists.closed;
      engine.joinSeq = s.waitlists.joinSeq;
      for (const e of s.waitlists.entries) {
        const entry = { ...e, live: true };
        let q = engine.queues.get(entry.streamKey);
        if (!q) engine.queues.set(entry.streamKey, (q = new StreamQueue()));
        q.push(entry);
        engine.queued.set(entry.applicationId, entry);
      }
      for (const key of engine.queues.keys()) engine.noteQueueHead(engine.streams.get(key)!);
    }
    engine.takeChanges();
    return engine;
  }
}

export interface EngineSnapshot {
  version: 1;
  campaign: Record<string, unknown> | null;
  clock: number | null;
  lastAt: string | null;
  deadlinePassed: boolean;
  seen: string[];
  schools: (Omit<School, 'catchment'> & { catchment: string[] })[];
  streams: Stream[];
  applications: Application[];
  cases: Case[];
  orders: Order[];
  rejections: Rejection[];
  withdrawals: [string, number][];
  stats: { events: number; duplicates: number };
  /** R16 queues; absent in snapshots taken before waitlists existed */
  waitlists?: { closed: boolean; joinSeq: number; entries: QueueEntry[] };
}

/** R16: the queues close with stage 2, or at the documents deadline if that comes first. */
export function waitlistCloseAt(c: Campaign): number {
  return Math.min(c.stage2End, c.documentsEnd);
}

const BASES: ReadonlySet<string> = new Set(['catchment', 'privilege', 'open', 'commission']);
function isBasis(v: string): v is Basis {
  return BASES.has(v);
}

/** R10: a received-documents list is locked; anything else not `registered` is not active. */
function lockReason(app: Application): Reason | null {
  if (app.status === 'documents_received' || app.status === 'enrolled') return 'list_locked';
  if (app.status !== 'registered') return 'not_active';
  return null;
}
