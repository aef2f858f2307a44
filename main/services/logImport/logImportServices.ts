// import.choose / import.upload / import.start / import.progress: a .jsonl log into
// the open store, the file picked natively (Electron) or uploaded (harness).
import type { ImportJob, Res } from '../../../shared/ipc/contract';
import { unavailable } from '../errors';
import { requireStore, requireUser, type ServiceContext } from '../context';
import type { HeldFile } from './files';

const fileDto = (f: HeldFile) => ({ fileId: f.fileId, name: f.name, size: f.size });

export async function chooseImportFile(
  _: object,
  ctx: ServiceContext,
): Promise<Res<'import.choose'>> {
  const user = requireUser(ctx);
  const choose = ctx.app.options.chooseFile;
  if (!choose) throw unavailable('no native file dialog here: upload the file with import.upload');
  const picked = await choose();
  return {
    file: picked === null ? null : fileDto(await ctx.app.files.addChosen(user.userId, picked)),
  };
}

export async function uploadImportFile(
  req: { fileId?: string; name: string; chunk: string; done: boolean },
  ctx: ServiceContext,
): Promise<Res<'import.upload'>> {
  const user = requireUser(ctx);
  const file = await ctx.app.files.upload(user.userId, req.fileId, req.name, req.chunk, req.done);
  return { file: fileDto(file), received: file.size };
}

export function startImport(req: { fileId: string }, ctx: ServiceContext): ImportJob {
  const store = requireStore(ctx);
  const user = requireUser(ctx);
  const file = ctx.app.files.get(user.userId, req.fileId);
  if (!file.complete)
    throw unavailable('fileId: the upload is not complete (send the last chunk with done: true)');
  const job = ctx.app.imports.start(store, user.userId, file, () =>
    ctx.app.files.discard(file.fileId),
  );
  ctx.app.files.markInUse(file.fileId);
  return job;
}

export function importProgress(req: { jobId: string }, ctx: ServiceContext): ImportJob {
  return ctx.app.imports.get(requireUser(ctx).userId, req.jobId);
}
