// bench:store's floor must write what the log holds: its reader once decoded each
// 1 MiB chunk on its own and cut multi-byte characters at chunk edges (5 of the
// republic log's 154 edges), so the floor inserted corrupted text.
import { writeFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { byteLines, writeFloor } from './storeFloor';
import { tempDir } from '../store/helpers';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

/** Lines full of 2-, 3- and 4-byte characters, so that most chunk edges fall inside one. */
function multibyteLog(): string[] {
  const names = ['Айгерим Токтогулова', 'Нурбек Жумабаев', 'Өмүрбек Үсөнов', 'Ңңң 中文 🎒'];
  const at = '2026-04-11T09:00:00+06:00';
  return names.map((name, i) =>
    JSON.stringify({ id: `e${i + 1}`, type: 'note', at, data: { name } }),
  );
}

function allRows(file: string): Promise<{ id: string; type: string; at: string; body: string }[]> {
  const db = new sqlite3.Database(file);
  return new Promise((resolve, reject) =>
    db.all('SELECT id, type, at, body FROM event ORDER BY rowid', (e, rows) => {
      db.close();
      if (e) reject(e);
      else resolve(rows as { id: string; type: string; at: string; body: string }[]);
    }),
  );
}

describe('the bench:store floor', () => {
  it('splits lines on bytes, so no chunk size cuts a character', () => {
    const t = tempDir();
    dirs.push(t);
    const lines = multibyteLog();
    const file = t.file('log.jsonl');
    writeFileSync(file, lines.join('\r\n') + '\n\n' + lines[0]);
    const expected = [...lines, '', lines[0]];
    for (let chunk = 1; chunk <= 64; chunk++) {
      const seen: string[] = [];
      const bytes: string[] = [];
      const onLine = (text: string, b: Buffer) => {
        seen.push(text);
        bytes.push(Buffer.from(b).toString('utf8'));
      };
      for (const _ of byteLines(file, onLine, chunk));
      expect(seen, `chunk ${chunk}`).toEqual(expected);
      expect(bytes, `chunk ${chunk}`).toEqual(expected);
    }
  });

  it('writes every event with its body byte for byte, whatever the chunk size', async () => {
    const t = tempDir();
    dirs.push(t);
    const lines = multibyteLog();
    const log = t.file('log.jsonl');
    writeFileSync(log, lines.join('\n') + '\n');
    for (const chunk of [3, 7, 1 << 20]) {
      const db = t.file(`floor-${chunk}.sqlite`);
      expect(await writeFloor(log, db, { chunkBytes: chunk })).toBe(lines.length);
      const rows = await allRows(db);
      expect(rows.map((r) => r.body)).toEqual(lines);
      expect(rows.map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
      expect(rows.every((r) => r.type === 'note' && r.at === '2026-04-11T09:00:00+06:00')).toBe(
        true,
      );
    }
  });

  it("uses the store's page size and journal mode", async () => {
    const t = tempDir();
    dirs.push(t);
    const log = t.file('log.jsonl');
    writeFileSync(log, multibyteLog().join('\n'));
    const file = t.file('floor.sqlite');
    await writeFloor(log, file);
    const db = new sqlite3.Database(file);
    const pragma = (name: string) =>
      new Promise<unknown>((resolve, reject) =>
        db.get(`PRAGMA ${name}`, (e, row) =>
          e ? reject(e) : resolve(Object.values(row as object)[0]),
        ),
      );
    expect(await pragma('page_size')).toBe(16384);
    expect(await pragma('journal_mode')).toBe('wal');
    await new Promise((r) => db.close(r));
  });
});
