// A parent's submission: received durably first (a row with its arrival
// position), then decided by the resolver, which looks the child's registered
// address up in the state registry and hands the application.submitted event
// to the sequencer. The resolver takes pending submissions strictly in arrival
// order and stops at the first one the registry cannot answer for, so when
// the registry is down every submission waits as "address pending" and,
// once it answers, all are decided in the order they arrived (docs/portal.md).
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { LogEvent } from '../../../shared/log/events';
import type { ApplyRequest, Choice } from '../../../shared/portal/contract';
import type { Database, Sql } from '../../db/database';
import { formatInstant } from '../../sequencer/clock';
import type { Sequencer } from '../../sequencer/sequencer';
import type { AccountRow } from '../accounts/accounts';
import { newId } from '../accounts/tokens';
import type { DocumentStore } from '../documents/store';
import { PortalFailure, fieldFailure } from '../errors';
import { RegistryUnavailable, type StateRegistry } from '../registry/adapter';
import { requireCampaign, requireOpenStage } from './campaign';
import { type ChildRow, childOf } from './children';
import { type ApplicationRow, choiceOf } from './store';

const ACTIVE = new Set(['registered', 'documents_received', 'enrolled', 'waitlisted']);

export interface IntakeOptions {
  /** how long POST /applications waits for the decision before answering "pending" */
  answerWithinMs?: number;
  /** first wait before asking an unavailable registry again; doubles up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
  batch?: number;
  clock: () => number;
}

export class Intake {
  /** fires `decided` (applicationId) and `change` after every resolver step */
  readonly events = new EventEmitter();
  private readonly inFlight = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private stopped = false;
  private readonly o: Required<IntakeOptions>;

  constructor(
    private readonly db: Database,
    private readonly sequencer: Sequencer,
    private readonly registry: StateRegistry,
    private readonly documents: DocumentStore,
    options: IntakeOptions,
  ) {
    this.o = { answerWithinMs: 2_000, retryMs: 1_000, maxRetryMs: 30_000, batch: 200, ...options };
    this.retryDelay = this.o.retryMs;
    this.events.setMaxListeners(0);
  }

  /** Picks up what a previous run left pending. */
  start(): this {
    this.kick();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running;
  }

  async apply(account: AccountRow, key: string, body: ApplyRequest): Promise<ApplicationRow> {
    if (!/^[\x21-\x7e]{8,200}$/.test(key)) {
      throw fieldFailure(
        'Idempotency-Key',
        'invalid_value',
        'a header of 8 to 200 visible ASCII characters',
      );
    }
    const slot = `${account.account_id}\n${key}`;
    if (this.inFlight.has(slot)) {
      throw new PortalFailure(
        'idempotency_conflict',
        'this submission is being processed; retry in a moment',
      );
    }
    this.inFlight.add(slot);
    try {
      return await this.applyOnce(account, key, body);
    } finally {
      this.inFlight.delete(slot);
    }
  }

