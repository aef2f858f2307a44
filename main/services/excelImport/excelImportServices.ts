// excelImport.template / upload / preview / confirm: the district workbook
// (schools, catchments, quotas) from Excel into the log. Nothing is written
// until the whole file is clean and the officer confirms; the confirm plans
// again against the district as it is at that moment and writes only if that
// plan is the one the preview showed, in one transaction through recordAll.
import { randomBytes } from 'node:crypto';
import type { Res } from '../../../shared/ipc/contract';
import type { ImportIssueDto, ImportPreview } from '../../../shared/ipc/channels/excelImport';
import type { Engine } from '../../../shared/engine/engine';
import { streamKey } from '../../../shared/engine/model';
import { districtModelFromEngine } from '../../../shared/excelImport/fromEngine';
import type { ImportIssue } from '../../../shared/excelImport/issues';
import { planImport, type ImportPlan } from '../../../shared/excelImport/planImport';
import type { Lang } from '../../../shared/reports/labels';
import { readWorkbookOffThread } from '../../excel/workbookJob';
import { templateXlsxBuffer } from '../../excel/writeTemplate';
import { refused, ServiceError } from '../errors';
import type { WorkbookUpload } from './workbookUploads';
import { requireStore, requireUser, type ServiceContext } from '../context';
import { recordAll, type Draft } from '../events/recordEvents';
import { eventInstant } from '../clock/storeClock';

/** A district workbook of 2,200 schools is a few hundred KB; this is room to spare. */
const MAX_UPLOAD = 32 * 1024 * 1024;
const LISTED_CHANGES = 500;

function held(ctx: ServiceContext, uploadId: string): WorkbookUpload {
  const user = requireUser(ctx);
  const up = ctx.app.workbookUploads.get(uploadId);
  if (!up || up.owner !== user.userId)
    throw new ServiceError('not_found', `uploadId: no workbook ${uploadId} held for this session`);
  if (!up.complete)
    throw new ServiceError(
      'unavailable',
      'uploadId: the upload is not complete (send the last piece with done: true)',
    );
  return up;
}

export async function templateDownload(
  req: { lang: Lang; prefilled: boolean },
  ctx: ServiceContext,
): Promise<Res<'excelImport.template'>> {
  requireUser(ctx);
  const model = req.prefilled
    ? districtModelFromEngine(await requireStore(ctx).engine())
    : undefined;
  const bytes = await templateXlsxBuffer(req.lang, model);
  return {
    fileName: `kabyl-district-${req.prefilled ? 'current' : 'template'}-${req.lang}.xlsx`,
    base64: bytes.toString('base64'),
  };
}

export function uploadWorkbook(
  req: { uploadId?: string; name: string; chunk: string; done: boolean },
  ctx: ServiceContext,
): Res<'excelImport.upload'> {
  const user = requireUser(ctx);
  const map = ctx.app.workbookUploads;
  let up: WorkbookUpload;
  let uploadId = req.uploadId;
  if (uploadId === undefined) {
    // one workbook per user at a time: a new upload replaces the last one
    for (const [id, u] of map) if (u.owner === user.userId) map.delete(id);
    uploadId = randomBytes(12).toString('base64url');
    up = {
      owner: user.userId,
      name: req.name,
      pieces: [],
      size: 0,
      complete: false,
      previewed: null,
    };
    map.set(uploadId, up);
  } else {
    const found = map.get(uploadId);
    if (!found || found.owner !== user.userId)
      throw new ServiceError(
        'not_found',
        `uploadId: no workbook ${uploadId} held for this session`,
      );
    if (found.complete)
      throw new ServiceError('invalid_request', 'uploadId: this upload is already complete');
    up = found;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(req.chunk) || req.chunk.length % 4 !== 0)
    throw new ServiceError('invalid_request', 'chunk: not base64 (whole 4-character groups)');
  const bytes = Buffer.from(req.chunk, 'base64');
  if (up.size + bytes.length > MAX_UPLOAD) {
    map.delete(uploadId);
    throw new ServiceError('invalid_request', `chunk: the workbook exceeds ${MAX_UPLOAD} bytes`);
  }
  up.pieces.push(bytes);
  up.size += bytes.length;
  up.complete = req.done;
  return { uploadId, received: up.size };
}

