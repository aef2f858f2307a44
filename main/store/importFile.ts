// Importing a .jsonl log into the store: the whole file in one transaction, so a
// malformed line (named by its number) or a crash leaves the store as it was.
import { open } from 'node:fs/promises';
import { LogError, parseEventLine } from '../../shared/log/parseLine';
import { ByteLines } from './byteLines';
import type { LogWriter } from './log/logWriter';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  linesRead: number;
  /** events newly stored (refused ones included: a refusal is an outcome) */
  eventsAdded: number;
  /** lines skipped because their event id is already in the store (or earlier in the file) */
  duplicates: number;
}

export interface ImportResult extends ImportProgress {
  /** of eventsAdded, how many the engine refused */
  refused: number;
  /** the seq of the first and last stored event, or null when nothing was new */
  firstSeq: number | null;
  lastSeq: number | null;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** bytes read per chunk (tests use small ones) */
  chunkBytes?: number;
  /** from this file size on, indexes are dropped during the load and rebuilt at the end */
  bulkBytes?: number;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('the import was cancelled; nothing was written');
  }
}

const DEFAULT_CHUNK = 1 << 20;
/** about 50k events: below it, updating the indexes row by row is cheaper than rebuilding them */
const BULK_BYTES = 16 << 20;

export async function importLogFile(
  writer: LogWriter,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const file = await open(path, 'r');
  try {
    const totalBytes = (await file.stat()).size;
    return await writer.transaction(async (tx) => {
      const firstSeq = tx.head.seq + 1;
      if (totalBytes >= (options.bulkBytes ?? BULK_BYTES)) await tx.bulkLoad();
      const progress: ImportProgress = {
        bytesRead: 0,
        totalBytes,
        linesRead: 0,
        eventsAdded: 0,
        duplicates: 0,
      };
      // Each line is decoded on its own: no megabyte strings in V8's
      // large-object space (see main/cli/readLines.ts), and its bytes go to the
      // store as they are.
      const split = new ByteLines((text, bytes) => {
        const n = ++progress.linesRead;
        if (isBlank(text)) return;
        tx.add(parseEventLine(text, n), text, n, bytes);
      });
      const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
      for (;;) {
        if (options.signal?.aborted) throw new ImportCancelledError();
        // A fresh buffer per read: the lines' bytes are slices of it until their batch is packed.
        const buf = Buffer.allocUnsafe(chunkBytes);
        const { bytesRead } = await file.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        split.push(buf.subarray(0, bytesRead));
        progress.bytesRead += bytesRead;
        progress.eventsAdded = tx.added;
        progress.duplicates = tx.duplicates;
        options.onProgress?.({ ...progress });
        await tx.pump();
      }
      split.end();
      if (tx.engine.campaign === null)
        throw new LogError(
          'the log is empty: it must begin with campaign.opened',
          progress.linesRead + 1,
        );
      if (options.signal?.aborted) throw new ImportCancelledError();
      progress.eventsAdded = tx.added;
      progress.duplicates = tx.duplicates;
      options.onProgress?.({ ...progress });
      return {
        ...progress,
        refused: tx.refused,
        firstSeq: tx.added > 0 ? firstSeq : null,
        lastSeq: tx.added > 0 ? tx.head.seq : null,
      };
    });
  } finally {
    await file.close();
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
