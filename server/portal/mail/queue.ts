// Renders a mail in the account's language and puts it in the outbox, in the caller's transaction.
import type { PortalLanguage } from '../../../shared/portal/contract';
import type { Sql } from '../../db/database';
import { enqueueMail } from './outbox';
import { type MailKind, type Vars, renderMail } from './templates';

export async function queueMail(
  sql: Sql,
  kind: MailKind,
  to: { email: string; language: PortalLanguage },
  vars: Vars,
  dedupeKey: string,
): Promise<boolean> {
  const m = renderMail(kind, to.language, vars);
  return enqueueMail(sql, { dedupeKey, to: to.email, subject: m.subject, body: m.body });
}
