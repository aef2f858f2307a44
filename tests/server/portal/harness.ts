// A real server on a fresh PostgreSQL database with a generated campaign, the
// registry simulator seeded from the same generator, and an in-process SMTP
// server whose mails are parsed with mailparser: what the portal tests run on.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { parseInstant } from '../../../shared/log/instant';
import { CSRF_HEADER, PORTAL_API_PREFIX, SESSION_COOKIE } from '../../../shared/portal/contract';
import { importLog } from '../../../server/admin/importLog';
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { smtpTransport } from '../../../server/portal/mail/transports';
import { ResilientRegistry } from '../../../server/portal/registry/resilient';
import { SimulatedRegistry } from '../../../server/portal/registry/simulator';
import { type RunningServer, startServer } from '../../../server/server';
import { generatedLog } from '../fixtures';
import { type TestDatabase, createTestDatabase } from '../pgTestDatabase';

export const GEN = { seed: 7, districts: 2, schoolsPerDistrict: 4, children: 300 };

export class MailCatcher {
  readonly mails: ParsedMail[] = [];
  /** how many incoming mails to refuse before accepting (retry tests) */
  failNext = 0;
  private waiters: (() => void)[] = [];
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, cb) => {
      simpleParser(stream).then(
        (m) => {
          if (this.failNext > 0) {
            this.failNext--;
            const e = Object.assign(new Error('try again later'), { responseCode: 451 });
            return cb(e);
          }
          this.mails.push(m);
          for (const w of this.waiters.splice(0)) w();
          cb();
        },
        (e) => cb(e),
      );
    },
  });
  url = '';

  async listen(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The first mail to `to` whose subject matches, waiting up to `ms`. */
  async waitFor(to: string, subject: RegExp, ms = 10_000): Promise<ParsedMail> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.mails.find(
        (x) => addressOf(x) === to.toLowerCase() && subject.test(x.subject ?? ''),
      );
      if (m) return m;
      if (Date.now() > deadline) {
        const seen = this.mails.map((x) => `${addressOf(x)}: ${x.subject}`).join('; ');
        throw new Error(`no mail to ${to} matching ${subject} (seen: ${seen})`);
      }
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

export const addressOf = (m: ParsedMail): string => {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return (to?.value[0]?.address ?? '').toLowerCase();
};

export function linkIn(m: ParsedMail): string {
  const found = /(https?:\/\/\S+token=\S+)/.exec(m.text ?? '');
  if (!found) throw new Error(`no link in the mail: ${m.text}`);
  return found[1];
}

export interface Harness {
  db: TestDatabase;
  server: RunningServer;
  api: string;
  mail: MailCatcher;
  registry: SimulatedRegistry;
  resilient: ResilientRegistry;
  clock: { now: number };
  close(): Promise<void>;
}

export async function startHarness(o: {
  until: string;
  now: string;
  rateLimit?: number;
}): Promise<Harness> {
  const db = await createTestDatabase();
  const setup = await openDatabase({ url: db.url });
  await migrate(setup);
  await importLog(setup, generatedLog({ until: o.until, children: GEN.children, seed: GEN.seed }));
  await setup.close();
  const mail = await new MailCatcher().listen();
  const registry = SimulatedRegistry.fromGenerator(GEN);
  const resilient = new ResilientRegistry(registry, {
    timeoutMs: 500,
    retries: 1,
    retryDelayMs: 10,
    openMs: 200,
  });
  const uploads = mkdtempSync(path.join(os.tmpdir(), 'kabyl-uploads-'));
  const clock = { now: parseInstant(o.now) };
  const server = await startServer({
    database: { url: db.url },
    clock: () => clock.now,
    portal: {
      registry: resilient,
      mail: smtpTransport(mail.url),
      uploadsDir: uploads,
      publicUrl: null,
      rateLimitPerMinute: o.rateLimit ?? 1000,
      intake: { retryMs: 50, maxRetryMs: 200 },
      mailWorker: { backoffMs: 50, pollMs: 100 },
      notifyThrottleMs: 20,
    },
  });
  return {
    db,
    server,
    api: `${server.url}${PORTAL_API_PREFIX}`,
    mail,
    registry,
    resilient,
    clock,
    async close() {
      await server.close();
      await mail.close();
      await db.drop();
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read over HTTP; the expects check it
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF header once it has one. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly api: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read over HTTP; the expects check it
  async call<T = any>(
    method: string,
    p: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; raw?: Buffer; contentType?: string } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...extra.headers };
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && method !== 'GET') headers[CSRF_HEADER] = this.csrf;
    let payload: string | Buffer | undefined;
    if (extra.raw) {
      payload = new Uint8Array(extra.raw) as unknown as Buffer;
      headers['content-type'] = extra.contentType ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.api}${p}`, {
      method,
      headers,
      body: payload as BodyInit | undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(set);
      if (m) this.cookie = m[1] === '' ? null : decodeURIComponent(m[1]);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON (an event stream): keep the text
    }
    const answer = { status: res.status, body: parsed as T, headers: res.headers };
    if (res.status === 200 && (parsed as { csrfToken?: string })?.csrfToken) {
      this.csrf = (parsed as { csrfToken: string }).csrfToken;
    }
    return answer;
  }
}

/** Registers a parent and sets the password by following the e-mailed link; returns a signed-in client. */
export async function registeredParent(
  h: Harness,
  who: { pin: string; email: string; language?: 'ky' | 'ru' | 'en' },
  password = 'correct horse battery',
): Promise<Client> {
  const c = new Client(h.api);
  const r = await c.call('POST', '/register', {
    pin: who.pin,
    email: who.email,
    phone: '+996 555 123 456',
    language: who.language ?? 'en',
  });
  if (r.status !== 202) throw new Error(`register: ${r.status} ${JSON.stringify(r.body)}`);
  const mail = await h.mail.waitFor(who.email, /password|Сырсөз|пароль/i);
  const token = new URL(linkIn(mail)).searchParams.get('token')!;
  const s = await c.call('POST', '/password/set', { token, password });
  if (s.status !== 200) throw new Error(`set password: ${s.status} ${JSON.stringify(s.body)}`);
  return c;
}

/** Children of the simulator who have no application in the server's log yet, with their guardian. */
export function freshChildren(
  h: Harness,
  n: number,
): { pin: string; guardianPin: string; address: string }[] {
  const engine = h.server.sequencer.state;
  const taken = new Set([...engine.applications.values()].map((a) => a.pin));
  const c = engine.campaign!;
  return h.registry
    .all()
    .filter((p) => {
      const key = Number(p.birthDate.replaceAll('-', ''));
      return !taken.has(p.pin) && key >= c.birthFrom && key <= c.birthTo;
    })
    .slice(0, n)
    .map((p) => ({ pin: p.pin, guardianPin: p.guardianPins[0], address: p.addressCode }));
}

/** An enrolled district device's token, to act as the district officer over /v1/push. */
export async function districtToken(h: Harness, districtId: string): Promise<string> {
  const { createEnrolmentCode } = await import('../../../server/auth/devices');
  const code = await createEnrolmentCode(h.server.db, districtId, `desk-${districtId}`);
  const r = await fetch(`${h.server.url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return ((await r.json()) as { token: string }).token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read over HTTP; the expects check it
export async function pushAsDistrict(h: Harness, token: string, events: unknown[]): Promise<any> {
  const r = await fetch(`${h.server.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  return r.json();
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
