// What an uploaded file really is, by its first bytes: the declared type and
// the file name are the sender's claim and are ignored (a .exe renamed .pdf
// starts with "MZ" and is refused).
import type { DOCUMENT_TYPES } from '../../../shared/portal/contract';

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function sniffDocument(bytes: Uint8Array): DocumentType | null {
  // PDF: "%PDF-" (ISO 32000 allows up to 1024 bytes of junk before it; phones and scanners don't write any).
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  // JPEG: SOI marker FF D8 followed by another marker FF.
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
