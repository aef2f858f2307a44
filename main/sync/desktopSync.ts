// One open real district's sync: the session (loop) when the store is
// connected, and the connect step when it is not. The app owns one per open
// real store (main/app/storeAdapter.ts) and stops it before the store closes.
import { hostname } from 'node:os';
import type { Store } from '../store';
import type { PendingSummary, SyncPort } from '../services/sync/syncPort';
import { ServiceError } from '../services/errors';
import type { SyncConflictDto, SyncStatusDto } from '../../shared/ipc/channels/sync';
import { SyncClient } from './client';
import { ConnectError, connectStore } from './connect';
import { type SessionOptions, SyncSession, syncStatus } from './syncSession';
import type { TokenVault } from './tokenVault';

export class DesktopSync implements SyncPort {
  private session: SyncSession | null = null;

  private constructor(
    private readonly store: Store,
    private readonly vault: TokenVault,
    private readonly options: SessionOptions,
  ) {}

  /** Starts the loop at once when the store is already connected. */
  static async open(
    store: Store,
    vault: TokenVault,
    options: SessionOptions = {},
  ): Promise<DesktopSync> {
    const sync = new DesktopSync(store, vault, options);
    const state = await store.sync.state();
    const token = state ? vault.load() : null;
    if (state && token) sync.begin(state.serverUrl, token);
    return sync;
  }

  private begin(serverUrl: string, token: string): void {
    this.session = new SyncSession(this.store, new SyncClient(serverUrl, token), this.options);
    this.session.start();
  }

  async status(): Promise<SyncStatusDto> {
    if (this.session) return this.session.status();
    const s = await syncStatus(this.store);
    // Connected, but the token is gone (the vault was cleared or cannot be read here).
    return s.connected
      ? { ...s, online: false, error: 'the device token is missing: enrol this desktop again' }
      : s;
  }

  async connect(req: {
    serverUrl: string;
    code: string;
    deviceName: string;
  }): Promise<SyncStatusDto> {
    try {
      const done = await connectStore(this.store, this.vault, {
        ...req,
        deviceName: req.deviceName || hostname(),
      });
      this.begin(done.serverUrl, this.vault.load()!);
    } catch (e) {
      if (!(e instanceof ConnectError)) throw e;
      const code =
        e.code === 'unreachable' || e.code === 'server'
          ? 'unavailable'
          : e.code === 'bad_url'
            ? 'invalid_request'
            : 'refused';
      throw new ServiceError(code, e.message, code === 'refused' ? `sync_${e.code}` : undefined);
    }
    return this.status();
  }

  async pending(): Promise<PendingSummary[]> {
    return (await this.store.sync.pending()).map((p) => {
      const e = JSON.parse(p.body) as {
        id: string;
        type: string;
        at: string;
        actor?: { id?: string };
        data: Record<string, unknown>;
      };
      const d = e.data as { applicationId?: string; caseId?: string; schoolId?: string };
      return {
        id: e.id,
        type: e.type,
        at: e.at,
        actorId: e.actor?.id ?? null,
        subjectId: d.applicationId ?? d.caseId ?? d.schoolId ?? null,
      };
    });
  }

  async conflicts(): Promise<SyncConflictDto[]> {
    // The body stays in main: the list names what, who and why.
    return (await this.store.sync.conflicts()).map(({ body: _body, ...c }) => c);
  }

  async markSeen(ids: readonly string[]): Promise<number> {
    await this.store.sync.markSeen(ids, new Date().toISOString());
    return this.store.sync.unseenConflicts();
  }

  nudge(): void {
    this.session?.nudge();
  }

  async stop(): Promise<void> {
    await this.session?.stop();
    this.session = null;
  }
}
