// Opening-day acceptance (issue 11, docs/opening-day.md). A submission is
// answered 202 only after its event committed in the sequencer's group
// commit; the receipt is its place in the log (seq) and the server's
// acceptance time. Idempotency-Key per parent: a retry gets the same receipt,
// a duplicate still in flight 409, the key reused for another payload 422.
// The same child and choice sent from several devices (different keys)
// collapses onto the first submission. Everything here runs on the event
// loop between awaits, so the order in which requests pass `submit`'s checks
// is the order in which they enter the sequencer's queue: acceptance order.
import type { LogEvent } from '../../shared/log/events';
import { PushError } from '../sequencer/errors';
import type { LogObserver, Sequencer } from '../sequencer/sequencer';
import { type AdmissionLimits, DEFAULT_LIMITS, admissionDelay } from './admission';
import type { ParentIdentity } from './parentAuth';
import { SubmissionError, checkKey, idsOf, toSubmission } from './submission';

export interface Receipt {
  applicationId: string;
  /** the submission's place in the log: first come, first served is seq order (R14) */
  seq: number;
  /** the server's acceptance time, Bishkek time */
  acceptedAt: string;
}

export interface Decision {
  status: string;
  reason: string | null;
  schoolId: string;
  language: string;
  stage: number | null;
  basis: string | null;
}

export interface IntakeAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface Known {
  digest: string;
  receipt: Receipt;
}

interface InFlight {
  digest: string;
  done: Promise<Receipt>;
}

export interface IntakeStats {
  accepted: number;
  collapsed: number;
  replayed: number;
  turnedAway: number;
}

const slot = (parentId: string, key: string): string => `${parentId}\u0000${key}`;

export class Intake implements LogObserver {
  private readonly known = new Map<string, Known>();
  private readonly inFlight = new Map<string, InFlight>();
  /** choice (PIN|school|language) -> the first submission's receipt, committed or in flight */
  private readonly byChoice = new Map<string, Promise<Receipt> | Receipt>();
  /** keys answered with another device's receipt; memory only (docs/opening-day.md) */
  private readonly collapsedKeys = new Map<string, Known>();
  private readonly owner = new Map<string, string>();
  private sequencer: Sequencer | null = null;
  readonly stats: IntakeStats = { accepted: 0, collapsed: 0, replayed: 0, turnedAway: 0 };

  constructor(private readonly limits: AdmissionLimits = DEFAULT_LIMITS) {}

  /** Must be called once the sequencer has started (it was given this intake as an observer). */
  attach(sequencer: Sequencer): void {
    this.sequencer = sequencer;
  }

  reset(): void {
    this.known.clear();
    this.byChoice.clear();
    this.owner.clear();
  }

  event(e: LogEvent, seq: number): void {
    if (e.type !== 'application.submitted' || e.actor?.role !== 'parent') return;
    const intake = (e as { intake?: { key?: unknown; digest?: unknown } }).intake;
    if (typeof intake?.key !== 'string' || typeof intake.digest !== 'string') return;
    const receipt: Receipt = { applicationId: e.data.applicationId, seq, acceptedAt: e.at };
    this.known.set(slot(e.actor.id, intake.key), { digest: intake.digest, receipt });
    this.owner.set(e.data.applicationId, e.actor.id);
    const choice = `${e.data.child.pin}|${e.data.schoolId}|${e.data.language}`;
    if (!this.byChoice.has(choice) || this.byChoice.get(choice) instanceof Promise) {
      this.byChoice.set(choice, receipt);
    }
  }

  /** The decision on an application as the engine holds it now, or null if there is none. */
  decision(applicationId: string): Decision | null {
    const app = this.sequencer?.state.applications.get(applicationId);
    if (!app) return null;
    const { status, reason, schoolId, language, stage, basis } = app;
    return { status, reason, schoolId, language, stage, basis };
  }

  /** The parent who submitted an application through the intake, if one did. */
  ownerOf(applicationId: string): string | undefined {
    return this.owner.get(applicationId);
  }

