// Hands a browser File to main in order, chunk by chunk (import.upload), when main
// cannot open the file itself (the harness has no native dialog). Chunks are cut on
// bytes and decoded as a stream, so a multi-byte letter split between two slices
// arrives whole.
import { api, type ApiError, type Res } from '../../bridge';

/** Well under the contract's 4 MiB per chunk, even if every byte became one UTF-16 unit. */
const CHUNK_BYTES = 2 * 1024 * 1024;

export type UploadedFile = Res<'import.upload'>['file'];

export async function uploadFile(
  file: File,
  onProgress: (sentBytes: number) => void,
): Promise<{ ok: true; file: UploadedFile } | { ok: false; error: ApiError }> {
  const decoder = new TextDecoder('utf-8');
  let fileId: string | undefined;
  let offset = 0;
  // An empty file is still one (empty, final) chunk, so the loop runs at least once.
  for (;;) {
    const end = Math.min(offset + CHUNK_BYTES, file.size);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    const done = end >= file.size;
    const chunk = decoder.decode(bytes, { stream: !done });
    const result = await api['import.upload']({ fileId, name: file.name, chunk, done });
    if (!result.ok) return result;
    fileId = result.value.file.fileId;
    offset = end;
    onProgress(offset);
    if (done) return { ok: true, file: result.value.file };
  }
}
