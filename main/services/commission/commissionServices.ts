// The district commission: open a case, list cases, decide one (place, beyond the
// quota if need be, or decline). What the engine keeps of a case (status, child,
// stream) comes from the live engine; what only people need (the reason's kind,
// notes, who opened and decided, the justification) is read back from the events
// themselves, where it was written as extension fields.
import { randomUUID } from 'node:crypto';
import type { Req, Res } from '../../../shared/ipc/contract';
import { CASE_REASON_KINDS, type CommissionCase } from '../../../shared/ipc/channels/commission';
import type { Case } from '../../../shared/engine/model';
import type { Engine } from '../../../shared/engine/engine';
import { invalid, notFound } from '../errors';
import type { Attachment } from '../../../shared/ipc/channels/attachments';
import { attachmentRefs, attachmentsByKind } from '../attachments/attachmentServices';
import { requireStore, type ServiceContext } from '../context';
import { recordEvent } from '../events/recordEvents';
import { eventInstant } from '../clock/storeClock';
import type { StorePort } from '../storePort';

type ReasonKind = (typeof CASE_REASON_KINDS)[number];

interface CaseExtras {
  reasonKind?: ReasonKind;
  notes?: string | null;
  openedBy?: string | null;
  decidedBy?: string | null;
  decisionNote?: string | null;
  justification?: string | null;
  beyondQuota?: boolean;
}

/** The people's side of every case, from its commission events (a district has hundreds of cases, not millions). */
async function caseExtras(store: StorePort): Promise<Map<string, CaseExtras>> {
  const out = new Map<string, CaseExtras>();
  for (const type of ['commission.case_opened', 'commission.decided'] as const) {
    let afterSeq = 0;
    for (;;) {
      const page = await store.reads.events({ type, afterSeq, limit: 5000 });
      for (const e of page) {
        if (e.outcome !== null) continue; // a refused event decided nothing
        const data = (JSON.parse(e.body) as { data: Record<string, unknown> }).data;
        const caseId = String(data.caseId);
        const x = out.get(caseId) ?? {};
        const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
        if (type === 'commission.case_opened') {
          // Cases written elsewhere (the central system, the generator) may carry the kind as the reason itself.
          const kind = data.reasonKind ?? data.reason;
          x.reasonKind = (CASE_REASON_KINDS as readonly unknown[]).includes(kind)
            ? (kind as ReasonKind)
            : 'other';
          x.notes = text(data.notes);
          x.openedBy = e.actorId;
        } else {
          x.decidedBy = e.actorId;
          x.decisionNote = text(data.note);
          x.justification = text(data.justification);
          x.beyondQuota = data.beyondQuota === true;
        }
        out.set(caseId, x);
      }
      if (page.length < 5000) break;
      afterSeq = page[page.length - 1].seq;
    }
  }
  return out;
}

/** What one listing reads once for all its cases: files per case, members' display names. */
interface Lookups {
  files: Map<string, Attachment[]>;
  names: Map<string, Promise<string | null>>;
  store: StorePort;
}

/** A member's display name for the screens and the printed sheet; the log keeps the username. */
function displayName(l: Lookups, username: string | null | undefined): Promise<string | null> {
  if (!username) return Promise.resolve(null);
  let name = l.names.get(username);
  if (!name)
    l.names.set(username, (name = l.store.findUser(username).then((u) => u?.displayName ?? null)));
  return name;
}

async function lookups(ctx: ServiceContext): Promise<Lookups> {
  return {
    files: await attachmentsByKind(ctx, 'case'),
    names: new Map(),
    store: requireStore(ctx),
  };
}

async function toDto(
  l: Lookups,
  engine: Engine,
  c: Case,
  x: CaseExtras | undefined,
): Promise<CommissionCase> {
  return {
    caseId: c.id,
    status: c.status,
    fullName: c.fullName,
    pin: c.pin,
    birthDate: c.birthDate,
    reasonKind: x?.reasonKind ?? 'other',
    reason: c.reason,
    notes: x?.notes ?? null,
    openedAt: c.openedAt,
    openedBy: x?.openedBy ?? null,
    openedByName: await displayName(l, x?.openedBy),
    decidedAt: c.decidedAt,
    decidedBy: x?.decidedBy ?? null,
    decidedByName: await displayName(l, x?.decidedBy),
    schoolId: c.schoolId,
    schoolName: c.schoolId === null ? null : (engine.schools.get(c.schoolId)?.name ?? c.schoolId),
    language: c.language,
    decisionNote: x?.decisionNote ?? c.note ?? null,
    justification: x?.justification ?? null,
    beyondQuota: x?.beyondQuota ?? false,
    attachments: l.files.get(c.id) ?? [],
  };
}

