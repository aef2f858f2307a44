// A failed call in the parent's words: the contract's error code or the engine's reason,
// never the server's English message.
import type { TFunction } from 'i18next';
import { ApiError, OfflineError } from '../api/http';
import { formatDateTime } from '../../../renderer/src/i18n/formatting';

export function describeError(t: TFunction, e: unknown, lang: string): string {
  if (e instanceof OfflineError) return t('error.offline');
  if (!(e instanceof ApiError)) return t('error.internal');
  if (e.code === 'rule_refused' && e.reason) {
    return t(`reason.${e.reason}`, { defaultValue: t('error.rule_refused') });
  }
  if (e.code === 'outside_window') {
    return e.opensAt
      ? t('error.outside_window_opens', { date: formatDateTime(e.opensAt, lang) })
      : t('error.outside_window');
  }
  return t(`error.${e.code}`, { defaultValue: t('error.internal') });
}

/** A field's problem as a sentence: the field's own wording first, else the general one. */
export function describeField(
  t: TFunction,
  field: string,
  code: string | undefined,
): string | null {
  if (!code) return null;
  return t(`fieldError.${field}.${code}`, { defaultValue: t(`fieldError.${code}`) });
}