  private async applyOnce(
    account: AccountRow,
    key: string,
    body: ApplyRequest,
  ): Promise<ApplicationRow> {
    const hash = createHash('sha256')
      .update(JSON.stringify([body.childPin, body.choice ?? null]))
      .digest('hex');
    const [previous] = await this.db.query<ApplicationRow>(
      'SELECT * FROM portal_applications WHERE account_id = $1 AND idempotency_key = $2',
      [account.account_id, key],
    );
    if (previous) {
      if (previous.request_hash !== hash) {
        throw new PortalFailure(
          'idempotency_mismatch',
          'this Idempotency-Key was used for another submission',
        );
      }
      return previous;
    }
    const child = await childOf(this.db, account.account_id, body.childPin);
    const c = requireCampaign(this.sequencer.state);
    requireOpenStage(c, this.o.clock());
    const choice = body.choice ?? (await this.draftOf(account.account_id, child.pin));
    await this.checkPrivilege(account.account_id, choice);
    const row = await this.db.transaction(async (tx) => {
      // Arrival order: positions are given under one lock, so they are gapless and in commit order.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['kabyl.portal.position']);
      // Ten devices of one family, each with its own key: one application, the first one's receipt.
      const live = await this.liveApplicationOf(tx, child.pin);
      if (live) return { ...live, existing: true };
      const [{ next }] = await tx.query<{ next: number }>(
        'SELECT coalesce(max(position), 0) + 1 AS next FROM portal_applications',
      );
      const [r] = await tx.query<ApplicationRow>(
        `INSERT INTO portal_applications (application_id, position, account_id, child_pin, idempotency_key,
           request_hash, choice, received_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') RETURNING *`,
        [
          newId('PA'),
          next,
          account.account_id,
          child.pin,
          key,
          hash,
          JSON.stringify(choice),
          new Date(this.o.clock()),
        ],
      );
      return { ...r, existing: false };
    });
    if (row.existing) return row;
    const decided = this.waitFor(row.application_id, this.o.answerWithinMs);
    this.kick();
    await decided;
    const [now] = await this.db.query<ApplicationRow>(
      'SELECT * FROM portal_applications WHERE application_id = $1',
      [row.application_id],
    );
    return now;
  }

  private async draftOf(accountId: string, pin: string): Promise<Choice> {
    const [d] = await this.db.query<{ choice: string }>(
      'SELECT choice FROM portal_drafts WHERE account_id = $1 AND child_pin = $2',
      [accountId, pin],
    );
    if (!d)
      throw fieldFailure(
        'choice',
        'required',
        'choose a school and a language (or save a draft first)',
      );
    return JSON.parse(d.choice) as Choice;
  }

  async checkPrivilege(accountId: string, choice: Choice): Promise<void> {
    if (!choice.privilege) return;
    const c = requireCampaign(this.sequencer.state);
    if (!c.privilegeCategories.has(choice.privilege.category)) {
      throw fieldFailure(
        'choice.privilege.category',
        'invalid_value',
        'not a privilege category of this campaign',
      );
    }
    const doc = await this.documents.ownedBy(accountId, choice.privilege.documentId);
    if (!doc)
      throw fieldFailure(
        'choice.privilege.documentId',
        'invalid_value',
        'no such uploaded document',
      );
  }

  /** A submission of this child still waiting, or one the log holds as active. */
  private async liveApplicationOf(sql: Sql, pin: string): Promise<ApplicationRow | null> {
    const rows = await sql.query<ApplicationRow>(
      `SELECT * FROM portal_applications WHERE child_pin = $1 AND state <> 'refused' ORDER BY position DESC`,
      [pin],
    );
    const engine = this.sequencer.state;
    for (const r of rows) {
      if (r.state === 'pending') return r;
      const a = engine.applications.get(r.application_id);
      if (a && ACTIVE.has(a.status)) return r;
    }
    return null;
  }

