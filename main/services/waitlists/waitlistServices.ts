// Waitlists (R16) for the officer and the director: each stream's queue in
// order, read from the projection's queue columns (the engine's own places,
// written with every event), and the what-if of a quota raise from the queue,
// folded on the what-if worker. A director reaches their own school only:
// resolveSchool refuses any other, whatever the renderer sends.
import { inCampaign } from '../../../shared/district/campaignFigures';
import { streamKey } from '../../../shared/engine/model';
import type { Req, Res } from '../../../shared/ipc/contract';
import { parseInstant } from '../../../shared/log/instant';
import { forbidden, notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { resolveSchool } from '../directorSchool/scope';
import { eventInstant } from '../clock/storeClock';
import type { QueueRow } from '../storeReads';

type ListRes = Res<'waitlists.list'>;
type Entry = NonNullable<ListRes['school']>['streams'][number]['entries'][number];

function entryOf(r: QueueRow): Entry {
  // A waiting child queues in its own stream; anyone else in a queue holds a seat
  // and stands for a transfer.
  const waits = r.status === 'waitlisted';
  return {
    position: r.position,
    applicationId: r.applicationId,
    childName: r.childName,
    kind: waits ? 'wait' : 'transfer',
    since: r.since,
    holds: waits ? null : { schoolId: r.schoolId, schoolName: r.schoolName, language: r.language },
  };
}

export async function listWaitlists(
  req: Req<'waitlists.list'>,
  ctx: ServiceContext,
): Promise<ListRes> {
  const store = requireStore(ctx);
  const own = schoolScope(ctx);
  // The director's scope is checked before anything is read.
  const ownSchool =
    own !== null || req.schoolId !== undefined ? await resolveSchool(ctx, req.schoolId) : null;
  const [calendar, asOf, streams] = await Promise.all([
    store.campaign(),
    eventInstant(store),
    store.reads.streams(own ?? undefined),
  ]);
  const bySchool = new Map<string, ListRes['schools'][number]>();
  for (const s of streams) {
    // Private and special schools take no part in the campaign, so they have no queues to show.
    if (!inCampaign(s.schoolKind)) continue;
    let school = bySchool.get(s.schoolId);
    if (!school)
      bySchool.set(
        s.schoolId,
        (school = { schoolId: s.schoolId, name: s.schoolName, streams: [] }),
      );
    school.streams.push({
      language: s.language,
      quota: s.quota,
      occupied: s.occupied,
      free: s.free,
      waitlist: s.waitlist,
    });
  }
  const schools = [...bySchool.values()];
  const chosen = ownSchool
    ? (bySchool.get(ownSchool.schoolId) ?? null)
    : (schools.find((s) => s.streams.some((x) => x.waitlist > 0)) ?? schools[0] ?? null);
  if (ownSchool && !chosen && own === null) {
    throw notFound(
      `schoolId: ${ownSchool.schoolId} takes no part in the campaign (${ownSchool.kind})`,
    );
  }
  let school: ListRes['school'] = null;
  if (chosen) {
    const rows = await store.reads.queues(chosen.schoolId);
    const byStream = new Map<string, Entry[]>();
    for (const r of rows) {
      const list = byStream.get(r.streamKey) ?? [];
      list.push(entryOf(r));
      byStream.set(r.streamKey, list);
    }
    school = {
      schoolId: chosen.schoolId,
      name: chosen.name,
      streams: chosen.streams.map(({ waitlist: _, ...s }) => ({
        ...s,
        entries: byStream.get(streamKey(chosen.schoolId, s.language)) ?? [],
      })),
    };
  }
  const enabled = calendar?.waitlist ?? false;
  // R16: the queues take entries in stage 2 until stage 2 or the documents window closes.
  const now = parseInstant(asOf);
  const open =
    enabled &&
    calendar !== null &&
    now >= parseInstant(calendar.stage2Start) &&
    now < Math.min(parseInstant(calendar.stage2End), parseInstant(calendar.documentsEnd));
  return { asOf, enabled, open, schools, school };
}

export async function waitlistWhatIf(
  req: Req<'waitlists.whatIf'>,
  ctx: ServiceContext,
): Promise<Res<'waitlists.whatIf'>> {
  const store = requireStore(ctx);
  // Raising a quota is the district's; the contract says so, and so does this.
  if (schoolScope(ctx) !== null) throw forbidden("quota raises are the district officer's");
  const started = performance.now();
  const [schools, streams] = await Promise.all([
    store.reads.schools(),
    store.reads.streams(req.schoolId),
  ]);
  const names = new Map(schools.map((s) => [s.id, s.name]));
  if (!names.has(req.schoolId)) throw notFound(`schoolId: no school ${req.schoolId}`);
  if (!streams.some((s) => s.language === req.language)) {
    throw notFound(`language: the school ${req.schoolId} has no ${req.language} stream`);
  }
  const at = await eventInstant(store);
  const { result, events } = await store.queueWhatIf(req, at);
  const name = (id: string) => names.get(id) ?? id;
  return {
    at: result.at,
    events,
    ms: Math.round(performance.now() - started),
    quotaBefore: result.quotaBefore,
    quotaAfter: result.quotaAfter,
    queuesOpen: result.queuesOpen,
    queuedBefore: result.queuedBefore,
    queuedAfter: result.queuedAfter,
    placed: result.placed.map((p) => ({
      applicationId: p.applicationId,
      childName: p.childName,
      kind: p.kind,
      schoolId: p.queueSchoolId,
      schoolName: name(p.queueSchoolId),
      language: p.queueLanguage,
      position: p.position,
      since: p.since,
      from:
        p.fromSchoolId === null
          ? null
          : {
              schoolId: p.fromSchoolId,
              schoolName: name(p.fromSchoolId),
              language: p.fromLanguage!,
            },
    })),
  };
}
