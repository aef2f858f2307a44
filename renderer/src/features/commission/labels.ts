// Why a case went to the commission, in words. The log keeps the reason as free
// text: a code the app or the generator wrote there (`no_free_seats`) gets its
// label from the catalogue; anything else is the commission's own words.
import type { TFunction } from 'i18next';
import { CASE_REASON } from '../../../../shared/labels';
import type { CASE_REASON_KINDS } from '../../../../shared/ipc/channels/commission';
import { codeLabel } from '../../i18n/codeLabel';

type Kind = (typeof CASE_REASON_KINDS)[number];

export function reasonKindLabel(t: TFunction, kind: Kind): string {
  return codeLabel(t, 'caseReason', kind);
}

/** The reason as one line: the label of a coded reason, or the kind followed by the free text. */
export function caseReasonText(t: TFunction, kind: Kind, reason: string): string {
  if (Object.prototype.hasOwnProperty.call(CASE_REASON, reason))
    return codeLabel(t, 'caseReason', reason);
  return reason.trim() === '' ? reasonKindLabel(t, kind) : `${reasonKindLabel(t, kind)}: ${reason}`;
}
