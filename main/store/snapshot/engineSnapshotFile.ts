// The engine, persisted next to the store so a reopened republic-sized store
// does not replay 400k events before its first write.
//
// The file is a cache, never a source of truth: it names the log position it is
// the fold of (seq and that event's hash), the engine code that folded it (a
// fingerprint of the rules' source) and a CRC-32 of its payload. Anything that
// does not match (a damaged file, another engine, a log rewritten under it)
// makes the loader answer "no snapshot", and the writer replays the log instead.
//
// Layout: one JSON header line; then the payload: a JSON line (the small parts
// and the layout) followed by raw segments, one per text column of the big
// lists (applications, cases, ids seen), so most strings come back by a split
// rather than a JSON parse (see Columns).
import { createHash } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { Catchment } from '../../../shared/engine/catchment';
import { Engine, type EngineSnapshot } from '../../../shared/engine/engine';

const FORMAT = 'kabyl-engine-snapshot';
/** bump when the file layout (not the engine) changes */
export const SNAPSHOT_FILE_VERSION = 1;

export interface SnapshotHead {
  /** the last event folded in */
  seq: number;
  /** that event's chain hash: the same seq with another hash is another log */
  hash: string;
}

interface Header extends SnapshotHead {
  format: typeof FORMAT;
  version: number;
  engine: string;
  bytes: number;
  crc32: number;
}

export type SnapshotLoad =
  | { ok: true; head: SnapshotHead; engine: Engine }
  | { ok: false; reason: 'missing' | 'unreadable' | 'version' | 'engine' | 'checksum' };

/** Where a store's snapshot lives: beside the SQLite file, like its -wal and -shm. */
export function snapshotPathOf(storeFile: string): string {
  return `${storeFile}-engine`;
}

let fingerprint: string | null = null;

/**
 * A digest of the code that decides: the Engine's and Catchment's methods as
 * this build holds them. A release that changes a rule changes it, and its
 * first start replays rather than trust state folded by the old rules.
 */
export function engineFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const h = createHash('sha256');
  for (const cls of [Engine, Catchment] as { prototype: object; toString(): string }[]) {
    h.update(cls.toString());
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      const d = Object.getOwnPropertyDescriptor(cls.prototype, name);
      h.update(name).update(String(d?.value ?? d?.get ?? ''));
    }
  }
  fingerprint = h.digest('hex').slice(0, 32);
  return fingerprint;
}

/**
 * A list of records as columns. A column whose values are all strings (or null)
 * and hold neither separator is one raw UTF-8 segment of values joined by US
 * (0x1f), null written as RS (0x1e): String#split turns 200k of them back into
 * strings several times faster than JSON.parse can. Any other column is JSON.
 */
interface Columns {
  count: number;
  columns: { key: string; segment?: number; json?: unknown[] }[];
}

const SEP = '\x1f';
const NUL = '\x1e';

class Segments {
  readonly parts: Buffer[] = [];
  add(text: string): number {
    this.parts.push(Buffer.from(text, 'utf8'));
    return this.parts.length - 1;
  }
}

function toColumns(items: readonly object[], segments: Segments): Columns {
  const keys = items.length > 0 ? Object.keys(items[0]!) : [];
  const columns = keys.map((key) => {
    const values = items.map((item) => (item as Record<string, unknown>)[key]);
    return joinable(values)
      ? { key, segment: segments.add(values.map((v) => v ?? NUL).join(SEP)) }
      : { key, json: values };
  });
  return { count: items.length, columns };
}

function joinable(values: unknown[]): values is (string | null)[] {
  for (const v of values) {
    if (v === null) continue;
    if (typeof v !== 'string' || v.includes(SEP) || v.includes(NUL)) return false;
  }
  return true;
}

function fromColumns<T>(c: Columns, segments: string[]): T[] {
  const keys = c.columns.map((col) => col.key);
  const values = c.columns.map((col): unknown[] => {
    if (col.json) return col.json;
    const text = segments[col.segment!];
    if (text === undefined) throw new Error('missing segment');
    const parts: (string | null)[] = c.count === 0 ? [] : text.split(SEP);
    for (let i = 0; i < parts.length; i++) if (parts[i] === NUL) parts[i] = null;
    return parts;
  });
  for (const v of values) if (v.length !== c.count) throw new Error('a column of the wrong length');
  const make = recordMaker(keys);
  const out: T[] = new Array(c.count);
  for (let r = 0; r < c.count; r++) out[r] = make(values, r) as T;
  return out;
}

/**
 * `(columns, r) => ({ key0: columns[0][r], ... })` as one object literal: every
 * record gets the same shape with its fields in the object itself, where adding
 * keys one by one in a loop cost a third more time and garbage. The keys are
 * embedded as JSON string literals, so a key cannot be code.
 */
