// From a clean workbook to events: only the changes, valid events of the log
// format, deterministic ids, and an unchanged file plans nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { validateEvent, type LogEvent } from '../../shared/log/events';
import { readDistrictWorkbook } from '../../main/excel/readDistrictWorkbook';
import { templateXlsxBuffer, writeTemplateXlsx } from '../../main/excel/writeTemplate';
import type { DistrictModel } from '../../shared/excelImport/districtModel';
import { districtModelFromEngine } from '../../shared/excelImport/fromEngine';
import { planImport } from '../../shared/excelImport/planImport';
import { LogBuilder } from '../support/logBuilder';
import { kabyl } from '../cli/runCli';
import { campaignFixture } from '../reports/campaignFixture';
import { type Sheets, cleanDistrict, xlsx } from './workbooks';

const ACTOR = { role: 'district' as const, id: 'officer-1' };
const AT = '2026-03-05T10:00:00+06:00';

async function modelOf(sheets: Sheets): Promise<DistrictModel> {
  const r = await readDistrictWorkbook(await xlsx(sheets));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

function freshEngine(): Engine {
  const engine = new Engine();
  for (const e of new LogBuilder().events) engine.ingest(e);
  return engine;
}

function apply(engine: Engine, events: LogEvent[]): void {
  for (const e of events) {
    // every planned event is a well-formed event of the log format
    validateEvent(JSON.parse(JSON.stringify(e)));
    expect(engine.ingest(e)).toEqual({ kind: 'applied', refused: null });
  }
}

describe('planImport', () => {
  it('a first import registers the schools, then sets catchments and quotas', async () => {
    const engine = freshEngine();
    const plan = planImport(engine, await modelOf(cleanDistrict()), { at: AT, actor: ACTOR });
    expect(plan.events.map((e) => e.type)).toEqual([
      'school.registered',
      'school.registered',
      'catchment.set',
      'catchment.set',
      'quota.set',
      'quota.set',
      'quota.set',
    ]);
    expect(plan.counts).toEqual({
      schoolsAdded: 2,
      schoolsChanged: 0,
      catchmentsChanged: 2,
      streamsAdded: 3,
      quotasChanged: 0,
    });
    expect(plan.events[1].data).toEqual({
      schoolId: 'S2',
      name: 'Ат-Башы орто мектеби',
      kind: 'municipal',
      districtId: 'NAR-ATB',
      locality: 'rural',
      classSizeNorm: 28,
    });
    expect(plan.events[4].data).toEqual({ schoolId: 'S1', language: 'ky', seats: 50, classes: 2 });
    expect(plan.events[6].data).toEqual({ schoolId: 'S2', language: 'ky', seats: 30 });
    for (const e of plan.events) expect(e).toMatchObject({ at: AT, actor: ACTOR });
    apply(engine, plan.events);
    expect(engine.streams.get('S1/ky')).toMatchObject({ quota: 50, classes: 2 });
    expect(engine.schools.get('S1')!.catchment.covers('BISH.OKT.ST02.H7')).toBe(true);
  });

  it('re-importing the same file plans nothing', async () => {
    const engine = freshEngine();
    const model = await modelOf(cleanDistrict());
    apply(engine, planImport(engine, model, { at: AT, actor: ACTOR }).events);
    const again = planImport(engine, await modelOf(cleanDistrict()), {
      at: '2026-03-06T10:00:00+06:00',
      actor: ACTOR,
    });
    expect(again.events).toEqual([]);
    expect(again.notices).toEqual([]);
  });

  it('a changed quota is exactly one quota.set; each other change is one event of its kind', async () => {
    const engine = freshEngine();
    apply(
      engine,
      planImport(engine, await modelOf(cleanDistrict()), { at: AT, actor: ACTOR }).events,
    );

    const quota = cleanDistrict();
    quota.Quotas[2][2] = 30;
    const q = planImport(engine, await modelOf(quota), {
      at: '2026-03-06T10:00:00+06:00',
      actor: ACTOR,
    });
    expect(q.events.map((e) => [e.type, e.data])).toEqual([
      ['quota.set', { schoolId: 'S1', language: 'ru', seats: 30, classes: 1 }],
    ]);
    expect(q.counts.quotasChanged).toBe(1);

    const other = cleanDistrict();
    other.Schools[1][1] = 'School No. 5 named after Aitmatov';
    other.Catchments.splice(2, 1); // S1 loses BISH.OKT.ST02
    other.Quotas[3][3] = 2; // S2/ky gets planned classes
    const o = planImport(engine, await modelOf(other), {
      at: '2026-03-06T10:00:00+06:00',
      actor: ACTOR,
    });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      [
        'school.registered',
        {
          schoolId: 'S1',
          name: 'School No. 5 named after Aitmatov',
          kind: 'state',
          districtId: 'BISH-OKT',
          locality: 'urban',
        },
      ],
      ['catchment.set', { schoolId: 'S1', addresses: ['BISH.OKT.ST01'] }],
      ['quota.set', { schoolId: 'S2', language: 'ky', seats: 30, classes: 2 }],
    ]);
    apply(engine, o.events);
    expect(
      planImport(engine, await modelOf(other), { at: '2026-03-07T10:00:00+06:00', actor: ACTOR })
        .events,
    ).toEqual([]);
  });

  it('catchment order does not matter; what cannot be removed is reported, not guessed', async () => {
    const engine = freshEngine();
    apply(
      engine,
      planImport(engine, await modelOf(cleanDistrict()), { at: AT, actor: ACTOR }).events,
    );
    const s = cleanDistrict();
    [s.Catchments[1], s.Catchments[2]] = [s.Catchments[2], s.Catchments[1]];
    s.Schools.splice(2, 1);
    s.Catchments.splice(3, 1);
    s.Quotas.splice(2, 2);
    s.Quotas[1][3] = null; // S1/ky classes left empty: the planned 2 stay
    s.Schools[1][4] = 'ky';
    const plan = planImport(engine, await modelOf(s), {
      at: '2026-03-06T10:00:00+06:00',
      actor: ACTOR,
    });
    expect(plan.events).toEqual([]);
    expect(plan.notices).toEqual([
      { kind: 'classes_kept', schoolId: 'S1', language: 'ky', classes: 2 },
      { kind: 'school_not_in_workbook', schoolId: 'S2' },
      { kind: 'stream_not_in_workbook', schoolId: 'S1', language: 'ru' },
    ]);
  });

  it('ids come from the content and the instant: the same plan twice is skipped as duplicates, a later one is not', async () => {
    const model = await modelOf(cleanDistrict());
    const a = planImport(freshEngine(), model, { at: AT, actor: ACTOR });
    const b = planImport(freshEngine(), model, { at: AT, actor: ACTOR });
    const later = planImport(freshEngine(), model, {
      at: '2026-03-05T10:00:01+06:00',
      actor: ACTOR,
    });
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
    for (const id of later.events.map((e) => e.id))
      expect(a.events.map((e) => e.id)).not.toContain(id);
    const custom = planImport(freshEngine(), model, {
      at: AT,
      actor: ACTOR,
      newId: (_t, _d, i) => `imp-7-${i}`,
    });
    expect(custom.events.map((e) => e.id)).toEqual(a.events.map((_, i) => `imp-7-${i}`));
    const engine = freshEngine();
    apply(engine, a.events);
    for (const e of b.events) expect(engine.ingest(e)).toEqual({ kind: 'duplicate' });
  });
});

