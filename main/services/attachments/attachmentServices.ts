// Scans attached to privilege claims and commission cases. The bytes are stored
// once per content under <dataDir>/attachments/<sha256>; which subject a file
// belongs to is recorded in the store (a setting per subject) while the claim is
// pending or the case open, and the deciding event then carries the hashes into
// the log (docs/privileges-and-commission.md). The type is read from the bytes,
// never from the file name, and checked by structure (fileCheck.ts): a renamed
// executable or a script behind a PDF header is not a scan.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Req, Res } from '../../../shared/ipc/contract';
import { ATTACHMENT_MAX_BYTES, type Attachment } from '../../../shared/ipc/channels/attachments';
import { forbidden, invalid, notFound, refused } from '../errors';
import type { AppPort } from '../appPort';
import { checkScan, safeScanName } from './fileCheck';
import { requireStore, requireUser, schoolScope, type ServiceContext } from '../context';
import { eventInstant } from '../clock/storeClock';
import type { Subject } from './attachmentUploads';

export type { Subject } from './attachmentUploads';
type AttachmentType = Attachment['type'];

const settingKey = (s: Subject) => `attachments:${s.kind}:${s.id}`;

/** The data folder's attachment directory: content-addressed files, never overwritten. */
export const attachmentDir = (app: AppPort) => path.join(app.dataDir, 'attachments');

/** PNG, JPEG or PDF by their structure (fileCheck.ts); null for anything else. */
export function sniffType(bytes: Buffer): AttachmentType | null {
  const checked = checkScan(bytes);
  return checked.ok ? checked.type : null;
}

export async function subjectAttachments(
  ctx: ServiceContext,
  subject: Subject,
): Promise<Attachment[]> {
  const raw = await requireStore(ctx).getSetting(settingKey(subject));
  return raw === null ? [] : withSafeNames(JSON.parse(raw) as Attachment[]);
}

/** Every subject's attachments of one kind in one read: the lists screens show. */
export async function attachmentsByKind(
  ctx: ServiceContext,
  kind: Subject['kind'],
): Promise<Map<string, Attachment[]>> {
  const prefix = `attachments:${kind}:`;
  const out = new Map<string, Attachment[]>();
  for (const [key, value] of Object.entries(await requireStore(ctx).settingsWithPrefix(prefix))) {
    out.set(key.slice(prefix.length), withSafeNames(JSON.parse(value) as Attachment[]));
  }
  return out;
}

/** Lists stored before names were made safe are shown and downloaded with safe names too. */
function withSafeNames(list: Attachment[]): Attachment[] {
  return list.map((a) => ({ ...a, name: safeScanName(a.name, a.type) }));
}

/**
 * The subject exists, the caller's role handles it, and a director only reaches
 * claims of their own school. `forWrite`: the claim must still be pending, the case open.
 */
export async function checkSubject(
  ctx: ServiceContext,
  subject: Subject,
  forWrite: boolean,
): Promise<void> {
  const user = requireUser(ctx);
  const engine = await requireStore(ctx).engine();
  // Existence first, then the role, like the director's school check: an unknown id
  // is not_found for everyone (the role tables' tests call with unknown ids).
  if (subject.kind === 'claim') {
    const a = engine.applications.get(subject.id);
    if (!a) throw notFound(`subject.id: no application ${subject.id}`);
    if (user.role === 'commission')
      throw forbidden('commission members do not review privilege claims');
    const scope = schoolScope(ctx);
    if (scope !== null && a.schoolId !== scope)
      throw forbidden('subject.id: the application belongs to another school');
    if (forWrite && a.privilege !== 'pending') throw refused('no_pending_privilege');
  } else {
    const c = engine.cases.get(subject.id);
    if (!c) throw notFound(`subject.id: no case ${subject.id}`);
    if (user.role === 'director') throw forbidden('directors do not handle commission cases');
    if (forWrite && c.status !== 'open') throw refused('case_closed');
  }
}

export async function uploadAttachment(
  req: Req<'attachments.upload'>,
  ctx: ServiceContext,
): Promise<Res<'attachments.upload'>> {
  const user = requireUser(ctx);
  const subject = req.subject as Subject;
  await checkSubject(ctx, subject, true);
  const bytes = Buffer.from(req.chunk, 'base64');
  const [uploadId, upload] = ctx.app.attachmentUploads.add(
    ctx.session.callerId,
    req.uploadId,
    subject,
    req.name,
    bytes,
    ATTACHMENT_MAX_BYTES,
  );
  if (!req.done) return { uploadId, received: upload.size, attachment: null };

  ctx.app.attachmentUploads.finish(uploadId);
  const all = Buffer.concat(upload.chunks);
  if (all.length === 0) throw invalid('chunk: the file is empty');
  const checked = checkScan(all);
  if (!checked.ok) throw invalid(`chunk: ${checked.problem}`);
  const type = checked.type;
  const hash = createHash('sha256').update(all).digest('hex');
  await storeBytes(ctx.app, hash, all);

  const store = requireStore(ctx);
  // The list is one settings row: read, add, write under the subject's lock, or two
  // uploads finishing together each drop the other's link.
  const attachment = await ctx.app.locks.run(settingKey(subject), async () => {
    const list = await subjectAttachments(ctx, subject);
    const known = list.find((a) => a.hash === hash);
    if (known) return known;
    const added: Attachment = {
      hash,
      name: safeScanName(upload.name, type),
      type,
      size: all.length,
      addedBy: user.username,
      addedAt: await eventInstant(store),
    };
    list.push(added);
    await store.setSetting(settingKey(subject), JSON.stringify(list));
    return added;
  });
  return { uploadId, received: upload.size, attachment };
}

/** Writes the file unless that content is already there (temp file + rename: never a half file under the hash). */
async function storeBytes(app: AppPort, hash: string, bytes: Buffer): Promise<void> {
  const dir = attachmentDir(app);
  const file = path.join(dir, hash);
  try {
    await stat(file);
    return;
  } catch {
    // not stored yet
  }
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

export async function getAttachment(
  req: Req<'attachments.get'>,
  ctx: ServiceContext,
): Promise<Res<'attachments.get'>> {
  const subject = req.subject as Subject;
  await checkSubject(ctx, subject, false);
  // Only a hash linked to this subject is served: knowing a hash is not a key to it.
  const attachment = (await subjectAttachments(ctx, subject)).find((a) => a.hash === req.hash);
  if (!attachment) throw notFound('hash: no such attachment on this subject');
  const bytes = await readFile(path.join(attachmentDir(ctx.app), attachment.hash)).catch(() => {
    throw notFound('hash: the file is missing from the data folder');
  });
  return { attachment, base64: bytes.toString('base64') };
}

/** What a deciding event records of a subject's attachments: hash, name and type. */
export async function attachmentRefs(
  ctx: ServiceContext,
  subject: Subject,
): Promise<{ hash: string; name: string; type: string }[]> {
  // Under the subject's lock: an upload being linked right now is in the list the event names.
  const list = await ctx.app.locks.run(settingKey(subject), () => subjectAttachments(ctx, subject));
  return list.map((a) => ({ hash: a.hash, name: a.name, type: a.type }));
}
