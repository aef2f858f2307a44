// The sync channels (shared/ipc/channels/sync.ts). The demo has no server: its
// status says "not connected" and connecting it is refused.
import type { Res } from '../../../shared/ipc/contract';
import { requireStore, requireUser, type ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { SyncPort } from './syncPort';

const NOT_CONNECTED: Res<'sync.status'> = {
  connected: false,
  serverUrl: null,
  districtId: null,
  pending: 0,
  conflicts: 0,
  online: false,
  offlineSince: null,
  lastSyncAt: null,
  error: null,
};

function syncOf(ctx: ServiceContext): SyncPort | null {
  return requireStore(ctx).sync;
}

export async function syncStatus(_: object, ctx: ServiceContext): Promise<Res<'sync.status'>> {
  const sync = syncOf(ctx);
  return sync ? sync.status() : NOT_CONNECTED;
}

export async function syncConnect(
  req: { serverUrl: string; code: string; deviceName?: string },
  ctx: ServiceContext,
): Promise<Res<'sync.connect'>> {
  requireUser(ctx);
  const sync = syncOf(ctx);
  if (!sync)
    throw new ServiceError('refused', 'the demo district cannot connect to a server', 'sync_demo');
  return sync.connect({
    serverUrl: req.serverUrl,
    code: req.code,
    deviceName: req.deviceName ?? '',
  });
}

/** A director sees only what they decided themselves; officers and the commission see all. */
function ownOnly(ctx: ServiceContext): string | null {
  return requireUser(ctx).role === 'director' ? (ctx.actor?.id ?? null) : null;
}

export async function syncPending(_: object, ctx: ServiceContext): Promise<Res<'sync.pending'>> {
  const sync = syncOf(ctx);
  const own = ownOnly(ctx);
  const events = sync ? await sync.pending() : [];
  return { events: own === null ? events : events.filter((e) => e.actorId === own) };
}

export async function syncConflicts(
  _: object,
  ctx: ServiceContext,
): Promise<Res<'sync.conflicts'>> {
  const sync = syncOf(ctx);
  const own = ownOnly(ctx);
  const conflicts = sync ? await sync.conflicts() : [];
  return { conflicts: own === null ? conflicts : conflicts.filter((c) => c.actorId === own) };
}

export async function syncMarkSeen(
  req: { ids: string[] },
  ctx: ServiceContext,
): Promise<Res<'sync.markSeen'>> {
  const sync = syncOf(ctx);
  if (!sync) throw new ServiceError('not_found', 'ids: this district has no sync conflicts');
  return { conflicts: await sync.markSeen(req.ids) };
}