describe('the template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-template-'));

  it('in each language: the three sheets with translated headers, frozen, with pick lists; empty, it imports as an empty district', async () => {
    for (const [lang, sheets, header] of [
      ['ky', ['Мектептер', 'Микроучасток', 'Квоталар', 'Нускама'], 'Мектептин ID *'],
      ['ru', ['Школы', 'Микроучастки', 'Квоты', 'Инструкция'], 'ID школы *'],
      ['en', ['Schools', 'Catchments', 'Quotas', 'Instructions'], 'School ID *'],
    ] as const) {
      const file = path.join(dir, `template-${lang}.xlsx`);
      await writeTemplateXlsx(file, lang);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
      const schools = wb.worksheets[0];
      expect(schools.getCell('A1').value).toBe(header);
      expect(schools.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(schools.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
      expect(schools.getCell('A2').numFmt).toBe('@');
      const r = await readDistrictWorkbook(readFileSync(file));
      expect(r).toEqual({
        ok: true,
        model: { schools: [], catchments: [], quotas: [] },
        warnings: [],
      });
    }
  });

  it('pre-filled from a log (kabyl template --from) and imported back unchanged: zero events', async () => {
    const builder = campaignFixture();
    const log = path.join(dir, 'log.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(log, builder.text());
    const file = path.join(dir, 'district-ru.xlsx');
    const r = kabyl(['template', '--out', file, '--lang', 'ru', '--from', log]);
    expect(r.stderr).toContain('written');
    expect(r.status).toBe(0);

    const engine = new Engine();
    for (const e of builder.events) engine.ingest(e);
    const read = await readDistrictWorkbook(readFileSync(file));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.model.schools.map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'P1']);
    expect(read.model.quotas).toHaveLength(5);
    expect({
      ...read.model,
      schools: read.model.schools.map((s) => ({ ...s, row: 0 })),
      catchments: read.model.catchments.map((c) => ({ ...c, row: 0 })),
      quotas: read.model.quotas.map((q) => ({ ...q, row: 0 })),
    }).toEqual(districtModelFromEngine(engine));
    const plan = planImport(engine, read.model, { at: '2026-10-01T10:00:00+06:00', actor: ACTOR });
    expect(plan.events).toEqual([]);
  });

  it('as bytes for a download: the same workbook, read back clean', async () => {
    const engine = new Engine();
    for (const e of campaignFixture().events) engine.ingest(e);
    const r = await readDistrictWorkbook(
      await templateXlsxBuffer('ky', districtModelFromEngine(engine)),
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(
        planImport(engine, r.model, { at: '2026-10-01T10:00:00+06:00', actor: ACTOR }).events,
      ).toEqual([]);
  });

  it('kabyl template argument errors', () => {
    expect(kabyl(['template']).stderr).toContain('--out FILE.xlsx is required');
    expect(kabyl(['template', '--out', path.join(dir, 'x.xlsx'), '--lang', 'kz']).status).toBe(2);
    expect(
      kabyl(['template', '--out', path.join(dir, 'x.xlsx'), '--at', '2026-10-01T10:00:00+06:00'])
        .stderr,
    ).toContain('--at needs --from');
  });
});
