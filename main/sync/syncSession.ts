// The sync loop of one connected store (docs/sync.md, "The desktop"): push the
// pending queue in order, then pull after the cursor (long-polling when
// nothing is pending), rebase, and again. When the server cannot be reached it
// backs off (1 s doubling to 30 s) and says since when it is offline; a new
// local decision cuts a long-poll or a back-off short so it is pushed at once.
import { MAX_PUSH_EVENTS, type PushedEvent } from '../../shared/sync/contract';
import type { Store } from '../store';
import type { Refusal } from '../store/sync/syncLog';
import { type SyncClient, SyncError } from './client';

export interface SyncStatus {
  connected: boolean;
  serverUrl: string | null;
  districtId: string | null;
  pending: number;
  /** conflicts nobody has marked as seen */
  conflicts: number;
  online: boolean;
  /** when the server was last found unreachable, while it still is */
  offlineSince: string | null;
  lastSyncAt: string | null;
  /** a problem that is not being offline (a revoked token, a reset server log) */
  error: string | null;
}

export interface SessionOptions {
  /** seconds a pull waits for new events when nothing is pending */
  liveWaitSeconds?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

/** The push errors that name one event the server will never take (so it becomes a conflict). */
const EVENT_ERRORS = new Set(['malformed_event', 'forbidden_district', 'forbidden_event']);

export class SyncSession {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: AbortController = new AbortController();
  private offlineSince: string | null = null;
  private lastError: string | null = null;
  private readonly opts: Required<SessionOptions>;

  constructor(
    private readonly store: Store,
    private readonly client: SyncClient,
    options: SessionOptions = {},
  ) {
    this.opts = {
      liveWaitSeconds: options.liveWaitSeconds ?? 25,
      minBackoffMs: options.minBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      now: options.now ?? (() => new Date()),
    };
  }

  private nowIso(): string {
    return this.opts.now().toISOString();
  }

  /** One round: everything pending pushed, everything new pulled. Throws SyncError when it cannot. */
  async syncOnce(waitSeconds = 0, signal?: AbortSignal): Promise<void> {
    await this.pushAll(signal);
    await this.pullAll(waitSeconds, signal);
  }

  private async pushAll(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const queue = (await this.store.sync.pending()).filter((p) => p.ackedSeq === null);
      if (queue.length === 0) return;
      const page = queue.slice(0, MAX_PUSH_EVENTS);
      let answer;
      try {
        answer = await this.client.push(
          page.map((p) => JSON.parse(p.body) as PushedEvent),
          signal,
        );
      } catch (e) {
        const refusal = eventRefusal(
          e,
          page.map((p) => p.id),
        );
        if (!refusal) throw e;
        // The server will never judge this event: it is listed, and the rest go on.
        await this.store.sync.rebase({ pulled: [], refused: [refusal], now: this.nowIso() });
        continue;
      }
      const accepted = answer.outcomes.flatMap((o) =>
        o.status === 'accepted' ? [{ id: o.id, seq: o.seq }] : [],
      );
      const refused: Refusal[] = answer.outcomes.flatMap((o) =>
        o.status === 'refused' ? [{ id: o.id, reason: o.reason }] : [],
      );
      await this.store.sync.acknowledge(accepted, this.nowIso());
      if (refused.length > 0)
        await this.store.sync.rebase({ pulled: [], refused, now: this.nowIso() });
    }
  }

  private async pullAll(waitSeconds: number, signal?: AbortSignal): Promise<void> {
    let wait = waitSeconds;
    for (;;) {
      const state = await this.store.sync.state();
      if (!state) throw new SyncError('this store is not connected to a server', 'protocol');
      const page = await this.client.pull(state.cursor, wait, signal);
      if (page.reset && state.cursor !== null) {
        throw new SyncError(
          "the server's log is not the one this store holds (it was rebuilt or replaced): " +
            'nothing was changed here; ask the centre before going on',
          'protocol',
        );
      }
      if (page.lines.length > 0 || page.cursor !== state.cursor) {
        await this.store.sync.rebase({
          pulled: page.lines,
          refused: [],
          cursor: page.cursor,
          now: this.nowIso(),
        });
      }
      if (!page.more) return;
      wait = 0;
    }
  }

  /** Starts the loop in the background; status() tells how it goes. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort(new Error('stopped'));
    await this.loop;
    this.loop = null;
  }

  /** A local decision was recorded: push it now rather than after the long-poll. */
  nudge(): void {
    this.wake.abort(new Error('nudged'));
  }

  private async run(): Promise<void> {
    let backoff = this.opts.minBackoffMs;
    while (!this.stopped) {
      this.wake = new AbortController();
      const signal = this.wake.signal;
      try {
        const pending = await this.store.sync.pendingCount();
        await this.syncOnce(pending > 0 ? 0 : this.opts.liveWaitSeconds, signal);
        this.offlineSince = null;
        this.lastError = null;
        backoff = this.opts.minBackoffMs;
      } catch (e) {
        if (this.stopped) return;
        if (signal.aborted) continue;
        if (e instanceof SyncError && e.kind === 'offline') {
          this.offlineSince ??= this.nowIso();
        } else {
          this.lastError = (e as Error).message;
        }
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
      }
    }
  }

  async status(): Promise<SyncStatus> {
    return syncStatus(this.store, { offlineSince: this.offlineSince, error: this.lastError });
  }
}

export async function syncStatus(
  store: Store,
  live: { offlineSince: string | null; error: string | null } = { offlineSince: null, error: null },
): Promise<SyncStatus> {
  const [state, pending, conflicts] = await Promise.all([
    store.sync.state(),
    store.sync.pendingCount(),
    store.sync.unseenConflicts(),
  ]);
  return {
    connected: state !== null,
    serverUrl: state?.serverUrl ?? null,
    districtId: state?.districtId ?? null,
    pending,
    conflicts,
    online: state !== null && live.offlineSince === null,
    offlineSince: live.offlineSince,
    lastSyncAt: state?.lastSyncAt ?? null,
    error: live.error,
  };
}

/** A push turned away as a whole because of one event: that event, as a refusal. */
function eventRefusal(e: unknown, ids: string[]): Refusal | null {
  if (!(e instanceof SyncError) || e.kind !== 'http' || !e.detail) return null;
  const { error, message, index, eventId } = e.detail;
  if (!EVENT_ERRORS.has(error)) return null;
  const id = eventId ?? (index !== undefined ? ids[index] : undefined);
  return id === undefined ? null : { id, reason: error, message };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
