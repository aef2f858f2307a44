// Every kind of bad row, in real .xlsx files: each is listed with its sheet,
// row, column and reason, every bad row and not just the first, and a file
// with any error gives no model to import.
import { describe, expect, it } from 'vitest';
import { readDistrictWorkbook } from '../../main/excel/readDistrictWorkbook';
import { describeIssue, type ImportIssue } from '../../shared/excelImport/issues';
import { type Sheets, cleanDistrict, xlsx } from './workbooks';

async function errorsOf(sheets: Sheets): Promise<ImportIssue[]> {
  const r = await readDistrictWorkbook(await xlsx(sheets));
  if (r.ok) throw new Error('expected the workbook to be refused');
  expect(r).not.toHaveProperty('model');
  return r.errors;
}

const brief = (i: ImportIssue) => ({
  sheet: i.sheet,
  row: i.row,
  column: i.column,
  cell: i.cell,
  reason: i.reason,
  value: i.value,
});

describe('a clean district workbook', () => {
  it('reads into the model, cell types converted', async () => {
    const r = await readDistrictWorkbook(await xlsx(cleanDistrict()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.schools).toEqual([
      {
        id: 'S1',
        name: 'School No. 5',
        kind: 'state',
        districtId: 'BISH-OKT',
        languages: ['ky', 'ru'],
        locality: 'urban',
        classSizeNorm: null,
        row: 2,
      },
      {
        id: 'S2',
        name: 'Ат-Башы орто мектеби',
        kind: 'municipal',
        districtId: 'NAR-ATB',
        languages: ['ky'],
        locality: 'rural',
        classSizeNorm: 28,
        row: 3,
      },
    ]);
    expect(r.model.catchments.map((c) => `${c.schoolId}:${c.prefix}`)).toEqual([
      'S1:BISH.OKT.ST01',
      'S1:BISH.OKT.ST02',
      'S2:NAR.ATB',
    ]);
    expect(r.model.quotas).toEqual([
      { schoolId: 'S1', language: 'ky', seats: 50, classes: 2, row: 2 },
      { schoolId: 'S1', language: 'ru', seats: 25, classes: 1, row: 3 },
      { schoolId: 'S2', language: 'ky', seats: 30, classes: null, row: 4 },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('accepts headers, sheet names and values in Kyrgyz or Russian, numbers typed as text, formulas, a title row above the header', async () => {
    const r = await readDistrictWorkbook(
      await xlsx({
        Школы: [
          ['Список школ района', null, null, 'Район'],
          [
            'ID школы *',
            'Название',
            'Тип',
            'Район',
            'Языки обучения',
            'Город или село',
            'Норма на класс',
          ],
          [
            101,
            { richText: [{ text: 'Школа ' }, { text: '№1' }] },
            'Государственная',
            'D1',
            'Кыргызский, Русский',
            'Сельская',
            '24',
          ],
        ],
        Микроучасток: [
          ['Мектептин ID', 'Дарек коду'],
          ['101', 41],
          ['101', '41.10'],
        ],
        Квоталар: [
          ['Мектептин ID', 'Окутуу тили', 'Орундар', 'Класстар'],
          ['101', 'ky', ' 30 ', { formula: '1+1', result: 2 }],
          ['101', 'Орус тили', 25, null],
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.schools[0]).toMatchObject({
      id: '101',
      name: 'Школа №1',
      kind: 'state',
      languages: ['ky', 'ru'],
      locality: 'rural',
      classSizeNorm: 24,
      row: 3,
    });
    expect(r.model.catchments.map((c) => c.prefix)).toEqual(['41', '41.10']);
    expect(r.model.quotas).toMatchObject([
      { seats: 30, classes: 2 },
      { language: 'ru', seats: 25, classes: null },
    ]);
  });
});

describe('each kind of bad row', () => {
  it('an unknown school in Catchments and in Quotas', async () => {
    const s = cleanDistrict();
    s.Catchments.push(['S9', 'X.Y']);
    s.Quotas.push(['S8', 'ky', 10, 1]);
    expect((await errorsOf(s)).map(brief)).toEqual([
      {
        sheet: 'catchments',
        row: 5,
        column: 'school',
        cell: 'A5',
        reason: 'unknown_school',
        value: 'S9',
      },
      {
        sheet: 'quotas',
        row: 5,
        column: 'school',
        cell: 'A5',
        reason: 'unknown_school',
        value: 'S8',
      },
    ]);
  });

  it('a negative number, a number that is not whole, text where a number goes', async () => {
    const s = cleanDistrict();
    s.Quotas[1][2] = -5;
    s.Quotas[2][3] = 1.5;
    s.Quotas[3][2] = 'thirty';
    s.Schools[2][6] = 0;
    expect((await errorsOf(s)).map(brief)).toEqual([
      {
        sheet: 'schools',
        row: 3,
        column: 'classSizeNorm',
        cell: 'G3',
        reason: 'below_minimum',
        value: '0',
      },
      { sheet: 'quotas', row: 2, column: 'seats', cell: 'C2', reason: 'negative', value: '-5' },
      {
        sheet: 'quotas',
        row: 3,
        column: 'classes',
        cell: 'D3',
        reason: 'not_an_integer',
        value: '1.5',
      },
      {
        sheet: 'quotas',
        row: 4,
        column: 'seats',
        cell: 'C4',
        reason: 'not_a_number',
        value: 'thirty',
      },
    ]);
  });

  it('a duplicate prefix for one school; the same prefix at two schools is only a warning', async () => {
    const s = cleanDistrict();
    s.Catchments.push(['S1', 'BISH.OKT.ST01']);
    expect((await errorsOf(s)).map(brief)).toEqual([
      {
        sheet: 'catchments',
        row: 5,
        column: 'addressPrefix',
        cell: 'B5',
        reason: 'duplicate_prefix',
        value: 'BISH.OKT.ST01',
      },
    ]);
    const shared = cleanDistrict();
    shared.Catchments.push(['S2', 'BISH.OKT.ST02']);
    const r = await readDistrictWorkbook(await xlsx(shared));
    expect(r.ok).toBe(true);
    expect(r.warnings.map(brief)).toEqual([
      {
        sheet: 'catchments',
        row: 5,
        column: 'addressPrefix',
        cell: 'B5',
        reason: 'shared_prefix',
        value: 'BISH.OKT.ST02 (S1)',
      },
    ]);
  });

  it('a kind outside the list, an unknown locality, a bad language, a bad address', async () => {
    const s = cleanDistrict();
    s.Schools[1][2] = 'lyceum';
    s.Schools[2][5] = 'suburban';
    s.Schools[2][4] = 'ky, Klingon tongue';
    s.Catchments[1][1] = 'BISH OKT';
    s.Catchments[2][1] = 41.1;
    expect((await errorsOf(s)).map((i) => [i.sheet, i.cell, i.reason])).toEqual([
      ['schools', 'C2', 'unknown_kind'],
      ['schools', 'E3', 'invalid_language'],
      ['schools', 'F3', 'unknown_locality'],
      ['catchments', 'B2', 'invalid_address'],
      ['catchments', 'B3', 'address_as_number'],
    ]);
  });

  it('a missing column, named with the header row', async () => {
    const s = cleanDistrict();
    s.Quotas = s.Quotas.map((r) => [r[0], r[1], r[3]]);
    expect((await errorsOf(s)).map(brief)).toEqual([
      {
        sheet: 'quotas',
        row: 1,
        column: 'seats',
        cell: null,
        reason: 'missing_column',
        value: null,
      },
    ]);
  });

  it('a missing sheet', async () => {
    const s = cleanDistrict();
    delete (s as Partial<Sheets>).Catchments;
    expect((await errorsOf(s)).map(brief)).toEqual([
      {
        sheet: 'catchments',
        row: null,
        column: null,
        cell: null,
        reason: 'missing_sheet',
        value: null,
      },
    ]);
  });

  it('empty required cells, but wholly empty rows are skipped', async () => {
    const s = cleanDistrict();
    s.Schools.push([null, null, null, null, null, null, null]);
    s.Schools.push(['S3', '', 'state', null, 'ky']);
    s.Quotas.push(['S1', null, null, 2]);
    expect((await errorsOf(s)).map((i) => [i.sheet, i.cell, i.reason])).toEqual([
      ['schools', 'B5', 'required'],
      ['schools', 'D5', 'required'],
      ['quotas', 'B5', 'required'],
      ['quotas', 'C5', 'required'],
    ]);
  });

  it('a duplicate school, a duplicate stream, a quota for a language the school does not teach, a formula error', async () => {
    const s = cleanDistrict();
    s.Schools.push(['S1', 'Again', 'state', 'D', 'ky']);
    s.Quotas.push(['S1', 'ky', 10, null]);
    s.Quotas.push(['S2', 'ru', 10, null]);
    s.Quotas.push(['S2', 'ky', { formula: '1/0', result: { error: '#DIV/0!' } }, null]);
    expect((await errorsOf(s)).map((i) => [i.sheet, i.cell, i.reason, i.value])).toEqual([
      ['schools', 'A4', 'duplicate_school', 'S1'],
      ['quotas', 'B5', 'duplicate_stream', 'S1/ky'],
      ['quotas', 'B6', 'language_not_listed', 'ru'],
      ['quotas', 'B7', 'duplicate_stream', 'S2/ky'],
      ['quotas', 'C7', 'formula_error', '#DIV/0!'],
    ]);
  });

  it('every bad row is listed, not just the first', async () => {
    const s = cleanDistrict();
    for (let i = 0; i < 50; i++)
      s.Quotas.push([
        `S1`,
        `l${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
        -i - 1,
        null,
      ]);
    s.Schools[1][4] =
      'ky, ru, ' +
      Array.from(
        { length: 50 },
        (_, i) =>
          `l${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
      ).join(', ');
    const errors = await errorsOf(s);
    expect(errors).toHaveLength(50);
    expect(errors.map((e) => e.row)).toEqual(Array.from({ length: 50 }, (_, i) => i + 5));
    expect(new Set(errors.map((e) => e.reason))).toEqual(new Set(['negative']));
  });

  it('a file that is not a workbook', async () => {
    const r = await readDistrictWorkbook(Buffer.from('school,seats\nS1,30\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.reason)).toEqual(['unreadable_file']);
  });

  it('says where and what in each language', async () => {
    const s = cleanDistrict();
    s.Quotas[1][2] = -3;
    const [issue] = await errorsOf(s);
    expect(describeIssue(issue, 'en')).toBe(
      'Sheet «Quotas», row 2, column «Seats» (C2): Negative number: -3',
    );
    expect(describeIssue(issue, 'ru')).toBe(
      'Лист «Quotas», строка 2, столбец «Seats» (C2): Отрицательное число: -3',
    );
    expect(describeIssue(issue, 'ky')).toBe(
      'Барак «Quotas», сап 2, мамыча «Seats» (C2): Терс сан: -3',
    );
    const missing = {
      ...issue,
      sheetName: null,
      row: null,
      column: null,
      columnName: null,
      cell: null,
      reason: 'missing_sheet' as const,
      value: null,
    };
    expect(describeIssue(missing, 'ru')).toBe('Лист «Квоты»: Нет листа');
  });
});
