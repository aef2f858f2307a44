// The privilege document checked on the phone before it is sent: the same limits as the
// server's (which sniffs the bytes again), so a parent on a slow link does not upload 20 MB
// only to hear it was too large.
import { MAX_DOCUMENT_BYTES } from '../../../shared/portal/contract';

/** FIELD_CODES code of the file's problem, or null when it is a PDF or JPEG within the size. */
export async function checkDocument(file: File): Promise<string | null> {
  if (file.size > MAX_DOCUMENT_BYTES) return 'file_too_large';
  if (file.size === 0) return 'required';
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  const pdf = head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46;
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return pdf || jpeg ? null : 'file_type';
}
