// The chain head kept outside the store file (issue 12, item 5). Anyone who can
// write the SQLite file can drop its triggers, rewrite events from some point on
// and recompute every later hash: the chain inside the file then links up again.
// The heads the app itself committed are therefore also recorded here, in a file
// of their own: encrypted with the OS's keychain (Electron's safeStorage) where
// the app runs in Electron, else a plain file only the user can read (0600),
// which is weaker: the same user can rewrite it. docs/security.md says what each
// detects.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One committed head: after event `seq`, the chain's hash was `hash`. */
export interface RecordedHead {
  seq: number;
  hash: string;
}

/** How the record's bytes are protected at rest. */
export interface AnchorCodec {
  readonly protection: 'os-encrypted' | 'user-file';
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

/** Plain JSON in a file only its owner may read or write: the fallback where Electron's safeStorage is missing. */
export const plainCodec: AnchorCodec = {
  protection: 'user-file',
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

/** Electron's safeStorage (DPAPI, Keychain, libsecret): only this OS user's session can decrypt or forge it. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(bytes: Buffer): string;
}

export function safeStorageCodec(safeStorage: SafeStorageLike): AnchorCodec {
  return {
    protection: 'os-encrypted',
    encode: (text) => safeStorage.encryptString(text),
    decode: (bytes) => safeStorage.decryptString(bytes),
  };
}

/** The record can no longer be read: deleted heads are "none", but a damaged or forged record is this. */
export class AnchorUnreadableError extends Error {}

/** Heads kept per store; older ones are thinned, so the record stays a few KB however long the campaign. */
const MAX_HEADS = 128;
const KEEP_RECENT = 64;

export class ChainAnchor {
  constructor(
    /** the folder of the records (the app-data folder's `chain-heads/`) */
    readonly dir: string,
    readonly codec: AnchorCodec,
  ) {}

  get protection(): AnchorCodec['protection'] {
    return this.codec.protection;
  }

  /** One record per store file, named by a hash of its absolute path. */
  private recordFile(storeFile: string): string {
    const id = createHash('sha256').update(path.resolve(storeFile)).digest('hex').slice(0, 32);
    return path.join(
      this.dir,
      `${id}.${this.codec.protection === 'os-encrypted' ? 'bin' : 'json'}`,
    );
  }

  /** The heads recorded for a store, oldest first; [] when none were ever recorded. */
  read(storeFile: string): RecordedHead[] {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.recordFile(storeFile));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    try {
      const parsed = JSON.parse(this.codec.decode(bytes)) as { store?: unknown; heads?: unknown };
      if (!Array.isArray(parsed.heads)) throw new Error('no heads');
      return parsed.heads.map((h: unknown) => {
        const { seq, hash } = h as RecordedHead;
        if (
          !Number.isInteger(seq) ||
          seq < 1 ||
          typeof hash !== 'string' ||
          !/^[0-9a-f]{64}$/.test(hash)
        )
          throw new Error('a bad head');
        return { seq, hash };
      });
    } catch (e) {
      throw new AnchorUnreadableError(
        `the chain head recorded for ${storeFile} cannot be read: ${(e as Error).message}`,
      );
    }
  }

  /**
   * Adds a committed head. The caller has checked that the chain still holds the
   * last recorded head: a record is only ever extended, never rewritten to agree.
   */
  record(storeFile: string, head: RecordedHead): void {
    let heads = this.read(storeFile);
    const last = heads.at(-1);
    if (last && last.seq >= head.seq) return;
    heads.push({ seq: head.seq, hash: head.hash });
    if (heads.length > MAX_HEADS) {
      const older = heads.length - KEEP_RECENT;
      heads = heads.filter((_, i) => i >= older || i % 2 === 0);
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.recordFile(storeFile);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      this.codec.encode(JSON.stringify({ store: path.resolve(storeFile), heads })),
      { mode: 0o600 },
    );
    // mode applies only when the file is created; a leftover tmp file keeps whatever it had.
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }
}