  /**
   * POST /v1/intake/applications, as a function the portal's apply route can
   * call with its own parent: the answer's status, body and headers.
   */
  async submit(
    parent: ParentIdentity,
    key: string | undefined,
    body: unknown,
  ): Promise<IntakeAnswer> {
    const sequencer = this.sequencer;
    if (sequencer === null) throw new Error('the intake is not attached to a sequencer');
    let sub;
    try {
      const k = checkKey(key);
      sub = toSubmission(parent.parentId, k, body);
      if (parent.children && !parent.children.includes(sub.childPin)) {
        throw new SubmissionError(
          403,
          'forbidden_child',
          'this account may not apply for that child',
        );
      }
    } catch (e) {
      if (e instanceof SubmissionError) return fail(e.status, e.code, e.message);
      throw e;
    }
    const at = slot(parent.parentId, key!);
    const known = this.known.get(at) ?? this.collapsedKeys.get(at);
    if (known) {
      if (known.digest !== sub.digest) return mismatch();
      this.stats.replayed++;
      const collapsed = this.collapsedKeys.has(at) ? { collapsed: true } : {};
      return this.accepted(known.receipt, { replayed: true, ...collapsed });
    }
    const flying = this.inFlight.get(at);
    if (flying) {
      if (flying.digest !== sub.digest) return mismatch();
      return fail(
        409,
        'in_progress',
        'a request with this Idempotency-Key is still being accepted; retry it',
      );
    }
    if (sequencer.state.campaign === null) {
      return fail(503, 'unavailable', 'no campaign is open on this server', {
        'retry-after': '60',
      });
    }
    const earlier = this.byChoice.get(sub.choice);
    const earlierApp =
      earlier instanceof Promise ? null : earlier && this.decision(earlier.applicationId);
    if (earlier instanceof Promise || (earlierApp && earlierApp.status !== 'refused')) {
      // Another device of the family was first with the same choice: one application.
      const done = Promise.resolve(earlier!);
      this.inFlight.set(at, { digest: sub.digest, done });
      try {
        const receipt = await done;
        this.collapsedKeys.set(at, { digest: sub.digest, receipt });
        this.stats.collapsed++;
        return this.accepted(receipt, { collapsed: true });
      } catch (e) {
        return failure(e);
      } finally {
        this.inFlight.delete(at);
      }
    }
    const delay = admissionDelay(sequencer.backlog(), this.limits);
    if (delay !== null) {
      this.stats.turnedAway++;
      return fail(429, 'busy', 'the server is taking many applications; it will retry by itself', {
        'retry-after': String(delay),
      });
    }
    const { applicationId } = idsOf(parent.parentId, key!);
    const done = sequencer
      .push([sub.event], { kind: 'parent', parentId: parent.parentId })
      .then((r) => {
        const o = r.outcomes[0];
        if (o.status !== 'accepted') throw new Error(`the intake event was refused: ${o.reason}`);
        return this.known.get(at)?.receipt ?? { applicationId, seq: o.seq, acceptedAt: '' };
      });
    this.inFlight.set(at, { digest: sub.digest, done });
    this.byChoice.set(sub.choice, done);
    try {
      const receipt = await done;
      this.stats.accepted++;
      return this.accepted(receipt, {});
    } catch (e) {
      // Nothing was committed: a later device of the family must be judged on its own.
      if (this.byChoice.get(sub.choice) === done) this.byChoice.delete(sub.choice);
      return failure(e);
    } finally {
      this.inFlight.delete(at);
    }
  }

  private accepted(
    receipt: Receipt,
    flags: { replayed?: boolean; collapsed?: boolean },
  ): IntakeAnswer {
    return {
      status: 202,
      body: { receipt, decision: this.decision(receipt.applicationId), ...flags },
    };
  }
}

function fail(
  status: number,
  error: string,
  message: string,
  headers?: Record<string, string>,
): IntakeAnswer {
  return { status, body: { error, message }, headers };
}

function mismatch(): IntakeAnswer {
  return fail(422, 'key_reused', 'this Idempotency-Key was used for a different application');
}

function failure(e: unknown): IntakeAnswer {
  if (e instanceof PushError && e.code === 'unavailable') {
    return fail(503, 'unavailable', e.message, { 'retry-after': '1' });
  }
  if (e instanceof PushError) return fail(400, e.code, e.message);
  throw e;
}
