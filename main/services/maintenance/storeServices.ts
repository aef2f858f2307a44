// store.verify / store.rebuild: the projections against a fresh replay of the events.
import type { Res } from '../../../shared/ipc/contract';
import { requireStore, type ServiceContext } from '../context';

export async function verifyStore(_: object, ctx: ServiceContext): Promise<Res<'store.verify'>> {
  const result = await requireStore(ctx).verify();
  return { ...result, differences: result.differences.slice(0, 50) };
}

export async function rebuildStore(_: object, ctx: ServiceContext): Promise<Res<'store.rebuild'>> {
  const started = performance.now();
  const { events } = await requireStore(ctx).rebuild();
  return { events, ms: Math.round(performance.now() - started) };
}
