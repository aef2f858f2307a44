// Which district an event belongs to. The same answer files the event's row
// (events.district_id), decides whether a device may send it, and will decide
// what a district's replica receives (docs/sync.md).
import type { LogEvent } from '../../shared/log/events';

/** The scope of campaign-level events (campaign.opened): the centre's, no district's. */
export const CAMPAIGN_SCOPE = '*';

/** What the engine's state knows, plus what earlier events of the same push will add. */
export interface ScopeView {
  schoolDistrict(schoolId: string): string | undefined;
  applicationSchool(applicationId: string): string | undefined;
  caseDistrict(caseId: string): string | undefined;
}

/**
 * The district an event belongs to; `undefined` when it names something not
 * (yet) known, which the engine then refuses (school_not_found,
 * application_not_found, case_not_found). `device` is the sender's district:
 * commission cases carry no school until placed, so a case is its opener's.
 */
export function scopeOf(
  event: LogEvent,
  view: ScopeView,
  device: string | null,
): string | undefined {
  switch (event.type) {
    case 'campaign.opened':
      return CAMPAIGN_SCOPE;
    case 'school.registered':
      return event.data.districtId;
    case 'catchment.set':
    case 'quota.set':
    case 'order.issued':
    case 'application.submitted':
      return view.schoolDistrict(event.data.schoolId);
    case 'application.withdrawn':
    case 'application.transfer_requested':
    case 'privilege.reviewed':
    case 'documents.received': {
      const school = view.applicationSchool(event.data.applicationId);
      return school === undefined ? undefined : view.schoolDistrict(school);
    }
    case 'commission.case_opened': {
      const named = (event.data as { districtId?: unknown }).districtId;
      return device ?? (typeof named === 'string' && named !== '' ? named : CAMPAIGN_SCOPE);
    }
    case 'commission.decided': {
      const owner = view.caseDistrict(event.data.caseId);
      if (owner !== undefined) return owner;
      return event.data.decision === 'place' && event.data.schoolId
        ? view.schoolDistrict(event.data.schoolId)
        : undefined;
    }
  }
}

export type ScopeRefusal = { code: 'forbidden_event' | 'forbidden_district'; message: string };

/**
 * Whether a device of `district` may send this event: never a campaign-level
 * one, never one about another district's schools, applications or cases, and
 * never one that moves a child or a school into another district.
 */
export function checkDeviceScope(
  event: LogEvent,
  view: ScopeView,
  district: string,
): ScopeRefusal | null {
  const scope = scopeOf(event, view, district);
  if (scope === CAMPAIGN_SCOPE) {
    return {
      code: 'forbidden_event',
      message: `${event.type} is a campaign-level event: only the centre records it`,
    };
  }
  const other = (what: string, d: string): ScopeRefusal => ({
    code: 'forbidden_district',
    message: `${what} belongs to district ${d}, not to this device's district ${district}`,
  });
  if (scope !== undefined && scope !== district) return other(describeSubject(event), scope);
  if (event.type === 'school.registered') {
    const current = view.schoolDistrict(event.data.schoolId);
    if (current !== undefined && current !== district)
      return other(`school ${event.data.schoolId}`, current);
  }
  if (event.type === 'application.transfer_requested') {
    const target = view.schoolDistrict(event.data.toSchoolId);
    if (target !== undefined && target !== district)
      return other(`school ${event.data.toSchoolId}`, target);
  }
  if (
    event.type === 'commission.decided' &&
    event.data.decision === 'place' &&
    event.data.schoolId
  ) {
    const target = view.schoolDistrict(event.data.schoolId);
    if (target !== undefined && target !== district)
      return other(`school ${event.data.schoolId}`, target);
  }
  return null;
}

function describeSubject(event: LogEvent): string {
  const d = event.data as Record<string, unknown>;
  if (typeof d.applicationId === 'string') return `application ${d.applicationId}`;
  if (typeof d.caseId === 'string') return `case ${d.caseId}`;
  if (typeof d.schoolId === 'string') return `school ${d.schoolId}`;
  return event.type;
}
