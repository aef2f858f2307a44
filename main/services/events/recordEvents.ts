// The one way a screen's action becomes part of the campaign log: an event
// with a fresh id, the store's clock and the signed-in actor, judged by the
// engine before it is written. A refusal is returned to the user in their
// language and nothing is written: the desktop is a client of the log, and a
// mistyped click is not a decision anyone made.
import { randomUUID } from 'node:crypto';
import type { EventOf, EventType, LogEvent } from '../../../shared/log/events';
import { refused, ServiceError } from '../errors';
import { eventInstant } from '../clock/storeClock';
import { requireStore, requireUser, type ServiceContext } from '../context';

export interface Recorded {
  eventId: string;
  at: string;
}

/**
 * Records one event for the signed-in user; throws ServiceError('refused', reason)
 * when the engine would refuse it. Several events of one action go in together
 * (one transaction) via `recordAll`.
 */
export async function recordEvent<T extends EventType>(
  ctx: ServiceContext,
  type: T,
  data: EventOf<T>['data'],
): Promise<Recorded> {
  return (await recordAll(ctx, [{ type, data } as Draft]))[0];
}

export type Draft = { [T in EventType]: { type: T; data: EventOf<T>['data'] } }[EventType];

export async function recordAll(ctx: ServiceContext, drafts: Draft[]): Promise<Recorded[]> {
  const store = requireStore(ctx);
  const user = requireUser(ctx);
  if (!ctx.actor) throw new ServiceError('unauthenticated', 'sign in first');
  if (drafts.length === 0) return [];
  const at = await eventInstant(store);
  const events = drafts.map(
    (d) => ({ id: randomUUID(), type: d.type, at, actor: ctx.actor!, data: d.data }) as LogEvent,
  );
  // Each event is judged on the live engine without changing it. The events of
  // one action must not depend on each other (one save of many quotas, say),
  // so judging them one by one is judging them together. The one dependency
  // allowed: a school registered earlier in the same action (an Excel import
  // adds a school with its catchment and quotas), for which the engine's only
  // check on catchment.set / quota.set (the school exists) is then met.
  const engine = await store.engine();
  const registeredHere = new Set<string>();
  for (const e of events) {
    if (e.type === 'school.registered') registeredHere.add(e.data.schoolId);
    if (
      (e.type === 'catchment.set' || e.type === 'quota.set') &&
      registeredHere.has(e.data.schoolId)
    )
      continue;
    const reason = engine.evaluate(e);
    if (reason !== null) throw refused(reason, `${e.type} refused for ${user.username}: ${reason}`);
  }
  const result = await store.append(events);
  // On a connected district the events are now pending: push them without waiting for the loop.
  store.sync?.nudge();
  // Between the dry run and the write only this process writes (the store serialises
  // writers), so the engine agrees; a refusal here would be recorded as an outcome.
  const refusedNow = result.outcomes.find((o) => o.outcome === 'applied' && o.refused !== null);
  if (refusedNow && refusedNow.outcome === 'applied')
    throw refused(
      refusedNow.refused!,
      `${drafts[0].type} was recorded but refused: ${refusedNow.refused}`,
    );
  return events.map((e) => ({ eventId: e.id, at: e.at }));
}
