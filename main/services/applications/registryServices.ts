// The applications registry: windows of rows paged and sorted in SQL (200k rows
// never cross IPC at once), one application with the child's whole history, and a
// parent's written request recorded as an event through the engine.
import type { Res } from '../../../shared/ipc/contract';
import type {
  HistoryEntry,
  RegistryFilter,
  RegistryRow,
} from '../../../shared/ipc/channels/applications';
import type {
  ApplicationFilter,
  ApplicationQuery,
  ApplicationRow,
  StoredEvent,
  StoreReads,
} from '../storeReads';
import { notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { recordEvent } from '../events/recordEvents';
import { schoolShort, type SchoolShort } from '../../../shared/schools/shortName';

type SchoolNames = Map<string, { name: string; short: SchoolShort }>;

/** School names by id, reloaded only when the log has moved (a school.registered may rename one). */
const schoolNames = new WeakMap<StoreReads, { seq: number; names: SchoolNames }>();

async function namesOf(store: StoreReads): Promise<SchoolNames> {
  const { seq } = await store.head();
  const cached = schoolNames.get(store);
  if (cached && cached.seq === seq) return cached.names;
  const names: SchoolNames = new Map(
    (await store.schools()).map((s) => [
      s.id,
      { name: s.name, short: schoolShort(s.name, s.kind) },
    ]),
  );
  schoolNames.set(store, { seq, names });
  return names;
}

/** The registry's filter in the store's terms; a director (never an officer) is held to their school. */
export function toStoreFilter(f: RegistryFilter, scope: string | null): ApplicationFilter {
  const out: ApplicationFilter = {};
  if (f.status && f.status.length > 0) out.status = f.status;
  if (f.stage !== undefined) out.stage = f.stage === 0 ? null : f.stage;
  if (f.basis !== undefined) out.basis = f.basis === 'none' ? null : f.basis;
  if (f.privilege !== undefined) out.privilege = f.privilege;
  if (f.privilegeCategory !== undefined) out.privilegeCategory = f.privilegeCategory;
  if (f.waitlistPosition !== undefined) out.waitlistPositionMax = f.waitlistPosition;
  if (f.schoolId !== undefined) out.schoolId = f.schoolId;
  if (scope !== null) out.schoolId = scope;
  if (f.language !== undefined) out.language = f.language;
  if (f.search !== undefined && f.search.trim() !== '') out.search = f.search.trim();
  return out;
}

function toRow(a: ApplicationRow, names: SchoolNames): RegistryRow {
  return {
    id: a.id,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
    status: a.status,
    reason: a.reason,
    schoolId: a.schoolId,
    schoolName: names.get(a.schoolId)?.name ?? null,
    schoolShort: names.get(a.schoolId)?.short ?? null,
    language: a.language,
    stage: a.stage,
    basis: a.basis,
    privilege: a.privilege,
    privilegeCategory: a.privilegeCategory,
    orderNumber: a.orderNumber,
    pin: a.pin,
    childName: a.childName,
    waitlist:
      a.waitlistStream === null || a.waitlistPosition === null
        ? null
        : { stream: a.waitlistStream, position: a.waitlistPosition, since: a.waitlistSince ?? '' },
  };
}

export async function listApplications(
  req: RegistryFilter & Pick<ApplicationQuery, 'sort' | 'direction' | 'offset' | 'limit'>,
  ctx: ServiceContext,
): Promise<Res<'applications.list'>> {
  const store = requireStore(ctx).reads;
  const started = performance.now();
  const offset = req.offset ?? 0;
  const [names, page] = await Promise.all([
    namesOf(store),
    store.applications({
      ...toStoreFilter(req, schoolScope(ctx)),
      sort: req.sort ?? 'submittedAt',
      direction: req.direction ?? 'asc',
      offset,
      limit: req.limit ?? 200,
    }),
  ]);
  return {
    total: page.total,
    offset,
    rows: page.rows.map((a) => toRow(a, names)),
    ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** What a timeline line says beyond its type: where a transfer went, what was decided. */
function detailOf(type: string, data: Record<string, unknown>): Record<string, string> {
  const pick = (...keys: string[]) =>
    Object.fromEntries(
      keys
        .filter((k) => typeof data[k] === 'string' || typeof data[k] === 'number')
        .map((k) => [k, String(data[k])]),
    );
  switch (type) {
    case 'application.submitted':
      return {
        ...pick('schoolId', 'language'),
        ...(data.privilege &&
        typeof (data.privilege as { category?: unknown }).category === 'string'
          ? { privilegeCategory: (data.privilege as { category: string }).category }
          : {}),
      };
    case 'application.transfer_requested':
      return pick('toSchoolId', 'toLanguage');
    case 'privilege.reviewed':
      return pick('decision');
    case 'documents.received':
      return Array.isArray(data.items) ? { items: String(data.items.length) } : {};
    case 'order.issued':
      return pick('schoolId', 'orderNumber');
    case 'commission.decided':
      return pick('decision', 'schoolId', 'language');
    default:
      return {};
  }
}

function toEntry(e: StoredEvent, applicationId: string): HistoryEntry & { applicationId: string } {
  let data: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(e.body) as { data?: unknown };
    if (parsed.data && typeof parsed.data === 'object')
      data = parsed.data as Record<string, unknown>;
  } catch {
    // A stored body always parsed once (the store validated it); if it no longer
    // does, the audit's chain check is where that shows; the timeline keeps the row.
  }
  return {
    seq: e.seq,
    eventId: e.id,
    applicationId,
    type: e.type,
    at: e.at,
    actorRole: e.actorRole,
    actorId: e.actorId,
    outcome: e.outcome,
    reference: text(data.reference),
    note: text(data.note),
    detail: detailOf(e.type, data),
  };
}

/**
 * The application and its child's whole history: every event about this
 * application and about any other application of the same PIN (a refused first
 * try, an earlier withdrawn place), in log order.
 */
export async function applicationDetail(
  applicationId: string,
  ctx: ServiceContext,
): Promise<Res<'applications.get'>> {
  const store = requireStore(ctx).reads;
  const found = await store.application(applicationId);
  const scope = schoolScope(ctx);
  if (!found || (scope !== null && found.application.schoolId !== scope))
    throw notFound(`applicationId: no application ${applicationId}`);
  const a = found.application;
  const entries = new Map<number, HistoryEntry>();
  for (const e of found.events) entries.set(e.seq, toEntry(e, a.id));
  if (a.pin && /^\d{14}$/.test(a.pin)) {
    // A 14-digit prefix is the exact PIN: the pin index serves it.
    const siblings = await store.applications({ search: a.pin, limit: 50 });
    for (const s of siblings.rows) {
      if (s.id === a.id || s.pin !== a.pin) continue;
      const other = await store.application(s.id);
      for (const e of other?.events ?? [])
        if (!entries.has(e.seq)) entries.set(e.seq, toEntry(e, s.id));
    }
  }
  const names = await namesOf(store);
  return {
    application: {
      ...toRow(a, names),
      registeredAddress: a.registeredAddress,
      actualAddress: a.actualAddress,
      caseId: a.caseId,
    },
    history: [...entries.values()].sort((x, y) => x.seq - y.seq),
  };
}

export async function getApplication(
  req: { applicationId: string },
  ctx: ServiceContext,
): Promise<Res<'applications.get'>> {
  return applicationDetail(req.applicationId, ctx);
}

interface WrittenRequest {
  applicationId: string;
  reference: string;
  note?: string;
}

/** The parent's paper stays the evidence: its reference goes into the event, which the log keeps. */
function requestFields(req: WrittenRequest): { reference: string; note?: string } {
  return req.note ? { reference: req.reference, note: req.note } : { reference: req.reference };
}

export async function withdrawApplication(
  req: WrittenRequest,
  ctx: ServiceContext,
): Promise<Res<'applications.withdraw'>> {
  await ensureInScope(req.applicationId, ctx);
  // Extra fields in `data` are allowed by FORMATS.md and kept by the store.
  const data = { applicationId: req.applicationId, ...requestFields(req) };
  const r = await recordEvent(ctx, 'application.withdrawn', data as { applicationId: string });
  return { eventId: r.eventId, at: r.at, detail: await applicationDetail(req.applicationId, ctx) };
}

export async function transferApplication(
  req: WrittenRequest & { toSchoolId: string; toLanguage: string },
  ctx: ServiceContext,
): Promise<Res<'applications.transfer'>> {
  await ensureInScope(req.applicationId, ctx);
  const data = {
    applicationId: req.applicationId,
    toSchoolId: req.toSchoolId,
    toLanguage: req.toLanguage,
    ...requestFields(req),
  };
  const r = await recordEvent(ctx, 'application.transfer_requested', data);
  return { eventId: r.eventId, at: r.at, detail: await applicationDetail(req.applicationId, ctx) };
}

/**
 * Officers act district-wide; should a school-scoped role ever be given these
 * channels, it may only act on its own school's children. An unknown id is left
 * to the engine, whose refusal (application_not_found) the UI translates.
 */
async function ensureInScope(applicationId: string, ctx: ServiceContext): Promise<void> {
  const scope = schoolScope(ctx);
  if (scope === null) return;
  const found = await requireStore(ctx).reads.application(applicationId);
  if (found && found.application.schoolId !== scope)
    throw notFound(`applicationId: no application ${applicationId}`);
}

export async function transferStreams(
  _req: object,
  ctx: ServiceContext,
): Promise<Res<'applications.streams'>> {
  const store = requireStore(ctx).reads;
  const scope = schoolScope(ctx);
  const streams = await store.streams(scope ?? undefined);
  // Only state and municipal schools take part (RULES.md); others would be refused anyway.
  return {
    streams: streams
      .filter((s) => s.schoolKind === 'state' || s.schoolKind === 'municipal')
      .map((s) => ({
        schoolId: s.schoolId,
        schoolName: s.schoolName,
        language: s.language,
        quota: s.quota,
        occupied: s.occupied,
        free: s.free,
      })),
  };
}
