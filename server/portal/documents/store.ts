// Privilege documents, stored outside any web root (KABYL_PORTAL_UPLOADS_DIR,
// by default beside the server's database), named by a random id: nothing a
// parent sends chooses a path, and no route serves the folder as files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentInfo } from '../../../shared/portal/contract';
import type { Sql } from '../../db/database';
import { newId } from '../accounts/tokens';
import { sniffDocument } from './sniff';

export class UnsupportedDocument extends Error {}

export class DocumentStore {
  constructor(
    private readonly db: Sql,
    readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async save(accountId: string, bytes: Buffer): Promise<DocumentInfo> {
    const type = sniffDocument(bytes);
    if (type === null) throw new UnsupportedDocument('the file is neither a PDF nor a JPEG');
    const documentId = newId('D');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(this.dir, `${documentId}${type === 'application/pdf' ? '.pdf' : '.jpg'}`);
    // The file first, then the row: a crash between them leaves an orphan file, never a row
    // that names a missing file.
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
    await this.db.query(
      `INSERT INTO portal_documents (document_id, account_id, type, size, sha256, file)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [documentId, accountId, type, bytes.length, sha256, path.basename(file)],
    );
    return { documentId, type, size: bytes.length, sha256 };
  }

  /** The document if it belongs to this account (a parent can attach only their own uploads). */
  async ownedBy(accountId: string, documentId: string): Promise<DocumentInfo | null> {
    const [r] = await this.db.query<{ type: DocumentInfo['type']; size: number; sha256: string }>(
      'SELECT type, size, sha256 FROM portal_documents WHERE document_id = $1 AND account_id = $2',
      [documentId, accountId],
    );
    return r ? { documentId, type: r.type, size: r.size, sha256: r.sha256 } : null;
  }

  /** The bytes of a document, for a district reviewer (GET /v1/documents/:id, device token). */
  async read(documentId: string): Promise<{ type: string; bytes: Buffer } | null> {
    const [r] = await this.db.query<{ type: string; file: string }>(
      'SELECT type, file FROM portal_documents WHERE document_id = $1',
      [documentId],
    );
    if (!r) return null;
    return { type: r.type, bytes: readFileSync(path.join(this.dir, r.file)) };
  }
}
