// clock.get / clock.set: the instant new events carry. A real district runs on
// today's time; the demo stands still at the moment it was generated until an
// officer moves it forward, so every stage of a campaign can be tried out.
import { parseInstant } from '../../../shared/log/instant';
import { invalid, unavailable } from '../errors';
import { requireStore, type ServiceContext } from '../context';
import { eventInstant } from './storeClock';
import { SETTING } from '../settings';

export async function getClock(
  _req: Record<string, never>,
  ctx: ServiceContext,
): Promise<{ now: string; settable: boolean }> {
  const store = requireStore(ctx);
  return { now: await eventInstant(store), settable: store.kind === 'demo' };
}

export async function setClock(
  req: { at: string },
  ctx: ServiceContext,
): Promise<{ now: string; settable: boolean }> {
  const store = requireStore(ctx);
  if (store.kind !== 'demo')
    throw unavailable("a real district's clock is today's time; only the demo's can be moved");
  const target = parseInstant(req.at);
  if (Number.isNaN(target)) throw invalid('at: expected an ISO-8601 instant with an offset');
  const current = await eventInstant(store);
  // The log never goes back in time, so neither does the clock that stamps it.
  if (target < parseInstant(current))
    throw invalid(`at: ${req.at} is before the demo's clock, ${current}`);
  await store.setSetting(SETTING.frozenAt, req.at);
  return { now: req.at, settable: true };
}
