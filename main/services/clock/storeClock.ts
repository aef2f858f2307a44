// The store's clock: the demo's frozen instant, or the wall clock, never before the
// log's last event. Its own module so that recording an event, a report job and the
// dashboard all read it without importing one another.
import { formatBishkek } from '../../../shared/ipc/campaignPhase';
import { parseInstant } from '../../../shared/log/instant';
import { SETTING } from '../settings';
import type { StorePort } from '../storePort';

export async function storeNow(store: StorePort, nowMs = Date.now()): Promise<string> {
  const frozen = await store.getSetting(SETTING.frozenAt);
  if (frozen) return frozen;
  const last = await store.lastEventAt();
  return last !== null && parseInstant(last) > nowMs ? last : formatBishkek(nowMs);
}

/** The instant a new event carries: the store's clock, never before the last event. */
export async function eventInstant(store: StorePort): Promise<string> {
  const [now, last] = await Promise.all([storeNow(store), store.lastEventAt()]);
  return last !== null && parseInstant(last) > parseInstant(now) ? last : now;
}
