// Event types in words. The keys are literal (not built from the type) so the
// i18n tests see each one, and the Record over EventType makes a new event type
// a compile error here until it has a name.
import type { TFunction } from 'i18next';
import type { EventType } from '../../../../shared/log/events';

const LABELS: Record<EventType, (t: TFunction) => string> = {
  'campaign.opened': (t) => t('audit.eventType.campaignOpened'),
  'school.registered': (t) => t('audit.eventType.schoolRegistered'),
  'catchment.set': (t) => t('audit.eventType.catchmentSet'),
  'quota.set': (t) => t('audit.eventType.quotaSet'),
  'application.submitted': (t) => t('audit.eventType.applicationSubmitted'),
  'application.withdrawn': (t) => t('audit.eventType.applicationWithdrawn'),
  'application.transfer_requested': (t) => t('audit.eventType.transferRequested'),
  'privilege.reviewed': (t) => t('audit.eventType.privilegeReviewed'),
  'documents.received': (t) => t('audit.eventType.documentsReceived'),
  'order.issued': (t) => t('audit.eventType.orderIssued'),
  'commission.case_opened': (t) => t('audit.eventType.caseOpened'),
  'commission.decided': (t) => t('audit.eventType.caseDecided'),
};

export const EVENT_TYPE_LIST = Object.keys(LABELS) as EventType[];

export function eventTypeLabel(t: TFunction, type: string): string {
  return (LABELS as Record<string, ((t: TFunction) => string) | undefined>)[type]?.(t) ?? type;
}

/** Who acted: the role in words, then the id ("District officer · officer"). */
export function actorLabel(t: TFunction, role: string | null, id: string | null): string {
  const roleText = role === null ? t('audit.actorNone') : ACTOR_ROLES[role as ActorRole]?.(t) ?? role;
  return id ? `${roleText} · ${id}` : roleText;
}

export const ACTOR_ROLE_LIST = ['parent', 'district', 'director', 'commission', 'system'] as const;
type ActorRole = (typeof ACTOR_ROLE_LIST)[number];
export const ACTOR_ROLES: Record<ActorRole, (t: TFunction) => string> = {
  parent: (t) => t('audit.actors.parent'),
  district: (t) => t('audit.actors.district'),
  director: (t) => t('audit.actors.director'),
  commission: (t) => t('audit.actors.commission'),
  system: (t) => t('audit.actors.system'),
};
