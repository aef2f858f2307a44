// Where mail goes: an SMTP server (nodemailer), or, for a newcomer without
// one, a folder of .eml files that any mail client opens (README, docs/portal.md).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** stable for one outbox row: a resent copy carries the same id, so mail clients fold it */
  messageId: string;
}

export interface MailTransport {
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const DEFAULT_FROM = 'Kabyl <no-reply@kabyl.local>';

/** `smtp://user:pass@host:port` or `smtps://...`, nodemailer's URL form. */
export function smtpTransport(url: string, from = DEFAULT_FROM): MailTransport {
  const t = nodemailer.createTransport(url);
  const shown = new URL(url);
  shown.password = shown.password ? '***' : '';
  return {
    description: `SMTP ${shown.toString()}`,
    async send(m) {
      await t.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close: () => t.close(),
  };
}

/**
 * One file per outbox row, named by its message id and written to a temporary
 * name first: a resend after a crash overwrites the same file, so the folder
 * never holds a mail twice.
 */
export function folderTransport(dir: string, from = DEFAULT_FROM): MailTransport {
  mkdirSync(dir, { recursive: true });
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    description: `folder ${dir}`,
    async send(m) {
      const info = await t.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
      });
      const name = m.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      const file = path.join(dir, `${name}.eml`);
      writeFileSync(`${file}.tmp`, info.message as Buffer);
      renameSync(`${file}.tmp`, file);
    },
    close: () => t.close(),
  };
}
