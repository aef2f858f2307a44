// The cabinet: children, schools, drafts, documents, applications and their live status.
import type { FastifyInstance } from 'fastify';
import {
  AddChildRequest,
  type ApplicationView,
  ApplyRequest,
  type Cabinet,
  type ChildView,
  Choice,
  type Draft,
  IDEMPOTENCY_HEADER,
  MAX_DOCUMENT_BYTES,
  Pin,
  SSE_EVENT,
  SchoolsQuery,
  TransferRequest,
} from '../../../shared/portal/contract';
import { toAccount } from '../accounts/accounts';
import { requestChange, ownApplication } from '../applications/actions';
import { campaignInfo, requireCampaign, requireOpenStage } from '../applications/campaign';
import { type ChildRow, addChild, childOf } from '../applications/children';
import { listSchools } from '../applications/schools';
import type { ApplicationRow } from '../applications/store';
import { applicationView, receiptOf } from '../applications/view';
import { UnsupportedDocument } from '../documents/store';
import { PortalFailure, fieldFailure } from '../errors';
import type { Portal } from '../portal';
import type { Guard } from './plugin';
import { SECURITY_HEADERS } from './security';
import { parseOrFail } from './validate';

export function applicationRoutes(app: FastifyInstance, portal: Portal, guard: Guard): void {
  const { db, sequencer, clock } = portal.o;
  const engine = () => sequencer.state;
  // Open event streams end when the server closes, or closing would wait for them for ever.
  const streams = new Set<import('node:http').ServerResponse>();
  app.addHook('preClose', async () => {
    for (const r of streams) r.end();
  });

  app.get('/campaign', async () => campaignInfo(requireCampaign(engine()), clock()));

  const childView = async (c: ChildRow, apps: ApplicationRow[]): Promise<ChildView> => {
    const camp = engine().campaign;
    const key = Number(c.birth_date.replaceAll('-', ''));
    const [draft] = await db.query<{ choice: string; updated_at: Date }>(
      'SELECT choice, updated_at FROM portal_drafts WHERE account_id = $1 AND child_pin = $2',
      [c.account_id, c.pin],
    );
    return {
      pin: c.pin,
      lastName: c.last_name,
      firstName: c.first_name,
      patronymic: c.patronymic,
      birthDate: c.birth_date,
      address: c.address_text,
      registry: c.address_code ? 'confirmed' : 'pending',
      eligible: camp !== null && key >= camp.birthFrom && key <= camp.birthTo,
      draft: draft ? draftView(c.pin, draft.choice, draft.updated_at) : null,
      applications: apps
        .filter((r) => r.child_pin === c.pin)
        .sort((x, y) => Number(y.position) - Number(x.position))
        .map((r) => applicationView(r, engine(), clock())),
    };
  };

  const draftView = (pin: string, raw: string, at: Date): Draft => {
    const ch = JSON.parse(raw) as Choice;
    return {
      childPin: pin,
      schoolId: ch.schoolId,
      schoolName: engine().schools.get(ch.schoolId)?.name ?? ch.schoolId,
      language: ch.language,
      privilege: ch.privilege ?? null,
      actualAddress: ch.actualAddress ?? null,
      updatedAt: at.toISOString(),
    };
  };

  app.get('/cabinet', async (req): Promise<Cabinet> => {
    const p = await guard(req);
    const id = p.account.account_id;
    const children = await db.query<ChildRow>(
      'SELECT * FROM portal_children WHERE account_id = $1 ORDER BY added_at, pin',
      [id],
    );
    const apps = await db.query<ApplicationRow>('SELECT * FROM portal_applications WHERE account_id = $1', [id]);
    const views: ChildView[] = [];
    for (const c of children) views.push(await childView(c, apps));
    return { account: toAccount(p.account), children: views };
  });

  app.post('/children', async (req, reply) => {
    const p = await guard(req);
    const { pin } = parseOrFail(AddChildRequest, req.body);
    const row = await addChild(db, portal.registry, engine(), p.account, pin);
    return reply.code(201).send(await childView(row, []));
  });

  app.put('/children/:pin/draft', async (req) => {
    const p = await guard(req);
    const pin = parseOrFail(Pin, (req.params as { pin: string }).pin);
    const choice = parseOrFail(Choice, req.body);
    await childOf(db, p.account.account_id, pin);
    checkChoice(choice);
    await portal.intake.checkPrivilege(p.account.account_id, choice);
    const [r] = await db.query<{ updated_at: Date }>(
      `INSERT INTO portal_drafts (account_id, child_pin, choice) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, child_pin) DO UPDATE SET choice = $3, updated_at = now() RETURNING updated_at`,
      [p.account.account_id, pin, JSON.stringify(choice)],
    );
    return draftView(pin, JSON.stringify(choice), r.updated_at);
  });

  app.delete('/children/:pin/draft', async (req, reply) => {
    const p = await guard(req);
    const pin = parseOrFail(Pin, (req.params as { pin: string }).pin);
    await db.query('DELETE FROM portal_drafts WHERE account_id = $1 AND child_pin = $2', [p.account.account_id, pin]);
    return reply.code(204).send();
  });

  const checkChoice = (choice: Choice) => {
    const e = engine();
    const school = e.schools.get(choice.schoolId);
    if (!school) throw fieldFailure('schoolId', 'invalid_value', 'no such school');
    if (!e.stream(choice.schoolId, choice.language)) {
      throw fieldFailure('language', 'invalid_value', 'this school has no stream in this language');
    }
  };

  app.get('/schools', async (req) => {
    const p = await guard(req);
    const q = parseOrFail(SchoolsQuery, req.query);
    const child = await childOf(db, p.account.account_id, q.childPin);
    const stage = requireOpenStage(requireCampaign(engine()), clock());
    return listSchools(engine(), stage, child.address_code, q);
  });

  for (const type of ['application/pdf', 'image/jpeg', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.post('/documents', { bodyLimit: MAX_DOCUMENT_BYTES }, async (req, reply) => {
    const p = await guard(req);
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw fieldFailure('file', 'required', 'send the file as the body');
    try {
      return reply.code(201).send(await portal.documents.save(p.account.account_id, body));
    } catch (e) {
      if (e instanceof UnsupportedDocument) {
        throw new PortalFailure('unsupported_media_type', e.message, {
          fields: [{ field: 'file', code: 'file_type', message: 'only PDF or JPEG files are accepted' }],
        });
      }
      throw e;
    }
  });

  app.post('/applications', async (req, reply) => {
    const p = await guard(req);
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || key === '') {
      throw fieldFailure('Idempotency-Key', 'required', 'send an Idempotency-Key header, the same on every retry');
    }
    const body = parseOrFail(ApplyRequest, req.body);
    if (body.choice) checkChoice(body.choice);
    const row = await portal.intake.apply(p.account, key, body);
    return reply.code(202).send(receiptOf(row, engine(), clock()));
  });

  app.get('/applications/:id', async (req) => {
    const p = await guard(req);
    const row = await ownApplication(db, p.account.account_id, (req.params as { id: string }).id);
    return applicationView(row, engine(), clock());
  });

  app.post('/applications/:id/withdraw', async (req) => {
    const p = await guard(req);
    const row = await ownApplication(db, p.account.account_id, (req.params as { id: string }).id);
    await requestChange(sequencer, row, p.account.account_id, clock(), { type: 'application.withdrawn' });
    return applicationView(row, engine(), clock());
  });

  app.post('/applications/:id/transfer', async (req) => {
    const p = await guard(req);
    const row = await ownApplication(db, p.account.account_id, (req.params as { id: string }).id);
    const t = parseOrFail(TransferRequest, req.body);
    await requestChange(sequencer, row, p.account.account_id, clock(), {
      type: 'application.transfer_requested',
      schoolId: t.schoolId,
      language: t.language,
    });
    return applicationView(row, engine(), clock());
  });

  // Live status: Server-Sent Events, one `application` event now and after every change.
  app.get('/applications/:id/events', async (req, reply) => {
    const p = await guard(req);
    const id = (req.params as { id: string }).id;
    await ownApplication(db, p.account.account_id, id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    streams.add(res);
    let last = '';
    let busy = false;
    const send = async () => {
      if (busy) return;
      busy = true;
      try {
        const row = await ownApplication(db, p.account.account_id, id);
        const json = JSON.stringify(applicationView(row, engine(), clock()) satisfies ApplicationView);
        if (json !== last) {
          last = json;
          res.write(`event: ${SSE_EVENT}\ndata: ${json}\n\n`);
        }
      } catch {
        // the database is away for a moment: the next change or heartbeat tries again
      } finally {
        busy = false;
      }
    };
    const off = sequencer.onCommit(() => void send());
    portal.intake.events.on('change', send);
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n');
      void send(); // the clock alone can change a status (the documents deadline)
    }, 25_000);
    req.raw.on('close', () => {
      streams.delete(res);
      off();
      portal.intake.events.off('change', send);
      clearInterval(heartbeat);
    });
    await send();
  });
}
