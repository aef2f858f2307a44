// Issue 12, items 6-8, reproduced on a real SQLite district: parallel uploads to one
// claim all stay linked; unfinished uploads are bounded per session and expire;
// hostile files are refused by structure and names are made safe.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import { KabylApp } from '../../main/app/kabylApp';
import { createStoreFactory } from '../../main/app/storeAdapter';
import { AttachmentUploads } from '../../main/services/attachments/attachmentUploads';
import { ATTACHMENT_UPLOAD_LIMITS, LOG_UPLOAD_LIMITS } from '../../main/services/uploadLimits';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { importWorkerFile } from '../ipc/importWorker';
import { LogBuilder, T } from '../support/logBuilder';
import { JPEG, JPEG_MAGIC_THEN_SVG, PDF_HEADER_THEN_HTA, PNG, pdf } from '../support/scans';

const CALENDAR = {
  stage2End: '2029-09-11T00:00:00+06:00',
  documentsStart: '2029-08-01T00:00:00+06:00',
  documentsEnd: '2029-09-15T00:00:00+06:00',
};

function claimsLog(): LogBuilder {
  const log = new LogBuilder(CALENDAR);
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.at(T.stage1);
  log.submit('P1', { school: 'S1', privilege: 'military' });
  log.submit('P2', { school: 'S1', privilege: 'teacher' });
  return log;
}

type Request = Record<string, unknown>;
const claim = (id: string) => ({ kind: 'claim' as const, id });

