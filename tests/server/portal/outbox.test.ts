// The mail outbox on real PostgreSQL: failed sends retry with backoff, a
// worker stopped mid-way and a new one started loses no mail and sends none
// twice, and without SMTP the mails land as .eml files in a folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { MailWorker, enqueueMail, messageIdOf } from '../../../server/portal/mail/outbox';
import { folderTransport, smtpTransport } from '../../../server/portal/mail/transports';
import { type TestDatabase, createTestDatabase } from '../pgTestDatabase';
import { MailCatcher, until } from './harness';

let tdb: TestDatabase;
let db: Database;
let smtp: MailCatcher;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await openDatabase({ url: tdb.url });
  await migrate(db);
  smtp = await new MailCatcher().listen();
});
afterAll(async () => {
  await smtp?.close();
  await db?.close();
  await tdb?.drop();
});

const mail = (i: number) => ({ dedupeKey: `test:${i}`, to: `p${i}@example.kg`, subject: `mail ${i}`, body: `body ${i}` });

describe('the outbox', () => {
  it('queues a key once, retries refused sends with backoff, and survives a worker restart', async () => {
    for (let i = 0; i < 20; i++) expect(await enqueueMail(db, mail(i))).toBe(true);
    expect(await enqueueMail(db, mail(0))).toBe(false); // the same key is one mail
    smtp.failNext = 3; // the server says "451 try again later" three times
    const errors: number[] = [];
    const first = new MailWorker(db, smtpTransport(smtp.url), {
      backoffMs: 30,
      pollMs: 20,
      batch: 5,
      onError: (_e, id) => errors.push(id),
    }).start();
    await until('a few mails', async () => smtp.mails.length >= 6);
    // Stop one worker mid-way; a new one (a restarted server) takes the rest.
    await first.stop();
    const second = new MailWorker(db, smtpTransport(smtp.url), { backoffMs: 30, pollMs: 20, batch: 5 }).start();
    await until('every mail', async () => {
      const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL');
      return r.n === 0;
    });
    await second.stop();
    expect(errors.length).toBe(3);
    const ids = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(20); // none lost, none twice
    expect(ids.length).toBe(20);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => messageIdOf(`test:${i}`))));
    const retried = await db.query<{ attempts: number }>('SELECT attempts FROM mail_outbox WHERE attempts > 1');
    expect(retried.length).toBeGreaterThan(0);
  }, 30_000);

  it('writes .eml files to a folder when there is no SMTP server, one per mail even if sent again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-mail-'));
    try {
      const t = folderTransport(dir);
      const m = { to: 'a@example.kg', subject: 'Тест', text: 'Салам', messageId: messageIdOf('folder:1') };
      await t.send(m);
      await t.send(m); // a resend after a crash
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const parsed = await simpleParser(readFileSync(path.join(dir, files[0])));
      expect(parsed.subject).toBe('Тест');
      expect(parsed.text?.trim()).toBe('Салам');
      expect(parsed.messageId).toBe(m.messageId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