  private waitFor(applicationId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (id: string) => {
        if (id !== applicationId) return;
        clearTimeout(t);
        this.events.off('decided', done);
        resolve();
      };
      const t = setTimeout(() => {
        this.events.off('decided', done);
        resolve();
      }, ms);
      this.events.on('decided', done);
    });
  }

  /** Runs the resolver now (or once more after the current run). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.running = this.resolve().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async resolve(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let blocked: boolean;
      try {
        const pending = await this.db.query<ApplicationRow>(
          `SELECT * FROM portal_applications WHERE state = 'pending' ORDER BY position LIMIT $1`,
          [this.o.batch],
        );
        if (pending.length === 0) return;
        blocked = await this.decideBatch(pending);
      } catch {
        blocked = true; // the database or the log is away: try again later, in the same order
      }
      this.events.emit('change');
      if (blocked) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, this.retryDelay);
        this.retryDelay = Math.min(this.o.maxRetryMs, this.retryDelay * 2);
        return;
      }
      this.retryDelay = this.o.retryMs;
    }
  }

  /** Decides the longest prefix of `pending` the registry answers for; true if it stopped short. */
  private async decideBatch(pending: ApplicationRow[]): Promise<boolean> {
    const lookups = await Promise.allSettled(
      pending.map((r) => this.registry.lookupChild(r.child_pin)),
    );
    const events: LogEvent[] = [];
    const notFound: ApplicationRow[] = [];
    const taken: ApplicationRow[] = [];
    let blocked = false;
    for (let i = 0; i < pending.length; i++) {
      const l = lookups[i];
      if (l.status === 'rejected') {
        if (!(l.reason instanceof RegistryUnavailable)) throw l.reason;
        blocked = true;
        break;
      }
      const row = pending[i];
      if (l.value === null) {
        notFound.push(row);
        continue;
      }
      const child = await this.childRow(row);
      const account = await this.accountRow(row.account_id);
      events.push(this.submission(row, account, child, l.value.addressCode));
      taken.push(row);
    }
    const outcomes =
      events.length > 0 ? (await this.sequencer.push(events, { kind: 'admin' })).outcomes : [];
    await this.db.transaction(async (tx) => {
      for (const r of notFound) {
        await tx.query(
          `UPDATE portal_applications SET state = 'refused', refusal = 'registry_not_found'
           WHERE application_id = $1`,
          [r.application_id],
        );
      }
      for (let i = 0; i < taken.length; i++) {
        const o = outcomes[i];
        await tx.query(
          `UPDATE portal_applications SET state = $2, refusal = $3, seq = $4 WHERE application_id = $1`,
          [
            taken[i].application_id,
            o.status === 'accepted' ? 'decided' : 'refused',
            o.status === 'refused' ? o.reason : null,
            o.status === 'accepted' ? o.seq : null,
          ],
        );
      }
    });
    for (const r of [...notFound, ...taken]) this.events.emit('decided', r.application_id);
    return blocked;
  }

  private async childRow(row: ApplicationRow): Promise<ChildRow> {
    return childOf(this.db, row.account_id, row.child_pin);
  }

  private async accountRow(accountId: string): Promise<AccountRow> {
    const [a] = await this.db.query<AccountRow>(
      'SELECT * FROM portal_accounts WHERE account_id = $1',
      [accountId],
    );
    return a;
  }

  /**
   * The log event of a submission. Its id is fixed by the application id, so
   * pushing it again after a crash gets the sequencer's stored outcome back
   * instead of a second application.
   */
  private submission(
    row: ApplicationRow,
    account: AccountRow,
    child: ChildRow,
    address: string,
  ): LogEvent {
    const choice = choiceOf(row);
    const guardian: Record<string, string> = {
      pin: account.pin,
      email: account.email,
      phone: account.phone,
    };
    if (account.telegram) guardian.telegram = account.telegram;
    if (account.email2) guardian.email2 = account.email2;
    const data: Record<string, unknown> = {
      applicationId: row.application_id,
      child: {
        pin: child.pin,
        lastName: child.last_name,
        firstName: child.first_name,
        ...(child.patronymic ? { patronymic: child.patronymic } : {}),
        citizenship: child.citizenship,
      },
      guardian,
      schoolId: choice.schoolId,
      language: choice.language,
      registeredAddress: address,
      // Extension fields (FORMATS.md allows them): the receipt, and the privilege document.
      portal: {
        receivedAt: formatInstant(row.received_at.getTime()),
        position: Number(row.position),
      },
    };
    if (choice.actualAddress) data.actualAddress = choice.actualAddress;
    if (choice.privilege) {
      data.privilege = {
        category: choice.privilege.category,
        documentId: choice.privilege.documentId,
      };
    }
    return {
      id: `portal-${row.application_id}`,
      type: 'application.submitted',
      at: formatInstant(this.o.clock()),
      actor: { role: 'parent', id: account.account_id },
      data,
    } as unknown as LogEvent;
  }
}
