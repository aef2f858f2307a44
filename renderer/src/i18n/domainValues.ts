// Every engine value the UI has to put into words. Records keyed by the engine's
// own types make the compiler fail when the engine grows a value this list lacks;
// tests/i18n then fail until each value has a sentence in every language.
import type { Basis, CaseStatus, PrivilegeState } from '../../../shared/engine/model';
import { REASONS, type Reason } from '../../../shared/engine/reasons';
import { DEFAULT_PRIVILEGE_CATEGORIES } from '../../../shared/log/events';
import {
  BOUNDARIES,
  ERROR_CODES,
  PHASES,
  ROLES,
  STATUSES,
  dashboardSchema,
} from '../../../shared/ipc/contract';
import { LABEL_DOMAINS } from '../../../shared/labels';
import { AS_OF_WARNINGS } from '../../../shared/reports/asOf';
import {
  SYNC_CONNECT_ERRORS,
  SYNC_PROTOCOL_REASONS,
  SYNC_STATES,
} from '../features/sync/syncCodes';

const basis: Record<Basis, true> = {
  catchment: true,
  privilege: true,
  open: true,
  commission: true,
};
const privilege: Record<PrivilegeState, true> = {
  none: true,
  pending: true,
  approved: true,
  rejected: true,
};
const caseStatus: Record<CaseStatus, true> = { open: true, placed: true, declined: true };

export const BASES = Object.keys(basis) as Basis[];
export const PRIVILEGE_STATES = Object.keys(privilege) as PrivilegeState[];
export const CASE_STATUSES = Object.keys(caseStatus) as CaseStatus[];
/** The dashboard's totals, read from the contract so a new total cannot go untranslated. */
export const TOTAL_KEYS = Object.keys(
  dashboardSchema.shape.totals.shape,
) as (keyof typeof dashboardSchema.shape.totals.shape)[];
/** Stream languages the UI names; any other code is shown as the code itself (FORMATS.md allows any). */
export { STREAM_LANGUAGES } from '../../../shared/labels';

export { REASONS, STATUSES, PHASES, BOUNDARIES, ERROR_CODES, ROLES, DEFAULT_PRIVILEGE_CATEGORIES };
export type { Reason };

/**
 * Translation-key prefix per value family, so tests and components agree on where each
 * lives. The engine's codes come from the label catalogue (shared/labels), one family
 * per domain; errors and dashboard totals are the UI's own words.
 */
export const VALUE_FAMILIES: Record<string, readonly string[]> = {
  ...Object.fromEntries(
    Object.entries(LABEL_DOMAINS).map(([domain, labels]) => [domain, Object.keys(labels)]),
  ),
  error: ERROR_CODES,
  totals: TOTAL_KEYS,
  'reports.asOfWarning': AS_OF_WARNINGS,
  'quotas.countProblem': ['negative', 'too_large', 'not_whole'],
  'sync.state': SYNC_STATES,
  'sync.protocolReason': SYNC_PROTOCOL_REASONS,
  'sync.connectError': SYNC_CONNECT_ERRORS,
};
