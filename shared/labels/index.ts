// The label catalogue: every engine and contract code in Kyrgyz, Russian and English.
// Reports read the domains directly; the renderer loads labelResources() into
// i18next, so a code has the same words on screen and on paper.
import {
  BASIS,
  CASE_REASON,
  CASE_STATUS,
  CLASS_SIZE_LEVEL,
  EVENT_TYPE,
  LOCALITY,
  PRIVILEGE_CATEGORY,
  PRIVILEGE_STATE,
  QUEUE_ENTRY_KIND,
  REJECTION,
  ROLE,
  SCHOOL_KIND,
  STATUS,
  STREAM_LANGUAGE,
} from './codes';
import { BOUNDARY, PHASE, REFUSAL, REQUIRED_DOCUMENT } from './sentences';
import type { Lang, Text } from './text';

export * from './text';
export * from './codes';
export * from './sentences';

/**
 * Each domain under the i18next key the renderer looks it up by
 * (`t('status.enrolled')`, `t('reason.no_free_seats')`).
 */
export const LABEL_DOMAINS = {
  status: STATUS,
  basis: BASIS,
  privilege: PRIVILEGE_STATE,
  privilegeCategory: PRIVILEGE_CATEGORY,
  caseStatus: CASE_STATUS,
  caseReason: CASE_REASON,
  schoolKind: SCHOOL_KIND,
  locality: LOCALITY,
  streamLanguage: STREAM_LANGUAGE,
  classSize: CLASS_SIZE_LEVEL,
  rejection: REJECTION,
  reason: REFUSAL,
  eventType: EVENT_TYPE,
  role: ROLE,
  phase: PHASE,
  boundary: BOUNDARY,
  document: REQUIRED_DOCUMENT,
  queueEntryKind: QUEUE_ENTRY_KIND,
} as const satisfies Record<string, Readonly<Record<string, Text>>>;
export type LabelDomain = keyof typeof LABEL_DOMAINS;

export type LabelTree = { [key: string]: string | LabelTree };

/**
 * The catalogue in one language, as an i18next resource tree. A dotted code (an
 * event type, `order.issued`) is nested, as i18next reads `eventType.order.issued`.
 */
export function labelResources(lang: Lang): Record<LabelDomain, LabelTree> {
  const out = {} as Record<LabelDomain, LabelTree>;
  for (const [domain, labels] of Object.entries(LABEL_DOMAINS) as [
    LabelDomain,
    Record<string, Text>,
  ][]) {
    const tree: LabelTree = {};
    for (const [code, text] of Object.entries(labels)) {
      const path = code.split('.');
      let node = tree;
      for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as LabelTree;
      node[path[path.length - 1]!] = text[lang];
    }
    out[domain] = tree;
  }
  return out;
}
