// Event types and actors in words, from the label catalogue (shared/labels).
import type { TFunction } from 'i18next';
import { ACTOR_ROLES, EVENT_TYPES } from '../../../../shared/log/events';
import { codeLabel } from '../../i18n/codeLabel';

export const EVENT_TYPE_LIST = EVENT_TYPES;
export const ACTOR_ROLE_LIST = ACTOR_ROLES;

export function eventTypeLabel(t: TFunction, type: string): string {
  return codeLabel(t, 'eventType', type);
}

/** Who acted: the role in words, then the account ("District officer · officer"). */
export function actorLabel(t: TFunction, role: string | null, id: string | null): string {
  const roleText = role === null ? t('audit.actorNone') : codeLabel(t, 'role', role);
  return id ? `${roleText} · ${id}` : roleText;
}
