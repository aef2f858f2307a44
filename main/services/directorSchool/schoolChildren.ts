// school.children and school.receiveDocuments: the director's list of the children
// placed at their school, and R9 (paper documents with the five-item checklist).
import { campaignPhase, daysUntil } from '../../../shared/ipc/campaignPhase';
import {
  AT_RISK_DAYS,
  DOCUMENT_ITEMS,
  type SchoolChild,
} from '../../../shared/ipc/channels/school';
import type { Res } from '../../../shared/ipc/contract';
import { parseInstant } from '../../../shared/log/instant';
import type { ApplicationFilter, ApplicationRow } from '../storeReads';
import { forbidden, invalid, notFound } from '../errors';
import { requireStore, schoolScope, type ServiceContext } from '../context';
import { storeNow } from '../clock/storeClock';
import { recordEvent } from '../events/recordEvents';
import type { StorePort } from '../storePort';
import { resolveSchool } from './scope';

const PLACED = ['registered', 'documents_received', 'enrolled'] as const;

/** Every row matching the filter, page by page (the store pages at 1000). */
export async function allApplications(
  store: StorePort,
  filter: ApplicationFilter,
): Promise<ApplicationRow[]> {
  const rows: ApplicationRow[] = [];
  for (;;) {
    const page = await store.reads.applications({
      ...filter,
      sort: 'submittedAt',
      limit: 1000,
      offset: rows.length,
    });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

export async function schoolChildren(
  req: { schoolId?: string },
  ctx: ServiceContext,
): Promise<Res<'school.children'>> {
  const store = requireStore(ctx);
  const school = await resolveSchool(ctx, req.schoolId);
  const [calendar, asOf, rows] = await Promise.all([
    store.campaign(),
    storeNow(store),
    allApplications(store, { schoolId: school.schoolId, status: [...PLACED] }),
  ]);
  const now = parseInstant(asOf);
  const deadline = calendar ? parseInstant(calendar.documentsEnd) : null;
  const children: SchoolChild[] = rows.map((r) => {
    // Only a child who still owes documents has a deadline to meet.
    const daysLeft =
      r.status === 'registered' && deadline !== null && now < deadline
        ? daysUntil(now, deadline)
        : null;
    return {
      applicationId: r.id,
      childName: r.childName,
      pin: r.pin,
      language: r.language,
      stage: r.stage,
      basis: r.basis,
      status: r.status,
      privilege: r.privilege,
      privilegeCategory: r.privilegeCategory,
      orderNumber: r.orderNumber,
      submittedAt: r.submittedAt,
      daysLeft,
      atRisk: daysLeft !== null && daysLeft <= AT_RISK_DAYS,
    };
  });
  return {
    school: { schoolId: school.schoolId, name: school.name },
    asOf,
    documentsStart: calendar?.documentsStart ?? null,
    documentsEnd: calendar?.documentsEnd ?? null,
    documentsOpen: calendar ? campaignPhase(calendar, asOf).documentsOpen : false,
    atRiskDays: AT_RISK_DAYS,
    children,
  };
}

export async function receiveDocuments(
  req: { applicationId: string; items: string[]; note?: string },
  ctx: ServiceContext,
): Promise<Res<'school.receiveDocuments'>> {
  const store = requireStore(ctx);
  const own = schoolScope(ctx);
  // The contract opens this to directors only; a director without a school acts on none.
  if (own === null) throw forbidden('documents are received by the school director');
  const found = await store.reads.application(req.applicationId);
  // Another school's child is as unreachable as one that does not exist... but say which:
  // the director needs to know the child is not theirs, not that it was mistyped.
  if (!found) throw notFound(`applicationId: no application ${req.applicationId}`);
  if (found.application.schoolId !== own)
    throw forbidden(`applicationId: ${req.applicationId} is not at your school`);
  const items = [...new Set(req.items)];
  const missing = DOCUMENT_ITEMS.filter((i) => !items.includes(i));
  if (missing.length > 0)
    throw invalid(`items: all five documents are required; missing ${missing.join(', ')}`);
  const data = req.note
    ? { applicationId: req.applicationId, items, note: req.note }
    : { applicationId: req.applicationId, items };
  const recorded = await recordEvent(ctx, 'documents.received', data);
  return { applicationId: req.applicationId, eventId: recorded.eventId, at: recorded.at };
}
