// Where the device token lives (docs/security.md, "The device token"): the
// bearer secret that lets this desktop push decisions for its district. In
// Electron it is encrypted with safeStorage (DPAPI, Keychain, libsecret); under
// the plain-Node bridge there is no OS keychain, so it is a file only this OS
// user can read (0600) - weaker, and said so. It is never in the SQLite store:
// copying district.sqlite elsewhere must not copy the right to write as us.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnchorCodec } from '../store/chainAnchor';

export interface TokenVault {
  readonly protection: AnchorCodec['protection'];
  save(token: string): void;
  /** null when no token was saved (or it was cleared) */
  load(): string | null;
  clear(): void;
}

export class TokenVaultError extends Error {}

/** A token in `<dataDir>/sync/device-token.(bin|json)`, through the same codecs as the chain anchor. */
export class FileTokenVault implements TokenVault {
  private readonly file: string;

  constructor(
    dir: string,
    private readonly codec: AnchorCodec,
  ) {
    this.file = path.join(
      dir,
      `device-token.${codec.protection === 'os-encrypted' ? 'bin' : 'json'}`,
    );
  }

  get protection(): AnchorCodec['protection'] {
    return this.codec.protection;
  }

  save(token: string): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, this.codec.encode(JSON.stringify({ token })), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  load(): string | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      const { token } = JSON.parse(this.codec.decode(bytes)) as { token?: unknown };
      if (typeof token !== 'string' || token.length === 0) throw new Error('no token in it');
      return token;
    } catch (e) {
      throw new TokenVaultError(
        `the device token in ${this.file} cannot be read: ${(e as Error).message}`,
      );
    }
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
