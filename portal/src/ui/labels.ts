// Portal-side words for codes: the statuses the portal adds to the engine's, and the
// refusal reasons followed by what a parent can do next.
import type { TFunction } from 'i18next';

export function statusLabel(t: TFunction, status: string): string {
  return t(`portalStatus.${status}`, {
    defaultValue: t(`status.${status}`, { defaultValue: status }),
  });
}

export function languageLabel(t: TFunction, code: string): string {
  return t(`streamLanguage.${code}`, { defaultValue: code });
}

/** The refusal in words, then the next step when the portal knows one (`reasonNext.*`). */
export function refusalText(t: TFunction, reason: string | null): string {
  if (!reason) return t('status.refused');
  const words = t(`reason.${reason}`, { defaultValue: t('error.rule_refused') });
  const next = t(`reasonNext.${reason}`, { defaultValue: '' });
  return next ? `${words} ${next}` : words;
}
