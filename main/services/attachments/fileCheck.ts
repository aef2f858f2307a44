// What an uploaded scan is, read from its structure rather than its first bytes:
// magic bytes alone let "%PDF-1.4" followed by HTML, or a JPEG marker followed by
// SVG, through (issue 12, item 8). Each check walks the format far enough to know
// the file is what it claims to be: a PNG's IHDR with its CRC and dimensions and an
// IEND; a JPEG's segments up to a frame header with dimensions, and an end marker;
// a PDF's header, a cross-reference table or trailer, and %%EOF at the end.
// Pure functions over bytes: no I/O here.
import { crc32 } from 'node:zlib';
import type { Attachment } from '../../../shared/ipc/channels/attachments';

export type ScanType = Attachment['type'];

export const EXTENSION: Record<ScanType, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'application/pdf': '.pdf',
};

export type FileCheck = { ok: true; type: ScanType } | { ok: false; problem: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Larger than any scanner or phone produces; a bigger claim is a malformed header. */
const MAX_DIMENSION = 65_535;

export function checkScan(bytes: Buffer): FileCheck {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    return named('image/png', checkPng(bytes));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return named('image/jpeg', checkJpeg(bytes));
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-')
    return named('application/pdf', checkPdf(bytes));
  return { ok: false, problem: 'not a PNG, JPEG or PDF file (checked by its contents)' };
}

function named(type: ScanType, problem: string | null): FileCheck {
  return problem === null
    ? { ok: true, type }
    : { ok: false, problem: `${problem} (the file is not a well-formed ${type})` };
}

/** null when well-formed, else what is wrong. */
export function checkPng(b: Buffer): string | null {
  // Signature, then chunks: length(4) type(4) data crc(4). IHDR first, IEND last.
  let at = 8;
  let first = true;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.subarray(at + 4, at + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) return `PNG chunk at byte ${at}: bad chunk type`;
    if (at + 12 + length > b.length) return `PNG chunk ${type}: runs past the end of the file`;
    const crc = b.readUInt32BE(at + 8 + length);
    if (crc32(b.subarray(at + 4, at + 8 + length)) >>> 0 !== crc)
      return `PNG chunk ${type}: CRC mismatch`;
    if (first) {
      if (type !== 'IHDR' || length !== 13) return 'PNG: the first chunk is not a 13-byte IHDR';
      const width = b.readUInt32BE(at + 8);
      const height = b.readUInt32BE(at + 12);
      if (!validDimension(width) || !validDimension(height))
        return `PNG: bad dimensions ${width}x${height}`;
      first = false;
    }
    at += 12 + length;
    if (type === 'IEND') return at === b.length ? null : 'PNG: data after IEND';
  }
  return first ? 'PNG: no IHDR chunk' : 'PNG: no IEND chunk';
}

/** Start-of-frame markers (baseline, progressive, lossless...), not DHT/JPG/DAC. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function checkJpeg(b: Buffer): string | null {
  // SOI, then marker segments (FF xx, 2-byte length including itself) up to SOS;
  // a frame header (SOF) must come before it with non-zero dimensions.
  let at = 2;
  let frame = false;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return `JPEG: expected a marker at byte ${at}`;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (
      marker === 0xd8 ||
      marker === 0xd9 ||
      (marker >= 0xd0 && marker <= 0xd7) ||
      marker === 0x01
    ) {
      return `JPEG: unexpected marker FF${marker.toString(16).toUpperCase()} at byte ${at}`;
    }
    const length = b.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > b.length)
      return `JPEG: segment at byte ${at} runs past the end of the file`;
    if (SOF.has(marker)) {
      if (length < 8) return 'JPEG: frame header too short';
      const height = b.readUInt16BE(at + 5);
      const width = b.readUInt16BE(at + 7);
      if (!validDimension(width) || !validDimension(height))
        return `JPEG: bad dimensions ${width}x${height}`;
      frame = true;
    }
    if (marker === 0xda) {
      if (!frame) return 'JPEG: image data before any frame header';
      return endsWithEoi(b) ? null : 'JPEG: no end-of-image marker';
    }
    at += 2 + length;
  }
  return frame ? 'JPEG: no image data' : 'JPEG: no frame header with dimensions';
}

function endsWithEoi(b: Buffer): boolean {
  // Some cameras pad after EOI; allow a little trailing zero padding, nothing else.
  let end = b.length;
  while (end > 0 && b[end - 1] === 0x00 && b.length - end < 4096) end--;
  return end >= 2 && b[end - 2] === 0xff && b[end - 1] === 0xd9;
}

function validDimension(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION;
}

export function checkPdf(b: Buffer): string | null {
  const head = b.subarray(0, 16).toString('latin1');
  if (!/^%PDF-[12]\.\d[\r\n %]/.test(head))
    return 'PDF: bad header (expected %PDF-1.x or %PDF-2.x)';
  // %%EOF within the last 1 KiB (spec: 'the last line'; writers add a newline or a little padding).
  const tail = b.subarray(Math.max(0, b.length - 1024)).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0 || tail.slice(eof + 5).trim() !== '') return 'PDF: no %%EOF at the end';
  // startxref names the byte offset of an xref table ("xref") or stream ("N G obj ... /XRef").
  const m = /startxref\s+(\d{1,12})\s+%%EOF\s*$/.exec(tail);
  if (!m) return 'PDF: no startxref before %%EOF';
  const offset = Number(m[1]);
  if (offset <= 0 || offset >= b.length) return `PDF: startxref ${offset} is outside the file`;
  const target = b.subarray(offset, Math.min(b.length, offset + 1024)).toString('latin1');
  const table = /^\s*xref\s/.test(target);
  const stream = /^\s*\d+\s+\d+\s+obj\b[\s\S]*\/Type\s*\/XRef\b/.test(target);
  if (!table && !stream)
    return `PDF: startxref ${offset} does not point at a cross-reference table or stream`;
  if (table && !/trailer\s*<</.test(b.subarray(offset).toString('latin1')))
    return 'PDF: a cross-reference table without a trailer';
  // Script content that a browser or HTA host would run is no part of a scan.
  const text = b.toString('latin1');
  if (/<\s*(script|html|svg)\b/i.test(text)) return 'PDF: contains HTML or script markup';
  if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(text))
    return 'PDF: contains scripts, launch actions or embedded files';
  return null;
}

/** Characters never kept in a name: separators, controls, bidi overrides and isolates, zero-widths. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- controls are exactly what this strips
  /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
export const MAX_NAME_CHARS = 120;

/**
 * The name kept for a scan: its base name with separators and control or bidi
 * characters replaced, capped in length, and always ending with the extension of
 * the type read from the bytes ('scan.pdf.hta' checked as a PDF -> 'scan.pdf.hta.pdf';
 * that is honest about both). Every download uses this name.
 */
export function safeScanName(name: string, type: ScanType): string {
  const ext = EXTENSION[type];
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let clean = base
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const lower = clean.toLowerCase();
  const alreadyExt = lower.endsWith(ext) || (type === 'image/jpeg' && lower.endsWith('.jpeg'));
  if (alreadyExt) clean = clean.slice(0, clean.lastIndexOf('.'));
  if (clean === '') clean = 'scan';
  const kept = [...clean]
    .slice(0, MAX_NAME_CHARS - ext.length)
    .join('')
    .replace(/[.\s]+$/g, '');
  return (kept || 'scan') + ext;
}
