// Issue 5, Excel import: download the district as it stands (the template,
// pre-filled), break one row (a negative seats value) and add an unknown school:
// the preview names each with its sheet and row and writes nothing; fix it with
// a real change: the preview lists it, confirm writes it; the same file again
// shows "no changes". On a private demo: the spec writes a quota.set.
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';
import { ISSUE_TEXT } from '../../shared/excelImport/issues';

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

test('officer: a bad row is named with its row; a clean change is previewed, confirmed, and not written twice', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const en = LOCALES.en.excelImport as Record<string, string>;
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('a[href="#/reports"]').click();
  await page.getByTestId('reports-tab-excel').click();
  await page.getByTestId('template-lang').selectOption('en');
  const downloadStarted = page.waitForEvent('download');
  await page.getByTestId('template-current').click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toBe('kabyl-district-current-en.xlsx');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const quotas = wb.getWorksheet('Quotas')!;
  const row2 = quotas.getRow(2);
  const school = String(row2.getCell(1).value);
  const language = String(row2.getCell(2).value);
  const seats = Number(row2.getCell(3).value);
  row2.getCell(3).value = -5;
  const catchments = wb.getWorksheet('Catchments')!;
  catchments.getCell(catchments.actualRowCount + 1, 1).value = 'NO-SUCH-SCHOOL';
  catchments.getCell(catchments.actualRowCount, 2).value = 'X.Y.Z';
  const badRow = catchments.actualRowCount;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kabyl-e2e-xlsx-'));
  const bad = path.join(dir, 'district-bad.xlsx');
  await writeFile(bad, Buffer.from(await wb.xlsx.writeBuffer()));

  const before = await callApi<{ totals: { events: number } }>(page, 'dashboard.get');
  await page.getByTestId('excel-file').setInputFiles(bad);
  const issues = page.getByTestId('excel-issue');
  await expect(issues.first()).toBeVisible();
  await expect(issues.filter({ hasText: `row 2, column «Seats` })).toContainText(
    ISSUE_TEXT.negative.en,
  );
  await expect(issues.filter({ hasText: `row ${badRow}` })).toContainText(
    ISSUE_TEXT.unknown_school.en,
  );
  await expect(page.getByTestId('excel-confirm')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/excel-import-errors-en.png' });
  const after = await callApi<{ totals: { events: number } }>(page, 'dashboard.get');
  expect(after.value!.totals.events).toBe(before.value!.totals.events);

  // Fixed, with one real change: that stream's seats go up by 2.
  row2.getCell(3).value = seats + 2;
  catchments.spliceRows(badRow, 1);
  const good = path.join(dir, 'district-good.xlsx');
  await writeFile(good, Buffer.from(await wb.xlsx.writeBuffer()));
  await page.getByTestId('excel-file').setInputFiles(good);
  await expect(page.getByTestId('excel-changes')).toBeVisible();
  await expect(page.getByTestId('excel-changes')).toContainText(`${seats} → ${seats + 2}`);
  await expect(page.getByTestId('excel-counts')).toContainText(
    en.quotasChanged.replace('{{n}}', '1'),
  );
  await page.screenshot({ path: 'test-results/excel-import-preview-en.png' });
  await page.getByTestId('excel-confirm').click();
  await expect(page.getByTestId('excel-written')).toHaveText(
    en.written_one.replace('{{count}}', '1'),
  );
  const list = await callApi<{
    schools: { schoolId: string; streams: { language: string; quota: number }[] }[];
  }>(page, 'schools.list');
  expect(
    list
      .value!.schools.find((s) => s.schoolId === school)!
      .streams.find((s) => s.language === language)!.quota,
  ).toBe(seats + 2);

  // the same file again: nothing to write
  await page.getByTestId('excel-file').setInputFiles(good);
  await expect(page.getByTestId('excel-no-changes')).toBeVisible();
});
