// The parents' portal's services, wired together: accounts, the registry,
// documents, the intake and its resolver, status mails and the mail worker.
import type { Database } from '../db/database';
import type { Sequencer } from '../sequencer/sequencer';
import { Accounts } from './accounts/accounts';
import { Intake, type IntakeOptions } from './applications/intake';
import { Notifier } from './applications/notifier';
import { DocumentStore } from './documents/store';
import { MailWorker, type MailWorkerOptions } from './mail/outbox';
import type { MailTransport } from './mail/transports';
import type { StateRegistry } from './registry/adapter';

export interface PortalOptions {
  db: Database;
  sequencer: Sequencer;
  clock: () => number;
  registry: StateRegistry;
  mail: MailTransport;
  uploadsDir: string;
  /** the web app's origin for links in mails; null: the server's own URL once it listens */
  publicUrl: string | null;
  rateLimitPerMinute?: number;
  intake?: Omit<IntakeOptions, 'clock'>;
  mailWorker?: MailWorkerOptions;
  /** the notifier's delay between a change and its scan */
  notifyThrottleMs?: number;
}

export class Portal {
  readonly accounts: Accounts;
  readonly documents: DocumentStore;
  readonly intake: Intake;
  readonly notifier: Notifier;
  readonly mailWorker: MailWorker;
  publicUrl: string;
  private unsubscribe: (() => void) | null = null;

  constructor(readonly o: PortalOptions) {
    this.publicUrl = o.publicUrl ?? 'http://127.0.0.1';
    this.mailWorker = new MailWorker(o.db, o.mail, o.mailWorker);
    const wake = () => this.mailWorker.wake();
    this.accounts = new Accounts({
      db: o.db,
      publicUrl: () => this.publicUrl,
      mailQueued: wake,
    });
    this.documents = new DocumentStore(o.db, o.uploadsDir);
    this.intake = new Intake(o.db, o.sequencer, o.registry, this.documents, { ...o.intake, clock: o.clock });
    this.notifier = new Notifier(o.db, () => o.sequencer.state, o.clock, wake, o.notifyThrottleMs);
  }

  get registry(): StateRegistry {
    return this.o.registry;
  }

  start(): this {
    this.intake.start();
    this.notifier.start();
    this.mailWorker.start();
    const poke = () => this.notifier.poke();
    const off = this.o.sequencer.onCommit(poke);
    this.intake.events.on('change', poke);
    this.unsubscribe = () => {
      off();
      this.intake.events.off('change', poke);
    };
    return this;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.intake.stop();
    await this.notifier.stop();
    await this.mailWorker.stop();
    this.o.mail.close();
  }
}