const issueDto = (i: ImportIssue): ImportIssueDto => ({ ...i, reason: i.reason });

/** The plan as its events' types and payloads, without ids or times: what "the same plan" means. */
const fingerprint = (plan: ImportPlan) => JSON.stringify(plan.events.map((e) => [e.type, e.data]));

async function planFor(
  ctx: ServiceContext,
  up: WorkbookUpload,
): Promise<{ preview: ImportPreview; plan: ImportPlan | null }> {
  const store = requireStore(ctx);
  // Off the main thread, within WORKBOOK_LIMITS: a decompression bomb costs the worker, not the app.
  const read = await readWorkbookOffThread(Buffer.concat(up.pieces));
  if (!read.ok)
    return {
      preview: {
        clean: false,
        fileName: up.name,
        errors: read.errors.map(issueDto),
        warnings: read.warnings.map(issueDto),
      },
      plan: null,
    };
  const engine = await store.engine();
  // at/actor/ids here are placeholders: recordAll stamps the events it writes with
  // the store's clock, the signed-in actor and fresh ids.
  const plan = planImport(engine, read.model, {
    at: await eventInstant(store),
    actor: ctx.actor ?? { role: 'district', id: '' },
  });
  return {
    plan,
    preview: {
      clean: true,
      fileName: up.name,
      warnings: read.warnings.map(issueDto),
      counts: plan.counts,
      changes: describeChanges(engine, plan).slice(0, LISTED_CHANGES),
      events: plan.events.length,
      notices: plan.notices.map((n) => ({
        kind: n.kind,
        schoolId: n.schoolId,
        language: 'language' in n ? n.language : null,
        classes: 'classes' in n ? n.classes : null,
      })),
    },
  };
}

function describeChanges(
  engine: Engine,
  plan: ImportPlan,
): Extract<ImportPreview, { clean: true }>['changes'] {
  return plan.events.map((e) => {
    const base = {
      name: null,
      language: null,
      seats: null,
      seatsBefore: null,
      classes: null,
      addresses: null,
    };
    switch (e.type) {
      case 'school.registered':
        return {
          ...base,
          type: e.type,
          change: engine.schools.has(e.data.schoolId) ? 'changed' : 'added',
          schoolId: e.data.schoolId,
          name: e.data.name,
        };
      case 'catchment.set':
        return {
          ...base,
          type: e.type,
          change: engine.schools.has(e.data.schoolId) ? 'changed' : 'added',
          schoolId: e.data.schoolId,
          addresses: e.data.addresses,
        };
      default: {
        if (e.type !== 'quota.set') throw new Error(`planImport planned a ${e.type}`);
        const before = engine.streams.get(streamKey(e.data.schoolId, e.data.language));
        const classes = (e.data as { classes?: number }).classes;
        return {
          ...base,
          type: e.type,
          change: before ? 'changed' : 'added',
          schoolId: e.data.schoolId,
          language: e.data.language,
          seats: e.data.seats,
          seatsBefore: before ? before.quota : null,
          classes: classes ?? null,
        };
      }
    }
  });
}

export async function previewWorkbook(
  req: { uploadId: string },
  ctx: ServiceContext,
): Promise<Res<'excelImport.preview'>> {
  const up = held(ctx, req.uploadId);
  const { preview, plan } = await planFor(ctx, up);
  up.previewed = plan ? fingerprint(plan) : null;
  return preview;
}

export async function confirmWorkbook(
  req: { uploadId: string },
  ctx: ServiceContext,
): Promise<Res<'excelImport.confirm'>> {
  const up = held(ctx, req.uploadId);
  if (up.previewed === null)
    throw new ServiceError(
      'unavailable',
      'uploadId: preview a clean workbook before confirming it',
    );
  const { plan } = await planFor(ctx, up);
  if (!plan || fingerprint(plan) !== up.previewed) {
    up.previewed = null;
    throw refused(
      'import_stale',
      'the district changed since the preview: preview the workbook again',
    );
  }
  const drafts = plan.events.map((e) => ({ type: e.type, data: e.data }) as Draft);
  await recordAll(ctx, drafts);
  ctx.app.workbookUploads.delete(req.uploadId);
  return { written: drafts.length, counts: plan.counts };
}