function recordMaker(keys: string[]): (columns: unknown[][], r: number) => object {
  const fields = keys.map((k, i) => `${JSON.stringify(k)}: c[${i}][r]`).join(', ');
  return new Function('c', 'r', `return { ${fields} };`) as (
    columns: unknown[][],
    r: number,
  ) => object;
}

type Skeleton = Omit<EngineSnapshot, 'applications' | 'cases' | 'seen'> & {
  applications: Columns;
  cases: Columns;
  seen: Columns;
  /** byte length of each raw segment, in order, after the skeleton's line */
  segments: number[];
};

/** The file's bytes for `engine` as the fold of the log up to `head`. */
export function encodeSnapshot(engine: Engine, head: SnapshotHead): Buffer {
  const s = engine.snapshot();
  const segments = new Segments();
  const skeleton: Skeleton = {
    ...s,
    applications: toColumns(s.applications, segments),
    cases: toColumns(s.cases, segments),
    seen: toColumns(
      s.seen.map((id) => ({ id })),
      segments,
    ),
    segments: [],
  };
  skeleton.segments = segments.parts.map((p) => p.length);
  const body = Buffer.concat([
    Buffer.from(JSON.stringify(skeleton) + '\n', 'utf8'),
    ...segments.parts,
  ]);
  const header: Header = {
    format: FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    engine: engineFingerprint(),
    seq: head.seq,
    hash: head.hash,
    bytes: body.length,
    crc32: crc32(body),
  };
  return Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), body]);
}

/** The engine in `bytes`, or why it cannot be trusted. Checks everything but the log position. */
export function decodeSnapshot(
  bytes: Buffer,
  options: { trackChanges?: boolean } = {},
): SnapshotLoad {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 4096) return { ok: false, reason: 'unreadable' };
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, nl)) as Header;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (
    header?.format !== FORMAT ||
    typeof header.seq !== 'number' ||
    typeof header.hash !== 'string'
  ) {
    return { ok: false, reason: 'unreadable' };
  }
  if (header.version !== SNAPSHOT_FILE_VERSION) return { ok: false, reason: 'version' };
  if (header.engine !== engineFingerprint()) return { ok: false, reason: 'engine' };
  const body = bytes.subarray(nl + 1);
  if (body.length !== header.bytes || crc32(body) !== header.crc32)
    return { ok: false, reason: 'checksum' };
  let snapshot: EngineSnapshot;
  try {
    const end = body.indexOf(10);
    const skeleton = JSON.parse(body.toString('utf8', 0, end)) as Skeleton;
    if (skeleton.version !== 1) return { ok: false, reason: 'version' };
    const segments: string[] = [];
    let at = end + 1;
    for (const n of skeleton.segments) {
      segments.push(body.toString('utf8', at, at + n));
      at += n;
    }
    if (at !== body.length) return { ok: false, reason: 'unreadable' };
    snapshot = {
      ...skeleton,
      applications: fromColumns(skeleton.applications, segments),
      cases: fromColumns(skeleton.cases, segments),
      seen: fromColumns<{ id: string }>(skeleton.seen, segments).map((r) => r.id),
    };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const engine = Engine.restore(snapshot, { trackChanges: options.trackChanges }, true);
  return { ok: true, head: { seq: header.seq, hash: header.hash }, engine };
}

/** Writes the snapshot beside the store: a temporary file renamed over the old one, so a crash leaves one or the other. */
export async function writeSnapshotFile(
  storeFile: string,
  engine: Engine,
  head: SnapshotHead,
): Promise<void> {
  const target = snapshotPathOf(storeFile);
  const part = `${target}.part`;
  try {
    await writeFile(part, encodeSnapshot(engine, head));
    await rename(part, target);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
}

/** Reads and checks the snapshot beside the store ('missing' when there is none). */
export async function readSnapshotFile(
  storeFile: string,
  options: { trackChanges?: boolean } = {},
): Promise<SnapshotLoad> {
  let bytes: Buffer;
  try {
    const f = await open(snapshotPathOf(storeFile), 'r');
    try {
      bytes = await f.readFile();
    } finally {
      await f.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'unreadable' };
  }
  try {
    return decodeSnapshot(bytes, options);
  } catch {
    // A payload that passed the checksum but does not restore (say, a hand-edited file with a fixed-up CRC).
    return { ok: false, reason: 'unreadable' };
  }
}

export async function removeSnapshotFile(storeFile: string): Promise<void> {
  await rm(snapshotPathOf(storeFile), { force: true });
}
