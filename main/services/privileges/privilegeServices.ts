// Privilege review: the queue of pending claims and the decision on one claim.
// An officer reviews the district, a director only their own school: the scope is
// applied here, on every read and write, whatever the request names.
import type { Req, Res } from '../../../shared/ipc/contract';
import type { Claim } from '../../../shared/ipc/channels/privileges';
import { forbidden, invalid, notFound } from '../errors';
import { attachmentRefs, attachmentsByKind } from '../attachments/attachmentServices';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { recordEvent } from '../events/recordEvents';
import { eventInstant } from '../clock/storeClock';

export async function privilegeQueue(
  _: object,
  ctx: ServiceContext,
): Promise<Res<'privileges.queue'>> {
  const store = requireStore(ctx);
  const scope = schoolScope(ctx);
  const [engine, files] = await Promise.all([store.engine(), attachmentsByKind(ctx, 'claim')]);
  const claims: Claim[] = [];
  // The live engine holds every application in memory; a pass over it is a few
  // milliseconds even at 200k, and it is the state the review will be judged on.
  for (const a of engine.applications.values()) {
    if (a.privilege !== 'pending') continue;
    if (scope !== null && a.schoolId !== scope) continue;
    claims.push({
      applicationId: a.id,
      childName: a.childName,
      pin: a.pin,
      schoolId: a.schoolId,
      schoolName: engine.schools.get(a.schoolId)?.name ?? a.schoolId,
      language: a.language,
      category: a.privilegeCategory,
      basis: a.basis,
      status: a.status,
      submittedAt: a.submittedAt,
      registeredAddress: a.registeredAddress,
      attachments: files.get(a.id) ?? [],
    });
  }
  claims.sort(
    (x, y) =>
      x.submittedAt.localeCompare(y.submittedAt) || x.applicationId.localeCompare(y.applicationId),
  );
  return { asOf: await eventInstant(store), claims };
}

export async function reviewPrivilege(
  req: Req<'privileges.review'>,
  ctx: ServiceContext,
): Promise<Res<'privileges.review'>> {
  const store = requireStore(ctx);
  const before = (await store.engine()).applications.get(req.applicationId);
  if (!before) throw notFound(`applicationId: no application ${req.applicationId}`);
  const scope = schoolScope(ctx);
  if (scope !== null && before.schoolId !== scope)
    throw forbidden('applicationId: the application belongs to another school');
  const note = req.note?.trim() || undefined;
  // A rejection can take a child's seat away: the reviewer says why, in writing.
  if (req.decision === 'rejected' && note === undefined)
    throw invalid('note: a rejection needs a note saying why');
  const attachments = await attachmentRefs(ctx, { kind: 'claim', id: req.applicationId });
  const wasPlacedOnClaim = before.basis === 'privilege';
  // note and attachments are extension fields of the event: the engine ignores them, the log keeps them.
  const data = {
    applicationId: req.applicationId,
    decision: req.decision,
    ...(note !== undefined ? { note } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  const { eventId } = await recordEvent(ctx, 'privilege.reviewed', data);
  const engine = await store.engine();
  const a = engine.applications.get(req.applicationId)!;
  const stream = engine.stream(a.schoolId, a.language);
  return {
    eventId,
    placementRemoved: wasPlacedOnClaim && a.status === 'refused',
    application: {
      applicationId: a.id,
      status: a.status,
      reason: a.reason,
      privilege: a.privilege,
      schoolId: a.schoolId,
      language: a.language,
    },
    stream: stream ? { quota: stream.quota, occupied: stream.occupied } : null,
  };
}
