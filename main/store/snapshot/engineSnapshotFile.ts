// The engine, persisted next to the store so a reopened republic-sized store
// does not replay 400k events before its first write.
//
// The file is a cache, never a source of truth: it names the log position it is
// the fold of (seq and that event's hash), the engine code that folded it (a
// fingerprint of the rules' source) and a CRC-32 of its payload. Anything that
// does not match (a damaged file, another engine, a log rewritten under it)
// makes the loader answer "no snapshot", and the writer replays the log instead.
//
// Layout: one JSON header line, then the payload (UTF-8 JSON). Applications and
// cases, most of the bytes, are stored as arrays of values under one key list:
// JSON.parse of arrays is about a third cheaper than of 200k keyed objects.
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

interface Packed<T> {
  keys: (keyof T)[];
  rows: unknown[][];
}

function pack<T extends object>(items: T[]): Packed<T> {
  const keys = (items.length > 0 ? Object.keys(items[0]!) : []) as (keyof T)[];
  return { keys, rows: items.map((item) => keys.map((k) => item[k])) };
}

function unpack<T>(p: Packed<T>): T[] {
  const { keys, rows } = p;
  const out: T[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const item = {} as Record<keyof T, unknown>;
    for (let i = 0; i < keys.length; i++) item[keys[i]!] = row[i];
    out[r] = item as T;
  }
  return out;
}

type Payload = Omit<EngineSnapshot, 'applications' | 'cases'> & {
  applications: Packed<EngineSnapshot['applications'][number]>;
  cases: Packed<EngineSnapshot['cases'][number]>;
};

/** The file's bytes for `engine` as the fold of the log up to `head`. */
export function encodeSnapshot(engine: Engine, head: SnapshotHead): Buffer {
  const s = engine.snapshot();
  const payload: Payload = { ...s, applications: pack(s.applications), cases: pack(s.cases) };
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
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
export function decodeSnapshot(bytes: Buffer, options: { trackChanges?: boolean } = {}): SnapshotLoad {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 4096) return { ok: false, reason: 'unreadable' };
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, nl)) as Header;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (header?.format !== FORMAT || typeof header.seq !== 'number' || typeof header.hash !== 'string') {
    return { ok: false, reason: 'unreadable' };
  }
  if (header.version !== SNAPSHOT_FILE_VERSION) return { ok: false, reason: 'version' };
  if (header.engine !== engineFingerprint()) return { ok: false, reason: 'engine' };
  const body = bytes.subarray(nl + 1);
  if (body.length !== header.bytes || crc32(body) !== header.crc32) return { ok: false, reason: 'checksum' };
  let payload: Payload;
  try {
    payload = JSON.parse(body.toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (payload.version !== 1) return { ok: false, reason: 'version' };
  const snapshot: EngineSnapshot = { ...payload, applications: unpack(payload.applications), cases: unpack(payload.cases) };
  const engine = Engine.restore(snapshot, { trackChanges: options.trackChanges });
  return { ok: true, head: { seq: header.seq, hash: header.hash }, engine };
}

/** Writes the snapshot beside the store: a temporary file renamed over the old one, so a crash leaves one or the other. */
export async function writeSnapshotFile(storeFile: string, engine: Engine, head: SnapshotHead): Promise<void> {
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
export async function readSnapshotFile(storeFile: string, options: { trackChanges?: boolean } = {}): Promise<SnapshotLoad> {
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
