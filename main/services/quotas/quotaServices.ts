// Quotas and streams for the district officer: the table with its class-size
// warnings (shared/district/classNorms.ts, the same rules the streams report
// uses), one save of every changed stream, a school's norm and locality, the
// what-if replay and the "would fit now" dry run. Every write goes through
// recordEvents, so it is judged by the engine and carries the officer's name.
import { IN_SCOPE_KINDS, type LogEvent } from '../../../shared/log/events';
import { assessStream, legalNorm } from '../../../shared/district/classNorms';
import { streamKey } from '../../../shared/engine/model';
import type { Req, Res } from '../../../shared/ipc/contract';
import { forbidden, invalid, notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { recordAll, recordEvent, type Draft } from '../events/recordEvents';
import { eventInstant } from '../clock/storeClock';
import type { StorePort } from '../storePort';

/** How many changed outcomes one what-if answer carries; the total is always given. */
export const WHAT_IF_LIMIT = 2_000;

/**
 * These channels are the district's (the contract says so); a director must never
 * reach them even if the contract changed, since every answer spans all schools.
 */
function districtOnly(ctx: ServiceContext): StorePort {
  const store = requireStore(ctx);
  if (schoolScope(ctx) !== null) throw forbidden("quotas are the district officer's");
  return store;
}

type SchoolDto = Res<'quotas.list'>['schools'][number];

function schoolDto(s: {
  id: string;
  name: string;
  kind: string;
  locality: 'urban' | 'rural' | null;
  classSizeNorm: number | null;
}): SchoolDto {
  return {
    schoolId: s.id,
    name: s.name,
    kind: s.kind,
    inScope: IN_SCOPE_KINDS.has(s.kind),
    locality: s.locality,
    classSizeNorm: s.classSizeNorm,
    norm: legalNorm(s),
  };
}

export async function listQuotas(_: object, ctx: ServiceContext): Promise<Res<'quotas.list'>> {
  const store = districtOnly(ctx);
  const [schools, streams, asOf] = await Promise.all([
    store.reads.schools(),
    store.reads.streams(),
    eventInstant(store),
  ]);
  return {
    asOf,
    schools: schools.map(schoolDto),
    streams: streams.map((s) => {
      const a = assessStream(
        { quota: s.quota, occupied: s.occupied, classes: s.classes },
        { locality: s.locality, classSizeNorm: s.classSizeNorm },
      );
      return {
        schoolId: s.schoolId,
        language: s.language,
        quota: s.quota,
        occupied: s.occupied,
        free: s.free,
        overflow: s.overflow,
        classes: s.classes,
        seatsPerClass: a.seatsPerClass,
        childrenPerClass: a.childrenPerClass,
        warnings: a.warnings,
      };
    }),
  };
}

/**
 * Writes one quota.set per stream whose seats or classes differ from the store
 * (a stream the school does not offer yet is opened); streams sent unchanged are
 * skipped, so saving twice writes nothing the second time.
 */
export async function saveQuotas(
  req: Req<'quotas.save'>,
  ctx: ServiceContext,
): Promise<Res<'quotas.save'>> {
  const store = districtOnly(ctx);
  const [schools, streams] = await Promise.all([store.reads.schools(), store.reads.streams()]);
  const known = new Set(schools.map((s) => s.id));
  const current = new Map(streams.map((s) => [streamKey(s.schoolId, s.language), s]));
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  req.changes.forEach((c, i) => {
    const key = streamKey(c.schoolId, c.language);
    if (seen.has(key)) throw invalid(`changes.${i}: the stream ${key} is listed twice`);
    seen.add(key);
    if (!known.has(c.schoolId)) throw notFound(`changes.${i}.schoolId: no school ${c.schoolId}`);
    const now = current.get(key);
    const classesChanged = c.classes !== undefined && c.classes !== (now?.classes ?? null);
    if (now && now.quota === c.seats && !classesChanged) return;
    drafts.push({
      type: 'quota.set',
      data: {
        schoolId: c.schoolId,
        language: c.language,
        seats: c.seats,
        ...(c.classes !== undefined ? { classes: c.classes } : {}),
      },
    });
  });
  const recorded = await recordAll(ctx, drafts);
  return { written: recorded.length, eventIds: recorded.map((r) => r.eventId) };
}

/** school.registered again with the same id, name, kind and district, and the new extension fields. */
export async function setSchoolNorm(
  req: Req<'quotas.setSchool'>,
  ctx: ServiceContext,
): Promise<Res<'quotas.setSchool'>> {
  const store = districtOnly(ctx);
  const [school] = await store.reads.schools(req.schoolId);
  if (!school) throw notFound(`schoolId: no school ${req.schoolId}`);
  const kind = school.kind as 'state' | 'municipal' | 'private' | 'special' | 'gymnasium';
  if (school.locality !== req.locality || school.classSizeNorm !== req.classSizeNorm) {
    await recordEvent(ctx, 'school.registered', {
      schoolId: school.id,
      name: school.name,
      kind,
      districtId: school.districtId,
      // The engine takes an absent field as "none", so both are always written.
      ...(req.locality !== null ? { locality: req.locality } : {}),
      ...(req.classSizeNorm !== null ? { classSizeNorm: req.classSizeNorm } : {}),
    });
  }
  const [after] = await store.reads.schools(req.schoolId);
  return { school: schoolDto(after!) };
}

export async function whatIf(
  req: Req<'quotas.whatIf'>,
  ctx: ServiceContext,
): Promise<Res<'quotas.whatIf'>> {
  const store = districtOnly(ctx);
  const started = performance.now();
  const known = new Set((await store.reads.schools()).map((s) => s.id));
  req.overrides.forEach((o, i) => {
    if (!known.has(o.schoolId)) throw notFound(`overrides.${i}.schoolId: no school ${o.schoolId}`);
  });
  // Off the main thread, from the store file itself (main/store/whatIf/): the
  // log replayed with the sandbox quotas, the "before" side read from the
  // projections in the same read transaction.
  const { result, events } = await store.whatIf(req.overrides);
  // Newly placed first (refused, absent or waiting in line before: what the officer is
  // looking for), then those who would lose a seat.
  const rank = (c: (typeof result.changes)[number]) =>
    ['refused', 'absent', 'waitlisted'].includes(c.before.status) ? 0 : 1;
  const changes = [...result.changes].sort((a, b) => rank(a) - rank(b));
  return {
    events,
    ms: Math.round(performance.now() - started),
    gained: result.gained,
    lost: result.lost,
    changes: changes.slice(0, WHAT_IF_LIMIT),
    totalChanges: changes.length,
    streams: result.streams.map((s) => {
      const slash = s.key.lastIndexOf('/');
      return { ...s, schoolId: s.key.slice(0, slash), language: s.key.slice(slash + 1) };
    }),
  };
}

export async function refusedForSeats(
  req: Req<'quotas.refused'>,
  ctx: ServiceContext,
): Promise<Res<'quotas.refused'>> {
  const store = districtOnly(ctx);
  const { rows } = await store.reads.applications({
    status: 'refused',
    schoolId: req.schoolId,
    language: req.language,
    sort: 'submittedAt',
    limit: 1000,
  });
  return {
    applications: rows
      .filter((r) => r.reason === 'no_free_seats')
      .map((r) => ({
        applicationId: r.id,
        childName: r.childName,
        submittedAt: r.submittedAt,
        stage: r.stage,
      })),
  };
}

/**
 * The engine's dry run of the same child applying again to the same stream now:
 * the refused application's own submission, with a fresh id and the store's clock.
 */
export async function checkFit(
  req: Req<'quotas.checkFit'>,
  ctx: ServiceContext,
): Promise<Res<'quotas.checkFit'>> {
  const store = districtOnly(ctx);
  const found = await store.reads.application(req.applicationId);
  if (!found) throw notFound(`applicationId: no application ${req.applicationId}`);
  const submission = found.events.find(
    (e) => e.id === found.application.eventId && e.type === 'application.submitted',
  );
  if (!submission)
    throw invalid(
      `applicationId: ${req.applicationId} was not submitted by a family (a commission placement)`,
    );
  const original = JSON.parse(submission.body) as Extract<
    LogEvent,
    { type: 'application.submitted' }
  >;
  const at = await eventInstant(store);
  const probe = {
    ...original,
    id: `check-fit:${req.applicationId}`,
    at,
    data: { ...original.data, applicationId: `check-fit:${req.applicationId}` },
  } as LogEvent;
  const reason = (await store.engine()).evaluate(probe);
  return {
    applicationId: req.applicationId,
    schoolId: original.data.schoolId,
    language: original.data.language,
    at,
    fits: reason === null,
    reason,
  };
}
