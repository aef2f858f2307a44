// The case reason kinds, translated through literal keys (the i18n tests check every one).
import type { TFunction } from 'i18next';
import type { CASE_REASON_KINDS } from '../../../../shared/ipc/channels/commission';

export function reasonKindLabel(t: TFunction, kind: (typeof CASE_REASON_KINDS)[number]): string {
  switch (kind) {
    case 'no_pin':
      return t('commission.reasonKind.no_pin');
    case 'no_documents':
      return t('commission.reasonKind.no_documents');
    case 'age_out_of_range':
      return t('commission.reasonKind.age_out_of_range');
    default:
      return t('commission.reasonKind.other');
  }
}
