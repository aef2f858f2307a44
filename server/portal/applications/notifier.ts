// Mails on every status change of a parent's application, in the parent's
// language: registered (or address pending, or refused), privilege decided,
// documents received, enrolled, no documents, withdrawn, and the warnings
// 7 days and 1 day before the documents deadline. Each application row keeps
// the signature of what was last mailed (`notified`); the mail and the new
// signature are written in one transaction, and the outbox's dedupe key
// makes a repeat after a crash write nothing: a restart loses none and
// queues none twice.
import type { Engine } from '../../../shared/engine/engine';
import type { PortalLanguage } from '../../../shared/portal/contract';
import type { Database } from '../../db/database';
import { formatInstant } from '../../sequencer/clock';
import { queueMail } from '../mail/queue';
import { type MailKind, reasonText } from '../mail/templates';
import type { ApplicationRow } from './store';
import { applicationView } from './view';

const DAY = 86_400_000;
const STATUS_MAIL: Partial<Record<string, MailKind>> = {
  address_pending: 'address_pending',
  registered: 'registered',
  refused: 'refused',
  documents_received: 'documents_received',
  enrolled: 'enrolled',
  no_documents: 'no_documents',
  withdrawn: 'withdrawn',
};

interface Row extends ApplicationRow {
  email: string;
  language: PortalLanguage;
  first_name: string;
  last_name: string;
}

export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private tick: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly engine: () => Engine,
    private readonly clock: () => number,
    private readonly mailQueued: () => void,
    private readonly throttleMs = 300,
  ) {}

  start(): this {
    // Deadline warnings depend on the clock alone: look every minute even when nothing is committed.
    this.tick = setInterval(() => this.poke(), 60_000);
    this.poke();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.tick) clearInterval(this.tick);
    await this.running;
  }

  /** Something changed (a commit, a resolver step): scan soon, at most once per throttle period. */
  poke(): void {
    if (this.stopped || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.scan()
        .then(() => undefined)
        .catch(() => undefined) // the database is away: the next poke tries again
        .finally(() => {
          this.running = null;
          if (this.again) {
            this.again = false;
            this.poke();
          }
        });
    }, this.throttleMs);
  }

  /** One pass over every submission; resolves when its mails are queued (tests call it directly). */
  async scan(): Promise<number> {
    const engine = this.engine();
    if (engine.campaign === null) return 0;
    const now = this.clock();
    const rows = await this.db.query<Row>(
      `SELECT p.*, a.email, a.language, c.first_name, c.last_name FROM portal_applications p
       JOIN portal_accounts a USING (account_id)
       JOIN portal_children c ON c.account_id = p.account_id AND c.pin = p.child_pin
       ORDER BY p.position`,
    );
    let queued = 0;
    for (const row of rows) {
      const v = applicationView(row, engine, now);
      const end = engine.campaign.documentsEnd;
      const warn7 = v.status === 'registered' && now >= end - 7 * DAY;
      const warn1 = v.status === 'registered' && now >= end - DAY;
      const signature = [v.status, v.privilege, warn7 ? 'w7' : '', warn1 ? 'w1' : ''].join('|');
      const before = row.notified.split('|');
      if (row.notified === signature) continue;
      const kinds: MailKind[] = [];
      if (before[0] !== v.status && STATUS_MAIL[v.status]) kinds.push(STATUS_MAIL[v.status]!);
      if (before[1] !== v.privilege && (v.privilege === 'approved' || v.privilege === 'rejected')) {
        kinds.push(v.privilege === 'approved' ? 'privilege_approved' : 'privilege_rejected');
      }
      if (warn7 && before[2] !== 'w7') kinds.push('deadline_7');
      if (warn1 && before[3] !== 'w1') kinds.push('deadline_1');
      const updated = engine.applications.get(row.application_id)?.updatedAt ?? '';
      const vars = {
        child: `${row.first_name} ${row.last_name}`,
        school: v.schoolName,
        reason: reasonText(row.language, v.reason),
        deadline: formatInstant(end).slice(0, 10),
      };
      await this.db.transaction(async (tx) => {
        for (const kind of kinds) {
          const key = `status:${row.application_id}:${kind}:${kind.startsWith('deadline') ? '' : updated}`;
          if (await queueMail(tx, kind, row, vars, key)) queued++;
        }
        await tx.query('UPDATE portal_applications SET notified = $2 WHERE application_id = $1', [
          row.application_id,
          signature,
        ]);
      });
    }
    if (queued > 0) this.mailQueued();
    return queued;
  }
}
