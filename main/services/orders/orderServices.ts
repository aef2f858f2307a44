// school.orders and school.issueOrder: R13 admission orders. An order enrols every
// child of the school whose documents were received and who is in no order yet,
// so later arrivals go into later orders. Numbers are strings, unique per school.
import type { AdmissionOrder } from '../../../shared/ipc/channels/school';
import type { Res } from '../../../shared/ipc/contract';
import { invalid } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { recordEvent } from '../events/recordEvents';
import { allApplications } from '../directorSchool/schoolChildren';
import { resolveSchool } from '../directorSchool/scope';
import type { StorePort } from '../storePort';

/**
 * The number to suggest after `used`: one more than the highest all-digit number
 * (so "7" follows "6" even after a "6-a"); "1" for a school's first order.
 * A number already used is never suggested.
 */
export function nextOrderNumber(used: readonly string[]): string {
  const taken = new Set(used);
  let n = used.reduce((max, u) => (/^\d+$/.test(u) ? Math.max(max, Number(u)) : max), 0) + 1;
  while (taken.has(String(n))) n++;
  return String(n);
}

async function ordersOf(store: StorePort, schoolId: string | undefined): Promise<AdmissionOrder[]> {
  const [orders, schools, issued] = await Promise.all([
    store.reads.orders(schoolId),
    store.schools(schoolId),
    store.reads.events({ type: 'order.issued', limit: 5000 }),
  ]);
  const names = new Map(schools.map((s) => [s.schoolId, s.name]));
  const actors = new Map(issued.map((e) => [e.id, e.actorId]));
  // A name, not a login, is what an order shows; the log keeps the username.
  const usernames = [...new Set(actors.values())].filter((u): u is string => u !== null);
  const named = usernames.map(
    async (u) => [u, (await store.findUser(u))?.displayName ?? null] as const,
  );
  const people = new Map(await Promise.all(named));
  const ids = new Set(orders.flatMap((o) => o.applicationIds));
  const children = new Map(
    ids.size === 0
      ? []
      : (
          await allApplications(
            store,
            schoolId === undefined ? { status: 'enrolled' } : { schoolId, status: 'enrolled' },
          )
        )
          .filter((a) => ids.has(a.id))
          .map((a) => [a.id, a]),
  );
  return orders.map((o) => ({
    eventId: o.eventId,
    schoolId: o.schoolId,
    schoolName: names.get(o.schoolId) ?? o.schoolId,
    orderNumber: o.orderNumber,
    at: o.at,
    issuedBy: actors.get(o.eventId) ?? null,
    issuedByName: people.get(actors.get(o.eventId) ?? '') ?? null,
    children: o.applicationIds
      .map((id) => children.get(id))
      .filter((a) => a !== undefined)
      .map((a) => ({
        applicationId: a.id,
        childName: a.childName,
        pin: a.pin,
        language: a.language,
      }))
      .sort((a, b) => a.childName.localeCompare(b.childName, 'ru')),
  }));
}

export async function schoolOrders(
  req: { schoolId?: string },
  ctx: ServiceContext,
): Promise<Res<'school.orders'>> {
  const store = requireStore(ctx);
  // An officer may ask for the whole district; a director always gets their school.
  const districtWide =
    ctx.session.user?.role !== 'director' &&
    schoolScope(ctx) === null &&
    req.schoolId === undefined;
  const school = districtWide ? null : await resolveSchool(ctx, req.schoolId);
  const orders = await ordersOf(store, school?.schoolId);
  const waiting =
    school === null
      ? 0
      : (
          await store.reads.applications({
            schoolId: school.schoolId,
            status: 'documents_received',
            limit: 0,
          })
        ).total;
  return {
    orders,
    nextNumber: school === null ? null : nextOrderNumber(orders.map((o) => o.orderNumber)),
    waiting,
  };
}

export async function issueOrder(
  req: { orderNumber: string },
  ctx: ServiceContext,
): Promise<Res<'school.issueOrder'>> {
  const store = requireStore(ctx);
  const school = await resolveSchool(ctx, undefined);
  const number = req.orderNumber.trim();
  const existing = await store.reads.orders(school.schoolId);
  // The engine would accept a repeated number; two orders "No 5" at one school would not stand on paper.
  if (existing.some((o) => o.orderNumber === number))
    throw invalid(`orderNumber: order ${number} already exists at this school`);
  const recorded = await recordEvent(ctx, 'order.issued', {
    schoolId: school.schoolId,
    orderNumber: number,
  });
  const order = (await ordersOf(store, school.schoolId)).find(
    (o) => o.eventId === recorded.eventId,
  );
  if (!order) throw new Error(`order ${number} was recorded but is not in the store`);
  return order;
}