async function oneCase(ctx: ServiceContext, caseId: string): Promise<CommissionCase> {
  const store = requireStore(ctx);
  const engine = await store.engine();
  const c = engine.cases.get(caseId);
  if (!c) throw notFound(`caseId: no case ${caseId}`);
  return toDto(await lookups(ctx), engine, c, (await caseExtras(store)).get(caseId));
}

export async function listCases(_: object, ctx: ServiceContext): Promise<Res<'commission.cases'>> {
  const store = requireStore(ctx);
  const [engine, extras, l] = await Promise.all([store.engine(), caseExtras(store), lookups(ctx)]);
  const cases = await Promise.all(
    [...engine.cases.values()].map((c) => toDto(l, engine, c, extras.get(c.id))),
  );
  // Open cases first (they are the work), then the newest decisions.
  const rank = { open: 0, placed: 1, declined: 1 } as const;
  cases.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      b.openedAt.localeCompare(a.openedAt) ||
      a.caseId.localeCompare(b.caseId),
  );
  return { asOf: await eventInstant(store), cases };
}

export async function openCase(
  req: Req<'commission.open'>,
  ctx: ServiceContext,
): Promise<Res<'commission.open'>> {
  const store = requireStore(ctx);
  if (req.reasonKind === 'other' && !req.reasonText?.trim())
    throw invalid('reasonText: describe the reason when it is "other"');
  // Short enough to read out on the phone and print on the sheet; the engine's dry
  // run still refuses a clash (duplicate_id), which a retry would not repeat.
  const year = (await store.campaign())?.year ?? new Date().getFullYear();
  const caseId = `K${year}-${randomUUID().slice(0, 8).toUpperCase()}`;
  const reasonText = req.reasonText?.trim() || undefined;
  const notes = req.notes?.trim() || undefined;
  const data = {
    caseId,
    child: {
      fullName: req.fullName,
      ...(req.pin ? { pin: req.pin } : {}),
      ...(req.birthDate ? { birthDate: req.birthDate } : {}),
    },
    // The format's `reason` is free text; the kind rides along for screens and reports.
    reason: reasonText ?? req.reasonKind,
    reasonKind: req.reasonKind,
    ...(notes !== undefined ? { notes } : {}),
  };
  await recordEvent(ctx, 'commission.case_opened', data);
  return { case: await oneCase(ctx, caseId) };
}

export async function decideCase(
  req: Req<'commission.decide'>,
  ctx: ServiceContext,
): Promise<Res<'commission.decide'>> {
  const store = requireStore(ctx);
  const engine = await store.engine();
  const c = engine.cases.get(req.caseId);
  if (!c) throw notFound(`caseId: no case ${req.caseId}`);
  const note = req.note?.trim() || undefined;
  const justification = req.justification?.trim() || undefined;
  const attachments = await attachmentRefs(ctx, { kind: 'case', id: req.caseId });
  const extra = {
    ...(note !== undefined ? { note } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  if (req.decision === 'decline') {
    if (note === undefined) throw invalid('note: a declined case needs a note saying why');
    const data = { caseId: req.caseId, decision: 'decline' as const, ...extra };
    await recordEvent(ctx, 'commission.decided', data);
    return { case: await oneCase(ctx, req.caseId), stream: null };
  }
  if (!req.schoolId) throw invalid('schoolId: choose the school to place the child in');
  if (!req.language) throw invalid("language: choose the stream's language");
  const stream = engine.stream(req.schoolId, req.language);
  // No stream: let the engine name it (school_not_found / language_not_offered).
  const beyondQuota = stream !== undefined && engine.freeSeats(stream) === 0;
  if (beyondQuota && justification === undefined) {
    throw invalid(
      'justification: the stream has no free seat; placing beyond the quota needs a written justification',
    );
  }
  // justification and beyondQuota are extension fields: the log keeps why the quota was passed.
  const data = {
    caseId: req.caseId,
    decision: 'place' as const,
    schoolId: req.schoolId,
    language: req.language,
    ...extra,
    ...(justification !== undefined ? { justification } : {}),
    beyondQuota,
  };
  await recordEvent(ctx, 'commission.decided', data);
  const after = (await store.engine()).stream(req.schoolId, req.language);
  return {
    case: await oneCase(ctx, req.caseId),
    stream: after
      ? {
          quota: after.quota,
          occupied: after.occupied,
          overflow: Math.max(0, after.occupied - after.quota),
        }
      : null,
  };
}