describe('attachment uploads under attack', () => {
  let f: DistrictFixture;
  let officer: Session;
  let clock = Date.parse('2029-08-05T09:00:00+06:00');
  const call = (request: Request, s: Session = officer) => f.call('attachments.upload', request, s);
  const whole = (id: string, name: string, bytes: Buffer) => ({
    subject: claim(id),
    name,
    chunk: bytes.toString('base64'),
    done: true,
  });
  const upload = (id: string, name: string, bytes: Buffer) => call(whole(id, name, bytes));
  /** An upload that must be refused: its error. */
  const refusedUpload = (id: string, name: string, bytes: Buffer) =>
    f.fails('attachments.upload', whole(id, name, bytes), officer);
  /** An upload that must go in: the stored attachment. */
  const stored = async (id: string, name: string, bytes: Buffer) =>
    (await f.must('attachments.upload', whole(id, name, bytes), officer)).attachment;

  beforeAll(async () => {
    f = await districtFixture(claimsLog(), { now: () => clock });
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  it('item 6: ten parallel uploads to one claim all answer ok and all ten stay linked', async () => {
    const files = Array.from({ length: 10 }, (_, i) => pdf(`page ${i + 1}`));
    const results = await Promise.all(
      files.map((bytes, i) => upload('P1', `page-${i + 1}.pdf`, bytes)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const queue = await f.must('privileges.queue', {}, officer);
    const linked = queue.claims.find((c) => c.applicationId === 'P1')?.attachments ?? [];
    expect(linked).toHaveLength(10);
    expect(new Set(linked.map((a) => a.name))).toEqual(
      new Set(files.map((_, i) => `page-${i + 1}.pdf`)),
    );
    expect(f.app.locks.pending).toBe(0);
  });

  it('item 7: a session holds at most a few unfinished uploads, of bounded size', async () => {
    const s = await f.signedIn('officer');
    const chunk = Buffer.alloc(3 * 1024).toString('base64');
    for (let i = 0; i < ATTACHMENT_UPLOAD_LIMITS.perCaller; i++) {
      expect(
        (await call({ subject: claim('P2'), name: `a${i}.png`, chunk, done: false }, s)).ok,
      ).toBe(true);
    }
    const oneTooMany = { subject: claim('P2'), name: 'one-too-many.png', chunk, done: false };
    const refused = await f.fails('attachments.upload', oneTooMany, s);
    expect(refused.code).toBe('invalid_request');
    expect(refused.message).toMatch(/too many unfinished uploads/);
    // another session is not blocked by this one's uploads
    expect((await call({ subject: claim('P2'), name: 'other.png', chunk, done: false })).ok).toBe(
      true,
    );
  });

  it('item 7: abandoned uploads expire after the idle limit and free their memory', async () => {
    expect(f.app.attachmentUploads.count).toBeGreaterThan(0);
    const s = await f.signedIn('officer');
    const first = {
      subject: claim('P2'),
      name: 'late.png',
      chunk: PNG.toString('base64'),
      done: false,
    };
    const started = await f.must('attachments.upload', first, s);
    clock += ATTACHMENT_UPLOAD_LIMITS.idleMs + 1000;
    const swept = await f.app.sweepUploads();
    expect(swept.attachments).toBeGreaterThanOrEqual(5);
    expect(f.app.attachmentUploads.count).toBe(0);
    expect(f.app.attachmentUploads.heldBytes).toBe(0);
    const late = await call(
      { uploadId: started.uploadId, subject: claim('P2'), name: 'late.png', chunk: '', done: true },
      s,
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('item 7: abandoned log uploads are bounded per user and deleted from disk when they expire', async () => {
    const up = (name: string) =>
      f.call('import.upload', { name, chunk: '{"partial":', done: false }, officer);
    for (let i = 0; i < LOG_UPLOAD_LIMITS.perCaller; i++)
      expect((await up(`log${i}.jsonl`)).ok).toBe(true);
    const refused = await up('one-more.jsonl');
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const dir = path.join(f.dataDir, 'imports');
    expect((await readdir(dir)).length).toBe(LOG_UPLOAD_LIMITS.perCaller);
    clock += LOG_UPLOAD_LIMITS.idleMs + 1000;
    expect((await f.app.sweepUploads()).logs).toBe(LOG_UPLOAD_LIMITS.perCaller);
    expect(await readdir(dir)).toEqual([]);
    expect(f.app.files.count).toBe(0);
  });

  it("item 8: the issue's hostile files are refused, whatever they are named", async () => {
    const hta = await refusedUpload('P2', 'scan.pdf.hta', PDF_HEADER_THEN_HTA);
    expect(hta.code).toBe('invalid_request');
    expect(hta.message).toMatch(/PDF/);
    const svg = await refusedUpload('P2', 'photo.jpg', JPEG_MAGIC_THEN_SVG);
    expect(svg.code).toBe('invalid_request');
    expect(svg.message).toMatch(/JPEG/);
    // The same HTML behind a PDF header that also fakes an xref, trailer and %%EOF.
    const faked = Buffer.concat([
      PDF_HEADER_THEN_HTA,
      Buffer.from('xref\n0 1\ntrailer\n<< >>\nstartxref\n9\n%%EOF\n'),
    ]);
    expect((await upload('P2', 'scan.pdf', faked)).ok).toBe(false);
  });

  it('item 8: names become safe base names ending with the checked type', async () => {
    // One file's bytes are stored and linked once per subject: each image goes to a different claim.
    const cases: [string, string, Buffer, string][] = [
      ['P2', 'scan.pdf.hta', pdf('hta'), 'scan.pdf.hta.pdf'],
      ['P2', '..\\..\\Windows\\evil.png', PNG, 'evil.png'],
      ['P2', '../../etc/passwd', JPEG, 'passwd.jpg'],
      ['P1', 'photo\u202egpj.exe', JPEG, 'photo_gpj.exe.jpg'],
      ['P1', 'a\u0000b\u0007c.PNG', PNG, 'a_b_c.png'],
    ];
    for (const [id, name, bytes, expected] of cases) {
      expect((await stored(id, name, bytes))?.name, name).toBe(expected);
    }
    const long = (await stored('P2', `${'я'.repeat(250)}.pdf`, pdf('long')))?.name ?? '';
    expect([...long].length).toBeLessThanOrEqual(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('unfinished uploads at start', () => {
  it('item 7: leftovers of a killed run (log uploads, half-written attachments) are removed at start', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-leftovers-'));
    await mkdir(path.join(dataDir, 'imports'), { recursive: true });
    await mkdir(path.join(dataDir, 'attachments'), { recursive: true });
    await writeFile(path.join(dataDir, 'imports', 'abandoned.jsonl'), 'x'.repeat(1000));
    await writeFile(path.join(dataDir, 'attachments', `${'a'.repeat(64)}.0b1c.tmp`), 'half');
    await writeFile(path.join(dataDir, 'attachments', 'b'.repeat(64)), 'kept: a stored attachment');
    const app = await KabylApp.start(
      {
        dataDir,
        shell: 'harness',
        version: 'test',
        stores: createStoreFactory({ importWorkerFile: await importWorkerFile() }),
      },
      'ask',
    );
    try {
      expect(await readdir(dataDir)).not.toContain('imports');
      expect(await readdir(path.join(dataDir, 'attachments'))).toEqual(['b'.repeat(64)]);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('unfinished attachment uploads across sessions', () => {
  it('item 7: all sessions together hold a bounded number of bytes; expiry frees room', () => {
    let clock = 0;
    const limits = { perCaller: 3, bytesPerCaller: 3000, idleMs: 1000, totalBytes: 5000 };
    const pending = new AttachmentUploads(() => clock, limits);
    const chunk = Buffer.alloc(1000);
    // Five sessions of 1000 bytes each fill the app; the sixth is told to come back later.
    for (let i = 0; i < 5; i++)
      pending.add(`s${i}`, undefined, claim('P1'), 'a.png', chunk, 10_000);
    expect(() => pending.add('s5', undefined, claim('P1'), 'a.png', chunk, 10_000)).toThrow(
      expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/try again/) }),
    );
    expect(pending.heldBytes).toBe(5000);
    clock += 1001;
    expect(pending.sweep()).toBe(5);
    expect(() => pending.add('s5', undefined, claim('P1'), 'a.png', chunk, 10_000)).not.toThrow();
  });
});
