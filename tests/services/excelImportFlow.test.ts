// The Excel import flow on a real SQLite district: the template downloaded
// through the channel (empty and pre-filled) parses; a filled workbook is
// uploaded in base64 pieces; the preview lists every bad row with its sheet,
// row, column and reason and writes nothing; a clean file's preview lists the
// changes; confirm writes exactly those events (one transaction, the officer
// as actor); the same file again writes nothing; a district that moved since
// the preview is refused as stale.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import type { Channel, Res } from '../../shared/ipc/contract';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';

type Preview = Res<'excelImport.preview'>;

describe('excel import flow', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture();
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  async function call<C extends Channel>(channel: C, request: unknown): Promise<Res<C>> {
    const r = await f.call(channel, request, officer);
    if (!r.ok)
      throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), {
        error: r.error,
      });
    return r.value;
  }

  async function template(lang: string, prefilled: boolean): Promise<ExcelJS.Workbook> {
    const t = await call('excelImport.template', { lang, prefilled });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    return wb;
  }

  /** Upload in small pieces (base64 of 3-byte multiples), then preview. */
  async function preview(
    wb: ExcelJS.Workbook,
  ): Promise<{ uploadId: string; preview: Res<'excelImport.preview'> }> {
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    let uploadId: string | undefined;
    const piece = 3 * 4096;
    for (let at = 0; at < bytes.length; at += piece) {
      const done = at + piece >= bytes.length;
      const r = await call('excelImport.upload', {
        uploadId,
        name: 'district.xlsx',
        chunk: bytes.subarray(at, at + piece).toString('base64'),
        done,
      });
      uploadId = r.uploadId;
      if (done) expect(r.received).toBe(bytes.length);
    }
    return { uploadId: uploadId!, preview: await call('excelImport.preview', { uploadId }) };
  }

  /** A preview that must be clean: the test fails naming its errors otherwise. */
  function clean(p: Preview): Extract<Preview, { clean: true }> {
    if (!p.clean)
      throw new Error(`expected a clean preview, got errors ${JSON.stringify(p.errors)}`);
    return p;
  }
  /** A preview that must list errors. */
  function withErrors(p: Preview): Extract<Preview, { clean: false }> {
    if (p.clean) throw new Error('expected a preview with errors, got a clean one');
    return p;
  }

  const events = () => f.app.store!.eventCount();

  it('the template downloads as a workbook with its sheets in the chosen language', async () => {
    const ky = await template('ky', false);
    expect(ky.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
      'Мектептер',
      'Микроучасток',
      'Квоталар',
    ]);
    const en = await template('en', true);
    const schools = en.getWorksheet('Schools')!;
    expect(schools.getRow(2).getCell(1).value).toBe('S1');
    expect(en.getWorksheet('Quotas')!.rowCount).toBeGreaterThanOrEqual(4);
  });

  it('the district as downloaded, imported back: no changes, nothing written', async () => {
    const before = await events();
    const previewed = await preview(await template('ru', true));
    const { uploadId } = previewed;
    const p = clean(previewed.preview);
    expect(p.events).toBe(0);
    expect(p.changes).toEqual([]);
    expect(await call('excelImport.confirm', { uploadId })).toMatchObject({ written: 0 });
    expect(await events()).toBe(before);
  });

  it('each kind of bad row is listed with its sheet, row, column and reason, and nothing is written', async () => {
    const before = await events();
    const wb = await template('en', true);
    const schools = wb.getWorksheet('Schools')!;
    schools.addRow(['S7', 'New school', 'castle', 'BISH-OKT', 'ky']); // unknown kind
    const catchments = wb.getWorksheet('Catchments')!;
    catchments.addRow(['S1', 'BISH.OKT.ST01']); // duplicate prefix of S1
    catchments.addRow(['S9', 'BISH.OKT.ST05']); // unknown school
    const quotas = wb.getWorksheet('Quotas')!;
    quotas.getRow(2).getCell(3).value = -3; // negative seats
    const previewed = await preview(wb);
    const { uploadId } = previewed;
    const p = withErrors(previewed.preview);
    const brief = p.errors.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.reason}`);
    const lastCatchment = catchments.rowCount;
    expect(brief).toEqual(
      expect.arrayContaining([
        `schools:${schools.rowCount}:kind:unknown_kind`,
        `catchments:${lastCatchment - 1}:addressPrefix:duplicate_prefix`,
        `catchments:${lastCatchment}:school:unknown_school`,
        'quotas:2:seats:negative',
      ]),
    );
    const confirm = await f.call('excelImport.confirm', { uploadId }, officer);
    expect(confirm.ok ? 'ok' : confirm.error.code).toBe('unavailable');
    expect(await events()).toBe(before);
  });

  it('a missing column is named', async () => {
    const wb = await template('en', true);
    wb.getWorksheet('Quotas')!.spliceColumns(3, 1); // no Seats column
    const p = withErrors((await preview(wb)).preview);
    expect(p.errors).toContainEqual(
      expect.objectContaining({ sheet: 'quotas', reason: 'missing_column', column: 'seats' }),
    );
  });

  it('confirm writes exactly the planned changes, by the officer; the same file again writes nothing', async () => {
    const before = await events();
    const wb = await template('en', true);
    const quotas = wb.getWorksheet('Quotas')!;
    const s1ky = [...Array(quotas.rowCount).keys()]
      .map((i) => quotas.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'S1' && r.getCell(2).value === 'ky')!;
    s1ky.getCell(3).value = 9;
    wb.getWorksheet('Schools')!.addRow(['S3', 'Школа №3', 'state', 'BISH-OKT', 'ky']);
    wb.getWorksheet('Catchments')!.addRow(['S3', 'BISH.OKT.ST03']);
    quotas.addRow(['S3', 'ky', 25, 1]);
    const previewed = await preview(wb);
    const { uploadId } = previewed;
    const p = clean(previewed.preview);
    expect(p.counts).toEqual({
      schoolsAdded: 1,
      schoolsChanged: 0,
      catchmentsChanged: 1,
      streamsAdded: 1,
      quotasChanged: 1,
    });
    expect(p.events).toBe(4);
    expect(p.changes).toContainEqual(
      expect.objectContaining({
        type: 'quota.set',
        change: 'changed',
        schoolId: 'S1',
        language: 'ky',
        seats: 9,
        seatsBefore: 5,
      }),
    );
    expect(p.changes).toContainEqual(
      expect.objectContaining({ type: 'school.registered', change: 'added', schoolId: 'S3' }),
    );

    expect(await call('excelImport.confirm', { uploadId })).toMatchObject({ written: 4 });
    expect(await events()).toBe(before + 4);
    const engine = await f.app.store!.engine();
    expect(engine.streams.get('S1/ky')!.quota).toBe(9);
    expect(engine.schools.get('S3')!.catchment.addresses).toEqual(['BISH.OKT.ST03']);
    const written = await f.app.store!.reads.events({ afterSeq: before });
    expect(written.map((e) => e.type)).toEqual([
      'school.registered',
      'catchment.set',
      'quota.set',
      'quota.set',
    ]);
    expect(new Set(written.map((e) => `${e.actorRole}:${e.actorId}`))).toEqual(
      new Set(['district:officer']),
    );
    expect(written.every((e) => e.outcome === null)).toBe(true);

    const again = await preview(wb);
    expect(again.preview).toMatchObject({ clean: true, events: 0 });
    expect(await call('excelImport.confirm', { uploadId: again.uploadId })).toMatchObject({
      written: 0,
    });
    expect(await events()).toBe(before + 4);
  });

  it('a district that changed since the preview: confirm is refused as stale and writes nothing', async () => {
    const wb = await template('en', true);
    const quotas = wb.getWorksheet('Quotas')!;
    quotas.getRow(2).getCell(3).value = Number(quotas.getRow(2).getCell(3).value) + 1;
    const previewed = await preview(wb);
    const { uploadId } = previewed;
    const p = clean(previewed.preview);
    expect(p.events).toBe(1);
    // someone else sets that quota to the same value first: the plan is now empty, not what was previewed
    const store = f.app.store!;
    const row = quotas.getRow(2);
    await store.append([
      {
        id: 'other-officer-1',
        type: 'quota.set',
        at: (await store.lastEventAt())!,
        actor: { role: 'district', id: 'other' },
        data: {
          schoolId: String(row.getCell(1).value),
          language: String(row.getCell(2).value),
          seats: Number(row.getCell(3).value),
        },
      } as never,
    ]);
    const before = await events();
    const r = await f.call('excelImport.confirm', { uploadId }, officer);
    expect(r.ok ? 'ok' : `${r.error.code}:${r.error.reason}`).toBe('refused:import_stale');
    expect(await events()).toBe(before);
  });

  it('a piece that is not base64 is an invalid request', async () => {
    const r = await f.call(
      'excelImport.upload',
      { name: 'x.xlsx', chunk: 'not base64!', done: true },
      officer,
    );
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid_request');
  });
});
