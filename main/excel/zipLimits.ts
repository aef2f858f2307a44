// Checks an .xlsx (a zip) against WORKBOOK_LIMITS before any parser sees it:
// first the central directory's declared entry count and sizes, then every
// part inflated with a cap of its declared size (a part that unpacks to more
// than it declares is refused at the cap, never unpacked whole), counting the
// worksheets' rows on the way. Runs in the workbook worker (workbookWorker.ts).
import { inflateRawSync } from 'node:zlib';
import type { WorkbookLimits } from '../../shared/excelImport/limits';

export type LimitReason = 'too_many_entries' | 'workbook_too_large' | 'too_many_rows';

/** The workbook breaks a limit: `value` says by how much, for the person who sent it. */
export class WorkbookLimitError extends Error {
  constructor(
    readonly reason: LimitReason,
    readonly value: string,
  ) {
    super(`${reason}: ${value}`);
  }
}

/** Not a zip this reader accepts (Excel never writes ZIP64 or other methods for a workbook). */
export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MIB = 1024 * 1024;

const mib = (n: number) => `${(n / MIB).toFixed(1)} MB`;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

function centralDirectory(buf: Buffer): { count: number; offset: number; size: number } {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) !== EOCD) continue;
    const count = buf.readUInt16LE(i + 10);
    const size = buf.readUInt32LE(i + 12);
    const offset = buf.readUInt32LE(i + 16);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
      throw new ZipFormatError('ZIP64 workbooks are not read');
    if (offset + size > i) throw new ZipFormatError('the central directory lies outside the file');
    return { count, offset, size };
  }
  throw new ZipFormatError('not a zip file');
}

function entries(buf: Buffer, limits: WorkbookLimits): Entry[] {
  const cd = centralDirectory(buf);
  if (cd.count > limits.maxEntries)
    throw new WorkbookLimitError('too_many_entries', String(cd.count));
  const out: Entry[] = [];
  let declared = 0;
  let at = cd.offset;
  const end = cd.offset + cd.size;
  while (at < end) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL)
      throw new ZipFormatError('a damaged central directory');
    // The count in the end record can lie; the directory walked is what a parser sees.
    if (out.length >= limits.maxEntries)
      throw new WorkbookLimitError('too_many_entries', `> ${limits.maxEntries}`);
    const nameLength = buf.readUInt16LE(at + 28);
    const entry: Entry = {
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressed === 0xffffffff)
      throw new ZipFormatError('ZIP64 workbooks are not read');
    declared += entry.size;
    if (declared > limits.maxUnpackedBytes)
      throw new WorkbookLimitError('workbook_too_large', `> ${mib(declared)}`);
    out.push(entry);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

function partData(buf: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw new ZipFormatError(`${e.name}: a damaged local header`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressed > buf.length) throw new ZipFormatError(`${e.name}: cut short`);
  return buf.subarray(start, start + e.compressed);
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/** `<row` followed by a space, `>` or `/`: one worksheet row. */
function countRows(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const c = xml[i + 4];
    if (c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d) n++;
  }
  return n;
}

/** Throws WorkbookLimitError or ZipFormatError; returns the rows counted when the workbook is within limits. */
export function checkWorkbookZip(
  buf: Buffer,
  limits: WorkbookLimits,
): { entries: number; unpackedBytes: number; rows: number } {
  const list = entries(buf, limits);
  let unpacked = 0;
  let rows = 0;
  for (const e of list) {
    let data: Buffer;
    if (e.method === 0) data = partData(buf, e);
    else if (e.method === 8) {
      try {
        // One byte over the declared size is enough to know it lied.
        data = inflateRawSync(partData(buf, e), { maxOutputLength: Math.max(1, e.size + 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new WorkbookLimitError(
            'workbook_too_large',
            `${e.name} unpacks to more than the ${mib(e.size)} it declares`,
          );
        }
        throw new ZipFormatError(`${e.name}: ${(err as Error).message}`);
      }
    } else throw new ZipFormatError(`${e.name}: compression method ${e.method} is not read`);
    if (data.length !== e.size)
      throw new ZipFormatError(
        `${e.name}: unpacks to ${data.length} bytes, not the ${e.size} declared`,
      );
    unpacked += data.length;
    if (WORKSHEET.test(e.name)) {
      rows += countRows(data);
      if (rows > limits.maxRows)
        throw new WorkbookLimitError('too_many_rows', `> ${limits.maxRows}`);
    }
  }
  return { entries: list.length, unpackedBytes: unpacked, rows };
}
