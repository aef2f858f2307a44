// An engine or contract code in words, from the label catalogue (shared/labels)
// that i18next carries. The domain is typed, so only a catalogued domain can be
// asked for, and tests/labels checks that every code of every domain has words.
import type { TFunction } from 'i18next';
import type { LabelDomain } from '../../../shared/labels';

/** The code's label; a code the catalogue has no word for (a campaign's own category) is shown as written. */
export function codeLabel(t: TFunction, domain: LabelDomain, code: string): string {
  return t(`${domain}.${code}`, { defaultValue: code });
}

/**
 * Who acted, as a document names them: the person's name when their account is
 * known, else their role in words. A login (`director`, `okt-commission`) is an
 * account's key, not a name, and never stands where a name belongs.
 */
export function actorName(t: TFunction, name: string | null | undefined, role: string): string {
  return name?.trim() ? name : codeLabel(t, 'role', role);
}
