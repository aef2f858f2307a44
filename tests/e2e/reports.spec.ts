// Issue 5, reports page: export a report and get the file (its bytes read back
// with exceljs: an xlsx with the report's title and header row and one row per
// item); the export shows its progress; print a report as the A4 print page.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { REPORT_TITLES } from '../../shared/reports/labels';
import { DEMO_MARK } from '../../main/excel/writeReport';

test('officer: export the streams report to Excel in Russian and read the file back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('a[href="#/reports"]').click();
  await expect(page.getByTestId('reports-page')).toBeVisible();
  await expect(page.locator('h1')).toHaveText((LOCALES.en.reports as Record<string, string>).title);

  await page.getByTestId('report-name').selectOption('streams');
  await page.getByTestId('report-lang').selectOption('ru');
  await expect(page.getByTestId('report-sample').locator('tbody tr').first()).toBeVisible();
  const downloadStarted = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toMatch(/^kabyl-streams-ru-.*\.xlsx$/);
  await expect(page.getByTestId('report-saved')).toBeVisible();
  await page.screenshot({ path: 'test-results/reports-export-en.png' });

  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  // Exported from the demo store: the title carries the DEMO mark (issue 13).
  expect(ws.getCell('A1').value).toBe(`${DEMO_MARK.ru} · ${REPORT_TITLES.streams.ru}`);
  const rows = await callApi<{ total: number; headers: string[] }>(page, 'reports.rows', {
    report: 'streams',
    lang: 'ru',
    limit: 1,
  });
  // six title rows, a blank row, the header on row 8, then one row per stream
  expect(ws.getRow(8).getCell(1).value).toBe(rows.value!.headers[0]);
  expect(ws.actualRowCount).toBe(6 + 1 + rows.value!.total);
  expect(typeof ws.getRow(9).getCell(6).value).toBe('number');
});

test('officer: print a report as A4 pages with a header', async ({ page }) => {
  await page.goto('./');
  await signIn(page, 'district');
  await chooseLanguage(page, 'ru');
  await page.locator('a[href="#/reports"]').click();
  await page.getByTestId('report-name').selectOption('daily');
  await page.getByTestId('report-lang').selectOption('ky');
  await page.getByTestId('report-print').click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('.print-title')).toHaveText(REPORT_TITLES.daily.ky);
  await expect(sheet.getByTestId('report-print-table').locator('tbody tr').first()).toBeVisible();
  await expect(sheet.locator('.print-head-org')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/reports-print-ky.png' });
  await page.getByTestId('print-close').click();
  await expect(page.getByTestId('print-page')).toHaveCount(0);
});
